import { describe, expect, it } from "vitest";
import { auditActionKey, auditArgs } from "./audit-text";

const roleName = (code: string) => ({ MEMBER: "成员", ADMIN: "管理员" })[code] ?? code;

describe("audit row arguments", () => {
  it("shows role codes in the reader's language, never as MEMBER", () => {
    expect(auditArgs({ role: "MEMBER", via: "invitation" }, roleName, "member.joined").role).toBe("成员");
    expect(auditArgs({ from: "MEMBER", to: "ADMIN" }, roleName, "member.role_changed")).toMatchObject({ from: "成员", to: "管理员" });
  });

  it("leaves names alone where from/to are not roles (a rename)", () => {
    expect(auditArgs({ from: "MEMBER", to: "Acme" }, roleName, "workspace.renamed")).toMatchObject({ from: "MEMBER", to: "Acme" });
  });

  it("turns missing or odd data into empty strings, not 'undefined'", () => {
    expect(auditArgs(null, roleName, "member.left")).toEqual({ from: "", to: "", email: "", role: "", name: "", level: "" });
    expect(auditArgs({ name: 3 }, roleName).name).toBe("");
  });

  it("keys actions without dots", () => {
    expect(auditActionKey("assessment.sharing_changed")).toBe("actions.assessment_sharing_changed");
  });
});
