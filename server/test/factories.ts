import { randomUUID } from "node:crypto";
import { getDb } from "@/server/db";
import { signUp } from "@/server/auth/users";
import { createCaller } from "@/server/routers/_app";
import type { SessionUser } from "@/server/trpc";

/** Each test seeds its own users; emails are unique so tests never collide. */
export function uniqueEmail(prefix = "user") {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.local`;
}

export function callerFor(user: SessionUser | null, ip: string | null = null) {
  return createCaller({ db: getDb(), user, ip });
}

export async function createUser(opts: { name?: string; email?: string; password?: string } = {}) {
  const email = opts.email ?? uniqueEmail(opts.name?.toLowerCase() ?? "user");
  const password = opts.password ?? "correct horse battery";
  const { user, workspace } = await signUp(getDb(), { name: opts.name ?? "Test User", email, password, locale: "en" });
  const sessionUser: SessionUser = { id: user.id, email: user.email, name: user.name };
  return { user: sessionUser, password, workspace, caller: callerFor(sessionUser) };
}

/** A user with a workspace and one teammate of the given role. */
export async function createTeam(role: "ADMIN" | "MEMBER" | "VIEWER" = "MEMBER") {
  const owner = await createUser({ name: "Owner" });
  const mate = await createUser({ name: "Mate" });
  const { link } = await owner.caller.invitations.create({ workspaceId: owner.workspace.id, email: mate.user.email, role });
  const token = link.split("/invite/")[1]!;
  await mate.caller.invitations.accept({ token });
  return { owner, mate, workspaceId: owner.workspace.id };
}
