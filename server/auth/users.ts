import { z } from "zod";
import type { Db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { createWorkspace } from "@/server/workspaces/workspaces";
import { dummyHash, hashPassword, verifyPassword } from "./password";
import { hitRateLimit, resetRateLimit } from "./rate-limit";
import { DEFAULT_LOCALE, LOCALE_INFO, type Locale } from "@/server/i18n/locale";
import { ZLocale } from "@/server/schemas";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address" }))
  .pipe(z.string().max(254));
export const ZPassword = z.string().min(8, { error: "Use at least 8 characters" }).max(200, { error: "Use at most 200 characters" });

export const ZSignUpInput = z.object({
  name: z.string().trim().min(1, { error: "Enter your name" }).max(80),
  email: ZEmail,
  password: ZPassword,
  locale: ZLocale.default(DEFAULT_LOCALE),
});
export type SignUpInput = z.infer<typeof ZSignUpInput>;

export async function signUp(db: Db, input: SignUpInput) {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new DomainError("CONFLICT", "emailTaken", "An account with this email already exists");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash, locale: input.locale },
      select: { id: true, email: true, name: true, locale: true },
    });
    const workspace = await createWorkspace(tx, {
      userId: user.id,
      name: LOCALE_INFO[input.locale].personalWorkspace(input.name),
      personal: true,
    });
    return { user, workspace };
  });
}

export interface SignInLimits {
  maxAttempts: number;
  windowMs: number;
}

export class InvalidCredentialsError extends DomainError {
  constructor() {
    // One message for unknown email and wrong password: no account enumeration.
    super("UNAUTHORIZED", "invalidCredentials", "Invalid email or password");
  }
}

export class TooManyAttemptsError extends DomainError {
  constructor(retryAt: Date) {
    super("TOO_MANY_REQUESTS", "tooManyAttempts", "Too many sign-in attempts. Try again later.", {
      retryAt: retryAt.toISOString(),
    });
  }
}

/** Checks a password sign-in, rate-limited per email and per client IP. */
export async function verifyCredentials(db: Db, input: { email: string; password: string; ip: string | null }, limits: SignInLimits) {
  const email = ZEmail.safeParse(input.email);
  if (!email.success || typeof input.password !== "string") throw new InvalidCredentialsError();
  const byEmail = await hitRateLimit(db, `signin:email:${email.data}`, limits.maxAttempts, limits.windowMs);
  const byIp = input.ip ? await hitRateLimit(db, `signin:ip:${input.ip}`, limits.maxAttempts * 5, limits.windowMs) : null;
  if (!byEmail.allowed) throw new TooManyAttemptsError(byEmail.resetAt);
  if (byIp && !byIp.allowed) throw new TooManyAttemptsError(byIp.resetAt);

  const user = await db.user.findUnique({
    where: { email: email.data },
    select: { id: true, email: true, name: true, locale: true, passwordHash: true },
  });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? dummyHash());
  if (!user || !user.passwordHash || !ok) throw new InvalidCredentialsError();
  await resetRateLimit(db, `signin:email:${email.data}`);
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

/** An OAuth sign-in: the provider vouches for the email; link or create the user. */
export async function upsertOAuthUser(db: Db, input: { provider: string; providerAccountId: string; email: string; name: string | null }) {
  const email = ZEmail.parse(input.email);
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } },
    select: { user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  if (linked) return linked.user;
  return db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, locale: true } });
    if (!user) {
      user = await tx.user.create({
        data: { email, name: input.name ?? email.split("@")[0]! },
        select: { id: true, email: true, name: true, locale: true },
      });
      await createWorkspace(tx, {
        userId: user.id,
        name: `${user.name}'s workspace`,
        personal: true,
      });
    }
    await tx.account.create({
      data: { userId: user.id, provider: input.provider, providerAccountId: input.providerAccountId },
    });
    return user;
  });
}

export async function setLocale(db: Db, userId: string, locale: Locale) {
  await db.user.update({ where: { id: userId }, data: { locale } });
}

export async function getProfile(db: Db, userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, locale: true } });
}
