import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { closedLoop } from "./session-load.mjs";

describe("closedLoop: each connection keeps sending its own session's request", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("sends every request, not only the first, to the session's path with its cookie", async () => {
    const seen = new Map<string, number>();
    server = http.createServer((req, res) => {
      const key = `${req.url} ${req.headers.cookie ?? "(no cookie)"}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      res.end("ok");
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const sessions = [
      { cookie: "s=a", path: "/api/trpc/workspace.list" },
      { cookie: "s=b", path: "/w/b/team" },
      { cookie: "s=c", path: "/api/trpc/workspace.home?input=c" },
    ];

    const result = await closedLoop({
      base: `http://127.0.0.1:${port}`,
      sessions,
      seconds: 1,
      request: (s) => ({ path: s.path, headers: { cookie: s.cookie } }),
    });

    const expected = sessions.map((s) => `${s.path} ${s.cookie}`);
    expect([...seen.keys()].sort()).toEqual([...expected].sort());
    // Each connection repeated its request (a fallback to "/" after the first would show up above).
    for (const key of expected) expect(seen.get(key)).toBeGreaterThan(5);
    expect(result.non2xx + result.errors).toBe(0);
  });
});
