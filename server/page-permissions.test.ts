import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canOpenPage, PAGE_PERMISSIONS, type RoleGatedPage } from "./permissions";

/** How a link to each role-gated page is written in the components. */
const LINK_PATTERNS: Record<RoleGatedPage, RegExp> = {
  reliability: /href=\{`[^`]*\/reliability`\}/,
  newOpportunity: /href=\{`[^`]*\/new(\?[^`]*)?`\}/,
  editOpportunity: /href=\{`[^`]*\/edit`\}/,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith(".tsx") ? [full] : [];
  });
}

describe("pages a role cannot open", () => {
  it("keeps reliability to owners and admins, and creating or editing opportunities from viewers", () => {
    expect(["OWNER", "ADMIN", "MEMBER", "VIEWER"].map((r) => canOpenPage(r, "reliability"))).toEqual([true, true, false, false]);
    expect(["OWNER", "ADMIN", "MEMBER", "VIEWER"].map((r) => canOpenPage(r, "newOpportunity"))).toEqual([true, true, true, false]);
    expect(canOpenPage("VIEWER", "editOpportunity")).toBe(false);
  });

  it.each(Object.keys(PAGE_PERMISSIONS) as RoleGatedPage[])(
    "every component that links to %s hides the link with PAGE_PERMISSIONS (no member is sent to a 404)",
    (page) => {
      const root = path.join(process.cwd(), "components");
      const linking = sourceFiles(root).filter((file) => LINK_PATTERNS[page].test(readFileSync(file, "utf8")));
      expect(linking.length).toBeGreaterThan(0);
      const ungated = linking.filter((file) => !readFileSync(file, "utf8").includes(`PAGE_PERMISSIONS.${page}`));
      expect(ungated.map((f) => path.relative(root, f))).toEqual([]);
    },
  );
});
