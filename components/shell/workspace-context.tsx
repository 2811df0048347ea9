"use client";

import { createContext, useContext } from "react";
import type { Permission } from "@/server/permissions";

export interface WorkspaceInfo {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";
  permissions: Permission[];
  userId: string;
}

const Ctx = createContext<WorkspaceInfo | null>(null);

export function WorkspaceProvider({ value, children }: { value: WorkspaceInfo; children: React.ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The current workspace inside /w/[slug]; `can` only hides controls, the server decides. */
export function useWorkspace() {
  const ws = useContext(Ctx);
  if (!ws) throw new Error("useWorkspace outside a workspace layout");
  return { ...ws, can: (p: Permission) => ws.permissions.includes(p) };
}
