"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { useErrorMessage } from "@/components/ui/errors";
import { Field, Input, Textarea } from "@/components/ui/field";
import { INPUT_MAX } from "@/server/input-limits";

export function CreatePrototypeDialog() {
  const t = useTranslations("prototypes.create");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage("prototypes.dataErrors");
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [question, setQuestion] = useState("");
  const [classes, setClasses] = useState("");
  const create = useMutation(
    trpc.prototypes.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.prototypes.list.queryKey() });
        setOpen(false);
        router.push(`/w/${ws.slug}/prototypes/${created.id}`);
      },
    }),
  );
  const classNames = classes
    .split(/[\n,]/)
    .map((c) => c.trim())
    .filter(Boolean);
  return (
    <Dialog open={open} onOpenChange={setOpen} title={t("title")} description={t("description")} trigger={<Button>{t("open")}</Button>}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ workspaceId: ws.id, name, question, classes: classNames });
        }}
      >
        <Field label={t("name")}>
          {(p) => (
            <Input {...p} name="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={INPUT_MAX.prototypeName} />
          )}
        </Field>
        <Field label={t("question")} hint={t("questionHint")}>
          {(p) => (
            <Input
              {...p}
              name="question"
              value={question}
              onChange={(e) => setQuestion(e.target.value)}
              maxLength={INPUT_MAX.prototypeQuestion}
            />
          )}
        </Field>
        <Field label={t("classes")} hint={t("classesHint")}>
          {(p) => <Textarea {...p} name="classes" rows={3} value={classes} onChange={(e) => setClasses(e.target.value)} />}
        </Field>
        {create.error && <Alert>{errorMessage(create.error)}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
            {t("cancel")}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={classNames.length < 2 || !name.trim()}>
            {t("submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
