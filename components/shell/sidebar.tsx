"use client";

import { BarChart3, Brain, FlaskConical, Home, Lightbulb, Menu, Settings, Users, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { useWorkspace } from "./workspace-context";
import { WorkspaceSwitcher } from "./workspace-switcher";
import { UserMenu } from "./user-menu";
import { trapTab } from "./drawer-focus";
import { Logo } from "@/components/ui/logo";

const DRAWER_ID = "workspace-drawer";

const NAV = [
  { key: "overview", href: "", icon: Home },
  { key: "assessment", href: "/assessment", icon: Brain },
  { key: "opportunities", href: "/opportunities", icon: BarChart3 },
  { key: "prototypes", href: "/prototypes", icon: FlaskConical },
  { key: "ideas", href: "/ideas", icon: Lightbulb },
  { key: "team", href: "/team", icon: Users },
  { key: "settings", href: "/settings", icon: Settings },
] as const;

export function WorkspaceShell({ user, children }: { user: { name: string | null; email: string }; children: React.ReactNode }) {
  const t = useTranslations("common.nav");
  const ws = useWorkspace();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const drawer = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  // On phones the drawer is a modal panel: it takes focus when it opens and gives it back to the toggle.
  useEffect(() => {
    if (open) closeButton.current?.focus();
  }, [open]);
  function close() {
    setOpen(false);
    toggle.current?.focus();
  }
  function onDrawerKeyDown(e: React.KeyboardEvent<HTMLElement>) {
    const root = drawer.current;
    // Keys from portalled menus and dialogs bubble here through React; they handle their own.
    if (!open || !root || !(e.target instanceof Node) || !root.contains(e.target)) return;
    if (e.key === "Escape") {
      e.preventDefault();
      close();
      return;
    }
    trapTab(root, e);
  }
  const base = `/w/${ws.slug}`;
  const nav = (
    <nav aria-label={t("label")} className="flex flex-1 flex-col gap-1">
      {NAV.map(({ key, href, icon: Icon }) => {
        const to = base + href;
        const active = href === "" ? pathname === base : pathname.startsWith(to);
        return (
          <Link
            key={key}
            href={to}
            onClick={() => setOpen(false)}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
              active ? "bg-brand-50 text-brand-700 dark:bg-brand-900/40 dark:text-brand-100" : "text-fg-muted hover:bg-muted hover:text-fg",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {t(key)}
          </Link>
        );
      })}
    </nav>
  );
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:p-2"
      >
        {t("skip")}
      </a>
      <aside
        ref={drawer}
        id={DRAWER_ID}
        role={open ? "dialog" : undefined}
        aria-modal={open || undefined}
        aria-label={open ? t("menu") : undefined}
        onKeyDown={onDrawerKeyDown}
        className={cn(
          // Closed on a phone it is invisible, so its controls leave the Tab order and the accessibility tree.
          // Closing, visibility flips after the slide-out; opening, at once, so focus can move in.
          "no-print fixed inset-y-0 left-0 z-30 flex w-64 flex-col gap-4 border-r border-border bg-surface p-4 md:visible md:static md:translate-x-0",
          open ? "visible translate-x-0 transition-transform" : "invisible -translate-x-full transition-[transform,visibility]",
        )}
      >
        <div className="flex items-center justify-between">
          <Logo />
          <button ref={closeButton} className="rounded-md md:hidden" onClick={close} aria-label={t("close")}>
            <X className="size-5" />
          </button>
        </div>
        <WorkspaceSwitcher />
        {nav}
        <UserMenu user={user} />
      </aside>
      {open && <div className="fixed inset-0 z-20 bg-black/30 md:hidden" onClick={close} aria-hidden />}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="no-print flex items-center gap-3 border-b border-border bg-surface px-4 py-3 md:hidden">
          <button
            ref={toggle}
            className="rounded-md"
            onClick={() => setOpen(true)}
            aria-label={t("open")}
            aria-expanded={open}
            aria-controls={DRAWER_ID}
          >
            <Menu className="size-5" />
          </button>
          <span className="font-medium">{ws.name}</span>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
