#!/usr/bin/env node
// npm run bench:page-sizes -- [baseURL]
// Bytes of server-rendered HTML per page, in English and Chinese: the workspace pages signed in as the
// demo founder (its saved language switched for each), an invitation and an outside rater's page signed
// out (language from the cookie). Run it against a fresh production server, e.g. the e2e server:
// E2E_SKIP_BUILD=1 E2E_PORT=3431 NEXT_DIST_DIR=.next-x node scripts/e2e-server.mjs. It waits until the
// demo run has trained, since the home shows it. Most of what a page carries beyond its markup is the
// message catalogue its <ClientMessages> hands the browser (components/i18n/client-messages.tsx).
// Figures, not assertions: record them in docs/BENCHMARKS.md. Note that it switches the demo account's language.
import { gzipSync } from "node:zlib";

const base = process.argv[2] ?? "http://localhost:3431";
const jar = new Map();
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
async function req(path, init = {}) {
  const res = await fetch(base + path, { ...init, redirect: "manual", headers: { ...init.headers, cookie: cookie() } });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return res;
}
async function trpc(path, input, kind = "mutation") {
  const res =
    kind === "query"
      ? await req(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await req(`/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ json: input }),
        });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()).result.data.json;
}

const { csrfToken } = await (await req("/api/auth/csrf")).json();
await req("/api/auth/callback/credentials", {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ csrfToken, email: "demo@venturelens.local", password: "venturelens-demo", json: "true", callbackUrl: "/w" }),
});
const ws = (await trpc("workspace.list", undefined, "query")).find((w) => w.name === "Demo Ventures");
const workspaceId = ws.id;
const prototypeId = (await trpc("prototypes.list", { workspaceId }, "query")).find((p) => p.name.startsWith("Surface defect check")).id;
for (let i = 0; ; i++) {
  // While the run computes embeddings the server can drop a request: ask again.
  const runs = await trpc("runs.list", { workspaceId, prototypeId }, "query").catch(() => []);
  if (runs.some((r) => r.status === "SUCCEEDED")) break;
  if (i >= 150) throw new Error("the demo run did not finish in 5 minutes");
  await new Promise((r) => setTimeout(r, 2000));
}
const idea = (await trpc("ideas.list", { workspaceId }, "query")).find((i) => i.title.startsWith("Defect spotting"));
const invite = await trpc("invitations.create", { workspaceId, email: `page-sizes-${Date.now()}@example.com`, role: "MEMBER" });
const rater = await trpc("raters.inviteLink", { workspaceId, label: "Page sizes" });
const s = `/w/${ws.slug}`;
const signedIn = {
  home: s,
  ideas: `${s}/ideas`,
  "ideas/[ideaId]": `${s}/ideas/${idea.id}`,
  prototypes: `${s}/prototypes`,
  assessment: `${s}/assessment`,
  opportunities: `${s}/opportunities`,
  team: `${s}/team`,
};
const signedOut = {
  "invite/[token]": `/invite/${invite.link.split("/invite/")[1]}`,
  "rate/[token]": `/rate/${rater.link.split("/rate/")[1]}`,
};

const rows = [];
for (const locale of ["en", "zh"]) {
  await trpc("account.setLocale", { locale });
  for (const [page, path] of [...Object.entries(signedIn), ...Object.entries(signedOut)]) {
    const res =
      page in signedOut ? await fetch(base + path, { redirect: "manual", headers: { cookie: `vl-locale=${locale}` } }) : await req(path);
    const html = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    const lang = html.toString().match(/<html lang="([^"]+)"/)?.[1];
    if (!lang?.startsWith(locale)) throw new Error(`${path}: <html lang="${lang}">, asked for ${locale}`);
    rows.push({ page, locale, bytes: html.length, gzip: gzipSync(html).length });
  }
}
console.table(rows);
