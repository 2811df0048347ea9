"use client";

import * as Dropdown from "@radix-ui/react-dropdown-menu";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { fieldErrors, useErrorMessage } from "@/components/ui/errors";
import { Alert } from "@/components/ui/card";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "./workspace-context";

/**
 * Set when a workspace was just created from the switcher: the new workspace's page mounts a new
 * switcher, which then takes focus, so keyboard users continue where they were instead of on <body>.
 */
let focusAfterCreate = false;

export function WorkspaceSwitcher() {
  const t = useTranslations("workspace.switcher");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const router = useRouter();
  const list = useQuery(trpc.workspace.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!focusAfterCreate) return;
    focusAfterCreate = false;
    trigger.current?.focus();
  }, []);
  return (
    <>
      {/* Not modal: a modal menu hides the page with aria-hidden while focus can still land there. */}
      <Dropdown.Root modal={false}>
        <Dropdown.Trigger asChild>
          <button
            ref={trigger}
            className="flex w-full items-center justify-between gap-2 rounded-md border border-border bg-surface px-3 py-2 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
            aria-label={`${ws.name}, ${t("label")}`}
            data-testid="workspace-switcher"
          >
            <span className="truncate font-medium" title={ws.name}>
              {ws.name}
            </span>
            <span aria-hidden className="text-fg-subtle">
              ▾
            </span>
          </button>
        </Dropdown.Trigger>
        <Dropdown.Portal>
          <Dropdown.Content align="start" sideOffset={4} className="z-50 min-w-60 rounded-md border border-border bg-surface p-1 shadow-lg">
            <Dropdown.Label className="px-2 py-1 text-xs text-fg-subtle">{t("yourWorkspaces")}</Dropdown.Label>
            {(list.data ?? []).map((w) => (
              <Dropdown.Item
                key={w.id}
                onSelect={() => router.push(`/w/${w.slug}`)}
                className="flex cursor-pointer items-center justify-between gap-3 rounded px-2 py-1.5 text-sm outline-none data-highlighted:bg-muted data-highlighted:ring-2 data-highlighted:ring-brand-500 data-highlighted:ring-inset"
              >
                <span className="truncate" title={w.name}>
                  {w.name}
                </span>
                {w.id === ws.id && <span aria-label={t("current")}>✓</span>}
              </Dropdown.Item>
            ))}
            <Dropdown.Separator className="my-1 h-px bg-border" />
            <Dropdown.Item
              onSelect={() => setCreating(true)}
              className="cursor-pointer rounded px-2 py-1.5 text-sm text-brand-700 outline-none data-highlighted:bg-muted data-highlighted:ring-2 data-highlighted:ring-brand-500 data-highlighted:ring-inset dark:text-brand-200"
            >
              + {t("create")}
            </Dropdown.Item>
          </Dropdown.Content>
        </Dropdown.Portal>
      </Dropdown.Root>
      <CreateWorkspaceDialog
        open={creating}
        onOpenChange={setCreating}
        // The menu item that opened the dialog is gone by now: focus goes back to the switcher.
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          trigger.current?.focus();
        }}
      />
    </>
  );
}

export function CreateWorkspaceDialog({
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  const t = useTranslations("workspace.switcher");
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const errorMessage = useErrorMessage();
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: (w) => {
        focusAfterCreate = true;
        // Only for the navigation that follows, not for some later mount.
        setTimeout(() => (focusAfterCreate = false), 5_000);
        onOpenChange(false);
        setName("");
        router.push(`/w/${w.slug}`);
        router.refresh();
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      onCloseAutoFocus={onCloseAutoFocus}
      title={t("createTitle")}
      description={t("createDescription")}
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name });
        }}
      >
        <Field label={t("name")} error={fieldErrors(create.error).name}>
          {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} required minLength={2} maxLength={60} autoFocus />}
        </Field>
        {create.error && !fieldErrors(create.error).name && <Alert>{errorMessage(create.error)}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
            {t("cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("createButton")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
