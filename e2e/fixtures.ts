import type { Locale } from "@/server/i18n/locale";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";

export function uniqueEmail(prefix = "founder") {
  return `${prefix}-${randomUUID().slice(0, 8)}@e2e.local`;
}

export const PASSWORD = "e2e-password-123";

/** Creates an account through the public tRPC API (not the form) and returns its personal workspace slug. */
export async function apiSignUp(request: APIRequestContext, opts: { name?: string; email?: string; locale?: Locale } = {}) {
  const email = opts.email ?? uniqueEmail();
  const res = await request.post("/api/trpc/account.signUp", {
    data: { json: { name: opts.name ?? "E2E Founder", email, password: PASSWORD, locale: opts.locale ?? "en" } },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  const body = (await res.json()) as { result: { data: { json: { workspaceSlug: string } } } };
  return { email, password: PASSWORD, slug: body.result.data.json.workspaceSlug };
}

/** Signs in through next-auth's credentials endpoint; the cookie lands in the page's context. */
export async function apiSignIn(page: Page, email: string, password = PASSWORD) {
  const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password, json: "true", callbackUrl: "/w" },
  });
  expect(res.ok()).toBeTruthy();
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.includes("next-auth.session-token"))).toBeTruthy();
}

/** A signed-in founder on their personal workspace. */
export async function signedInFounder(page: Page, opts: { name?: string; locale?: Locale } = {}) {
  const account = await apiSignUp(page.request, opts);
  await apiSignIn(page, account.email);
  return account;
}

/** Calls a tRPC procedure with the page's session (superjson wire format). */
export async function trpc<T>(
  request: APIRequestContext,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<T> {
  const res =
    kind === "query"
      ? await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

export const DEMO_ACCOUNT = { email: "demo@venturelens.local", password: "venturelens-demo" } as const;

/**
 * Signs in as the demo founder and returns the demo workspace with its prototype's first run,
 * waiting until that run (which trains by itself after start-up) has succeeded.
 */
export async function demoWithTrainedRun(page: Page) {
  await apiSignIn(page, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
  const workspaces = await trpc<{ id: string; slug: string; name: string }[]>(page.request, "workspace.list", undefined, "query");
  const demo = workspaces.find((w) => w.name === "Demo Ventures")!;
  const ws = { workspaceId: demo.id };
  const prototypes = await trpc<{ id: string; name: string }[]>(page.request, "prototypes.list", ws, "query");
  const prototypeId = prototypes.find((p) => p.name.startsWith("Surface defect check"))!.id;
  let runId = "";
  await expect
    .poll(
      async () => {
        // While the run computes embeddings the server can drop a request: ask again.
        const runs = await trpc<{ id: string; status: string }[]>(page.request, "runs.list", { ...ws, prototypeId }, "query").catch(
          () => [],
        );
        runId = runs.find((r) => r.status === "SUCCEEDED")?.id ?? "";
        return runId !== "";
      },
      { timeout: 240_000, intervals: [2_000] },
    )
    .toBe(true);
  return { slug: demo.slug, workspaceId: demo.id, prototypeId, runId };
}
