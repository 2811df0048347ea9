import { statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { withDb } from "./db";
import { apiSignUp } from "./fixtures";

test("sign-in limits count the connection's address, not an X-Forwarded-For the client wrote", async ({ page }) => {
  const { email } = await apiSignUp(page.request);
  const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password: "not the password", json: "true", callbackUrl: "/w" },
    headers: { "X-Forwarded-For": "203.0.113.9" },
  });
  const keys = await withDb(async (db) =>
    (await db.query<{ key: string }>(`SELECT "key" FROM "RateLimitBucket" WHERE "key" LIKE $1`, [`signin:pair:${email}|%`])).rows.map(
      (r) => r.key,
    ),
  );
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/\|(127\.0\.0\.1|::1)$/);
});

test("the embedded database's URL file is readable by its owner only", () => {
  const port = process.env.E2E_PORT ?? "3199";
  const file = path.join(tmpdir(), `vl-e2e-${port}`, "db.url");
  expect(statSync(file).mode & 0o777).toBe(0o600);
});
