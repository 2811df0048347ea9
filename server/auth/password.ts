import argon2 from "argon2";
import bcrypt from "bcryptjs";

/**
 * Passwords are hashed with argon2id (OWASP's first choice) by the native `argon2` package,
 * which runs on libuv's thread pool: a burst of sign-ups no longer blocks the event loop
 * (and with it every waiting database transaction). Parameters: OWASP's minimum profile,
 * 19 MiB, 2 passes, 1 lane — about 20 ms per hash here, 19 MiB per concurrent hash.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes written before argon2 (bcryptjs, cost 10) still verify; see needsRehash. */
const BCRYPT_PREFIX = /^\$2[aby]\$/;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (BCRYPT_PREFIX.test(hash)) return bcrypt.compare(password, hash);
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash is a failed sign-in, never a 500.
    return false;
  }
}

/** A hash from an older scheme or weaker parameters: replace it once the password is known. */
export function needsRehash(hash: string): boolean {
  return BCRYPT_PREFIX.test(hash) || argon2.needsRehash(hash, ARGON2_OPTIONS);
}

let dummy: Promise<string> | undefined;
/** Compared against when the email is unknown, so a miss costs as long as a wrong password. */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword("not-a-password"));
}
