import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { callerFor, uniqueEmail } from "@/server/test/factories";

describe("sign-up under load", () => {
  it("50 founders signing up at once all get an account and a personal workspace", async () => {
    // The same name for all: their workspace slugs collide too.
    const emails = Array.from({ length: 50 }, () => uniqueEmail("burst"));
    const results = await Promise.allSettled(
      emails.map((email) => callerFor(null).account.signUp({ name: "Burst Founder", email, password: "long enough pw" })),
    );
    const failures = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
    expect(failures).toEqual([]);
    const users = await getDb().user.findMany({
      where: { email: { in: emails } },
      select: { memberships: { select: { role: true, workspace: { select: { slug: true, personal: true } } } } },
    });
    expect(users).toHaveLength(50);
    expect(
      users.every((u) => u.memberships.length === 1 && u.memberships[0]!.role === "OWNER" && u.memberships[0]!.workspace.personal),
    ).toBe(true);
    expect(new Set(users.map((u) => u.memberships[0]!.workspace.slug)).size).toBe(50);
  });
});
