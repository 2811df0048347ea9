import { hkdf, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
import type { JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

/**
 * next-auth's session cookie codec (an A256GCM-encrypted JWT, byte-for-byte the format of
 * next-auth's own `encode`/`decode`, so existing cookies stay valid), except that the key is
 * derived from the secret once per process instead of on every call. next-auth derives it with
 * HKDF on every encode and decode, and every signed-in request decodes the cookie: profiled
 * under load, that derivation was the largest single function on the main thread.
 */
const keys = new Map<string, Promise<Uint8Array>>();

function derivedKey(secret: string | Buffer, salt = ""): Promise<Uint8Array> {
  const id = `${salt}\u0000${secret.toString()}`;
  let key = keys.get(id);
  if (!key) {
    key = new Promise<Uint8Array>((resolve, reject) =>
      hkdf("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32, (err, bytes) =>
        err ? reject(err) : resolve(new Uint8Array(bytes)),
      ),
    );
    keys.set(id, key);
  }
  return key;
}

const DEFAULT_MAX_AGE_S = 30 * 24 * 60 * 60;

export async function encodeSessionToken({ token = {}, secret, maxAge = DEFAULT_MAX_AGE_S, salt }: JWTEncodeParams): Promise<string> {
  return new EncryptJWT(token as JWTPayload)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(((Date.now() / 1000) | 0) + maxAge)
    .setJti(randomUUID())
    .encrypt(await derivedKey(secret, salt));
}

export async function decodeSessionToken({ token, secret, salt }: JWTDecodeParams) {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await derivedKey(secret, salt), { clockTolerance: 15 });
  return payload;
}
