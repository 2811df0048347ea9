import { describe, expect, it } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const token = { uid: "user-1", email: "ada@example.com", name: "Ada" };

describe("session cookie codec with a derived key kept per process", () => {
  it("reads cookies next-auth wrote, so sessions survive the switch", async () => {
    const cookie = await encode({ token, secret });
    expect(await decodeSessionToken({ token: cookie, secret })).toMatchObject(token);
  });

  it("writes cookies next-auth reads, with an expiry and a fresh id each time", async () => {
    const a = await encodeSessionToken({ token, secret, maxAge: 60 });
    const b = await encodeSessionToken({ token, secret, maxAge: 60 });
    const payload = await decode({ token: a, secret });
    expect(payload).toMatchObject(token);
    expect(Number(payload!.exp) - Number(payload!.iat)).toBe(60);
    expect(payload!.jti).not.toBe((await decode({ token: b, secret }))!.jti);
  });

  it("refuses a cookie made with another secret or salt, and an expired one", async () => {
    const cookie = await encodeSessionToken({ token, secret });
    await expect(decodeSessionToken({ token: cookie, secret: secret + "x" })).rejects.toThrow();
    await expect(decodeSessionToken({ token: cookie, secret, salt: "other" })).rejects.toThrow();
    const expired = await encodeSessionToken({ token, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow();
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });
});
