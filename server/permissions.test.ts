import { describe, expect, it } from "vitest";
import { can, INVITABLE_ROLES, PERMISSIONS, permissionsOf, ROLES } from "./permissions";

describe("role → permission table", () => {
  it("gives owners everything and viewers only reads (plus taking the assessment)", () => {
    expect(permissionsOf("OWNER")).toEqual([...PERMISSIONS]);
    expect(permissionsOf("VIEWER").every((p) => p.endsWith(".read") || p === "assessment.take")).toBe(true);
  });
  it("keeps deleting a workspace to owners and administration away from members", () => {
    expect(can("ADMIN", "workspace.delete")).toBe(false);
    expect(can("ADMIN", "members.manage")).toBe(true);
    expect(can("MEMBER", "members.manage")).toBe(false);
    expect(can("MEMBER", "prototype.train")).toBe(true);
    expect(can("VIEWER", "prototype.write")).toBe(false);
  });
  it("fails closed for unknown roles and permissions", () => {
    expect(can("SUPERUSER", "workspace.read")).toBe(false);
    expect(can(undefined, "workspace.read")).toBe(false);
    expect(can("OWNER", "workspace.teleport" as never)).toBe(false);
  });
  it("never lets an invitation grant ownership", () => {
    expect(INVITABLE_ROLES).toEqual(ROLES.filter((r) => r !== "OWNER"));
    expect(INVITABLE_ROLES).not.toContain("OWNER");
  });
});
