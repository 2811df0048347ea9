import bcrypt from "bcryptjs";

// bcryptjs is pure JavaScript (no native build); cost 10 keeps a sign-in near 70 ms on one core.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummy: string | undefined;
/** Compared against when the email is unknown, so a miss costs as long as a wrong password. */
export function dummyHash(): string {
  return (dummy ??= bcrypt.hashSync("not-a-password", COST));
}
