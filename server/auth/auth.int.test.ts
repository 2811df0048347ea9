import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import bcrypt from "bcryptjs";
import { upsertOAuthUser, verifyCredentials } from "@/server/auth/users";
import { callerFor, createUser, uniqueEmail } from "@/server/test/factories";

const limits = { maxAttempts: 3, windowMs: 60_000 };
const randomIp = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("sign-up and sign-in", () => {
  it("hashes the password and never returns it", async () => {
    const { user, caller, password } = await createUser();
    const me = await caller.account.me();
    expect(me).toEqual({ id: user.id, email: user.email, name: "Test User", locale: "en" });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(password);
  });

  it("still accepts a password hashed with bcrypt before argon2, and upgrades the hash at that sign-in", async () => {
    const { user, password } = await createUser();
    await getDb().user.update({ where: { id: user.id }, data: { passwordHash: bcrypt.hashSync(password, 10) } });
    await expect(verifyCredentials(getDb(), { email: user.email, password: "wrong-password", ip: null }, limits)).rejects.toThrow(
      /Invalid email/,
    );
    await verifyCredentials(getDb(), { email: user.email, password, ip: null }, limits);
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    await verifyCredentials(getDb(), { email: user.email, password, ip: null }, limits);
  });

  it("accepts a 60-character name (its workspace name is shortened) and explains a longer one", async () => {
    const name = "Maximilian Alexander Fitzgerald-Montgomery Wolfeschlegelstein".slice(0, 60);
    expect(name).toHaveLength(60);
    const { workspaceSlug } = await callerFor(null).account.signUp({ name, email: uniqueEmail(), password: "long enough pw" });
    const ws = await getDb().workspace.findUniqueOrThrow({ where: { slug: workspaceSlug }, select: { name: true } });
    expect(ws.name.length).toBeLessThanOrEqual(60);
    expect(ws.name).toMatch(/^Maximilian .*…'s workspace$/);
    await expect(callerFor(null).account.signUp({ name: name + "x", email: uniqueEmail(), password: "long enough pw" })).rejects.toThrow(
      /Use at most 60 characters/,
    );
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    const email = uniqueEmail();
    await callerFor(null).account.signUp({ name: "A", email, password: "long enough pw" });
    await expect(callerFor(null).account.signUp({ name: "B", email: email.toUpperCase(), password: "long enough pw" })).rejects.toThrow(
      /already exists/,
    );
  });

  it("says the same thing for an unknown email and a wrong password", async () => {
    const { user } = await createUser();
    const wrong = await verifyCredentials(getDb(), { email: user.email, password: "nope-nope", ip: null }, limits).catch(
      (e: Error) => e.message,
    );
    const unknown = await verifyCredentials(getDb(), { email: uniqueEmail(), password: "nope-nope", ip: null }, limits).catch(
      (e: Error) => e.message,
    );
    expect(wrong).toBe("Invalid email or password");
    expect(unknown).toBe(wrong);
  });

  it("refuses an address that keeps failing on one email, even with the right password", async () => {
    const { user, password } = await createUser();
    for (let i = 0; i < 3; i++) {
      await verifyCredentials(getDb(), { email: user.email, password: "wrong-password", ip: "10.1.1.1" }, limits).catch(() => undefined);
    }
    await expect(verifyCredentials(getDb(), { email: user.email, password, ip: "10.1.1.1" }, limits)).rejects.toThrow(/Too many/);
  });

  it("never locks the owner out: a stranger's failures do not stop the right password from another address", async () => {
    const { user, password } = await createUser();
    const attacker = randomIp();
    const waits: number[] = [];
    const recorded = { ...limits, sleep: async (ms: number) => void waits.push(ms) };
    for (let i = 0; i < 12; i++) {
      await verifyCredentials(getDb(), { email: user.email, password: "wrong-password", ip: attacker }, recorded).catch(() => undefined);
    }
    await expect(verifyCredentials(getDb(), { email: user.email, password, ip: attacker }, recorded)).rejects.toThrow(/Too many/);
    const owner = await verifyCredentials(getDb(), { email: user.email, password, ip: randomIp() }, recorded);
    expect(owner.id).toBe(user.id);
    // The owner's own typo afterwards is slowed like the stranger's were, but still answered.
    await expect(verifyCredentials(getDb(), { email: user.email, password: "typo", ip: randomIp() }, recorded)).rejects.toThrow(
      /Invalid email/,
    );
    expect(waits.length).toBeGreaterThan(0);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
  });

  it("slows wrong passwords against one email progressively, whatever address they come from", async () => {
    const { user } = await createUser();
    const waits: number[] = [];
    const recorded = { ...limits, sleep: async (ms: number) => void waits.push(ms) };
    for (let i = 0; i < 6; i++) {
      await verifyCredentials(getDb(), { email: user.email, password: "wrong-password", ip: randomIp() }, recorded).catch(() => undefined);
    }
    expect(waits).toEqual([250, 500, 1000]);
  });

  it("rate-limits attempts per IP across emails", async () => {
    const ip = randomIp();
    let limited = false;
    for (let i = 0; i < 16 && !limited; i++) {
      const r = await verifyCredentials(getDb(), { email: uniqueEmail(), password: "whatever1", ip }, limits).catch(
        (e: Error) => e.message,
      );
      limited = r === "Too many sign-in attempts. Try again later.";
    }
    expect(limited).toBe(true);
  });

  it("remembers the language per user", async () => {
    const { caller } = await createUser();
    await caller.account.setLocale({ locale: "zh" });
    expect((await caller.account.me())?.locale).toBe("zh");
  });

  it("names the personal workspace in the visitor's language, for an email sign-up and an OAuth sign-up alike", async () => {
    const byEmail = await callerFor(null).account.signUp({ name: "李雷", email: uniqueEmail(), password: "long enough pw", locale: "zh" });
    const emailWs = await getDb().workspace.findUniqueOrThrow({ where: { slug: byEmail.workspaceSlug }, select: { name: true } });
    expect(emailWs.name).toBe("李雷 的工作区");

    const email = uniqueEmail();
    const oauth = { provider: "github", providerAccountId: `gh-${email}`, email, name: "韩梅梅" };
    const user = await upsertOAuthUser(getDb(), { ...oauth, locale: "zh" });
    expect(user.locale).toBe("zh");
    const owned = await getDb().workspace.findMany({ where: { memberships: { some: { userId: user.id } } }, select: { name: true } });
    expect(owned.map((w) => w.name)).toEqual(["韩梅梅 的工作区"]);
    // Signing in again (in any language) finds the same account and creates nothing.
    expect((await upsertOAuthUser(getDb(), { ...oauth, locale: "en" })).id).toBe(user.id);
    expect(await getDb().workspace.count({ where: { memberships: { some: { userId: user.id } } } })).toBe(1);

    const english = await upsertOAuthUser(getDb(), {
      provider: "google",
      providerAccountId: `g-${uniqueEmail()}`,
      email: uniqueEmail(),
      name: "Ann",
      locale: "en",
    });
    const englishWs = await getDb().workspace.findFirstOrThrow({
      where: { memberships: { some: { userId: english.id } } },
      select: { name: true },
    });
    expect(englishWs.name).toBe("Ann's workspace");
  });
});
