import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIp } from "@/server/auth/client-ip";
import { recordSocketAddresses } from "./socket-address";

describe("the client address behind rate limits", () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    recordSocketAddresses();
    server = http.createServer((req, res) => {
      const trusted = Number(new URL(req.url!, "http://x").searchParams.get("trusted"));
      res.end(JSON.stringify(clientIp(req.headers, trusted)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ask = async (trusted: number, headers: Record<string, string>) =>
    (await (await fetch(`http://127.0.0.1:${port}/?trusted=${trusted}`, { headers })).json()) as string | null;

  it("ignores X-Forwarded-For (and a forged socket header) when no proxy is trusted", async () => {
    expect(await ask(0, { "x-forwarded-for": "203.0.113.7" })).toBe("127.0.0.1");
    expect(await ask(0, { "x-forwarded-for": "198.51.100.1, 203.0.113.7", "x-venturelens-socket-address": "192.0.2.9" })).toBe("127.0.0.1");
  });

  it("behind one trusted proxy, takes the address that proxy appended, not what the client wrote before it", async () => {
    // The proxy (here: 127.0.0.1) appended the address it saw, 203.0.113.7; "1.1.1.1" is the client's own claim.
    expect(await ask(1, { "x-forwarded-for": "1.1.1.1, 203.0.113.7" })).toBe("203.0.113.7");
    expect(await ask(2, { "x-forwarded-for": "1.1.1.1, 203.0.113.7" })).toBe("1.1.1.1");
  });

  it("with fewer hops than trusted proxies, falls back to the first hop", async () => {
    expect(await ask(3, { "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
  });
});
