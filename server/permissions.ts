import type { Role } from "@/generated/prisma/enums";

/**
 * The one role → permission table. Anything not listed for a role is denied (fail-closed),
 * and an unknown role gets nothing.
 */
export const PERMISSIONS = [
  "workspace.read",
  "workspace.update",
  "workspace.delete",
  "members.read",
  "members.invite",
  "members.manage",
  "audit.read",
  "assessment.take",
  "assessment.read",
  "assessment.admin",
  "opportunity.read",
  "opportunity.write",
  "opportunity.settings",
  "prototype.read",
  "prototype.write",
  "prototype.train",
  "apikey.manage",
  "idea.read",
  "idea.write",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  "workspace.read",
  "members.read",
  "assessment.take",
  "assessment.read",
  "opportunity.read",
  "prototype.read",
  "idea.read",
];
const WRITE: Permission[] = ["opportunity.write", "prototype.write", "prototype.train", "idea.write"];
const ADMIN: Permission[] = [
  "workspace.update",
  "members.invite",
  "members.manage",
  "audit.read",
  "assessment.admin",
  "opportunity.settings",
  "apikey.manage",
];

const TABLE: Record<Role, ReadonlySet<Permission>> = {
  OWNER: new Set([...READ, ...WRITE, ...ADMIN, "workspace.delete"]),
  ADMIN: new Set([...READ, ...WRITE, ...ADMIN]),
  MEMBER: new Set([...READ, ...WRITE]),
  VIEWER: new Set(READ),
};

export function can(role: Role | string | null | undefined, permission: Permission): boolean {
  if (!role || !(role in TABLE)) return false;
  return TABLE[role as Role].has(permission);
}

/**
 * Pages that only some roles may open. The page answers "not found" to the others and every link to
 * it is hidden from them (`ws.can(PAGE_PERMISSIONS.x)`), so no one is sent to a page their role cannot open.
 */
export const PAGE_PERMISSIONS = {
  reliability: "assessment.admin",
  newOpportunity: "opportunity.write",
  editOpportunity: "opportunity.write",
} as const satisfies Record<string, Permission>;
export type RoleGatedPage = keyof typeof PAGE_PERMISSIONS;

export function canOpenPage(role: Role | string | null | undefined, page: RoleGatedPage): boolean {
  return can(role, PAGE_PERMISSIONS[page]);
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => can(role, p));
}

/** Every role, most powerful first (the order pickers show). */
export const ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const satisfies readonly Role[];

/** Roles an invitation may grant: ownership is handed over by promoting a member, never by a link. */
export const INVITABLE_ROLES = ROLES.filter((r): r is Exclude<Role, "OWNER"> => r !== "OWNER");
export type InvitableRole = (typeof INVITABLE_ROLES)[number];
