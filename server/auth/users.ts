import { z } from "zod";
import { INPUT_MAX } from "@/server/input-limits";
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { createWorkspace, WORKSPACE_NAME_MAX } from "@/server/workspaces/workspaces";
import { NAME_MAX_LENGTH } from "./name";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "./password";
import { failureDelayMs, hitRateLimit, refundRateLimit, resetRateLimit } from "./rate-limit";
import { DEFAULT_LOCALE, isLocale, LOCALE_INFO, type Locale } from "@/server/i18n/locale";
import { ZLocale } from "@/server/schemas";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address" }))
  .pipe(z.string().max(INPUT_MAX.email));
export const ZPassword = z
  .string()
  .min(8, { error: "Use at least 8 characters" })
  .max(INPUT_MAX.password, { error: `Use at most ${INPUT_MAX.password} characters` });

export const ZSignUpInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "Enter your name" })
    .max(NAME_MAX_LENGTH, { error: `Use at most ${NAME_MAX_LENGTH} characters` }),
  email: ZEmail,
  password: ZPassword,
  locale: ZLocale.default(DEFAULT_LOCALE),
});
export type SignUpInput = z.infer<typeof ZSignUpInput>;

/** "<name>'s workspace", shortening the name so that the result is a valid workspace name. */
function personalWorkspaceName(input: { name: string; locale?: Locale }): string {
  const wrap = (n: string) => LOCALE_INFO[input.locale ?? DEFAULT_LOCALE].personalWorkspace(n);
  const room = WORKSPACE_NAME_MAX - wrap("").length;
  const chars = [...input.name.trim()];
  return wrap(
    chars.length > room
      ? chars
          .slice(0, room - 1)
          .join("")
          .trimEnd() + "…"
      : chars.join(""),
  );
}

const emailTaken = () => new DomainError("CONFLICT", "emailTaken", "An account with this email already exists");

/** How often a sign-up retries after losing a race for its workspace slug. */
const SLUG_RETRIES = 3;

export async function signUp(db: Db, input: SignUpInput) {
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw emailTaken();
  // Hashed before the transaction opens: a transaction must never wait on CPU work.
  const passwordHash = await hashPassword(input.password);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const user = await tx.user.create({
          data: { email: input.email, name: input.name, passwordHash, locale: input.locale },
          select: { id: true, email: true, name: true, locale: true },
        });
        const workspace = await createWorkspace(tx, { userId: user.id, name: personalWorkspaceName(input), personal: true });
        return { user, workspace };
      });
    } catch (err) {
      if (!(err instanceof Prisma.PrismaClientKnownRequestError) || err.code !== "P2002") throw err;
      // Either the same email signed up in parallel, or another sign-up took the slug this one picked.
      if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw emailTaken();
      if (attempt >= SLUG_RETRIES) throw err;
    }
  }
}

export interface SignInLimits {
  /** Attempts for one email from one address in the window; the address is then refused for that email. */
  maxAttempts: number;
  windowMs: number;
  /** Waits out the progressive delay after a wrong password (tests record it instead). */
  sleep?: (ms: number) => Promise<void>;
}

/** One address may try this many times as many attempts, over all emails, as on one email. */
const IP_ATTEMPTS_FACTOR = 5;

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

/**
 * Checks a password sign-in. Limits are per (email, address) and per address, so a stranger
 * failing against someone's email locks out only the stranger: the owner, signing in from an
 * address that has not been failing, is never refused. Failures against one email from all
 * addresses together only slow the answer down (failureDelayMs). Attempts are counted before
 * the password is checked, so parallel guesses cannot all slip under a limit; a correct one
 * gives its count back.
 */
export async function verifyCredentials(db: Db, input: { email: string; password: string; ip: string | null }, limits: SignInLimits) {
  const email = ZEmail.safeParse(input.email);
  if (!email.success || typeof input.password !== "string") throw new InvalidCredentialsError();
  const pairKey = `signin:pair:${email.data}|${input.ip ?? "-"}`;
  const ipKey = input.ip ? `signin:ip:${input.ip}` : null;
  const byPair = await hitRateLimit(db, pairKey, limits.maxAttempts, limits.windowMs);
  const byIp = ipKey ? await hitRateLimit(db, ipKey, limits.maxAttempts * IP_ATTEMPTS_FACTOR, limits.windowMs) : null;
  if (!byPair.allowed) throw new TooManyAttemptsError(byPair.resetAt);
  if (byIp && !byIp.allowed) throw new TooManyAttemptsError(byIp.resetAt);

  const user = await db.user.findUnique({
    where: { email: email.data },
    select: { id: true, email: true, name: true, locale: true, passwordHash: true },
  });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !user.passwordHash || !ok) {
    const failures = await hitRateLimit(db, `signin:failures:${email.data}`, Number.MAX_SAFE_INTEGER, limits.windowMs);
    const wait = failureDelayMs(failures.count);
    if (wait > 0) await (limits.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))(wait);
    throw new InvalidCredentialsError();
  }
  if (needsRehash(user.passwordHash)) {
    // Upgrades bcrypt hashes from before argon2id; only possible now that the password is known.
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.password) } });
  }
  await resetRateLimit(db, pairKey);
  if (ipKey) await refundRateLimit(db, ipKey);
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

/**
 * An OAuth sign-in: the provider vouches for the email; link or create the user. A new user gets
 * `locale` (the language the sign-in page was shown in) and a personal workspace named in it,
 * exactly like a sign-up with email.
 */
export async function upsertOAuthUser(
  db: Db,
  input: { provider: string; providerAccountId: string; email: string; name: string | null; locale: Locale },
) {
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
        data: { email, name: input.name ?? email.split("@")[0]!, locale: input.locale },
        select: { id: true, email: true, name: true, locale: true },
      });
      await createWorkspace(tx, {
        userId: user.id,
        name: personalWorkspaceName({ name: user.name ?? email, locale: input.locale }),
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

/** The language the user chose for the app (pages and the errors of the routes they call), if any. */
export async function savedLocale(db: Db, userId: string): Promise<Locale | undefined> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { locale: true } });
  return isLocale(row?.locale) ? row.locale : undefined;
}

export async function getProfile(db: Db, userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, locale: true } });
}
