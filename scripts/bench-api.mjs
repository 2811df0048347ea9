#!/usr/bin/env node
// `npm run bench:api`: load on a production build with 50 concurrent signed-in sessions, against a
// server-rendered workspace page and a tRPC query. Prints requests/s and p50/p99 latency.
// BENCH_PORT picks the port of the server it starts (default 3300).
// BENCH_URL=http://host:port drives an already running build; otherwise one is built and started
// on a fresh embedded database in a temp directory.
// `npm run bench:api -- --open-loop`: for the workspace home and a tRPC list, first the saturation
// rate (closed loop, as above), then a fixed request rate of half that (open loop: requests are
// sent on schedule whether or not earlier ones came back), reporting p99 at that rate.
import autocannon from "autocannon";
import { execSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);
const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
let base = process.env.BENCH_URL;
let server;
let dataDir;

async function waitFor(url, ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server at ${url} did not come up`);
}

if (!base) {
  const port = process.env.BENCH_PORT ?? "3300";
  base = `http://localhost:${port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), "vl-bench-"));
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    VL_DATA_DIR: dataDir,
    NEXTAUTH_URL: base,
    SIGNIN_MAX_ATTEMPTS: "1000",
    NEXT_DIST_DIR: ".next-bench",
  };
  if (!existsSync(path.join(".next-bench", "BUILD_ID")) || process.env.BENCH_REBUILD === "1")
    execSync("npx next build", { stdio: "inherit", env });
  server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], {
    stdio: "ignore",
    env: { ...env, NEXT_MANUAL_SIG_HANDLE: "1" },
  });
  await waitFor(`${base}/api/health`);
}

/** Signs up and signs in one user through the public endpoints; returns its cookie header and slug. */
async function session(i) {
  const email = `bench-${Date.now()}-${i}@bench.local`;
  const password = "bench-password-123";
  const up = await fetch(`${base}/api/trpc/account.signUp`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { name: `Bench ${i}`, email, password } }),
  });
  if (!up.ok) throw new Error(`sign-up failed: ${up.status} ${await up.text()}`);
  const slug = (await up.json()).result.data.json.workspaceSlug;
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.includes("session-token"));
  if (!cookie) throw new Error("sign-in returned no session cookie");
  // Give the home something to evaluate: one idea linked to a curated opportunity.
  const trpc = async (procedure, json, method = "GET") => {
    const url = `${base}/api/trpc/${procedure}` + (method === "GET" ? `?input=${encodeURIComponent(JSON.stringify({ json }))}` : "");
    const r = await fetch(url, {
      method,
      headers: { cookie, "content-type": "application/json" },
      ...(method === "POST" ? { body: JSON.stringify({ json }) } : {}),
    });
    if (!r.ok) throw new Error(`${procedure} failed: ${r.status} ${await r.text()}`);
    return (await r.json()).result.data.json;
  };
  const workspaceId = (await trpc("workspace.bySlug", { slug })).workspace.id;
  await trpc("ideas.create", { workspaceId, title: `Bench idea ${i}`, opportunityRef: "manufacturing.visual-inspection" }, "POST");
  return { cookie, slug, workspaceId };
}

const OPEN_LOOP = process.argv.includes("--open-loop");

function run(title, pathFor, sessions, overallRate) {
  return new Promise((resolve, reject) => {
    let next = 0;
    const instance = autocannon(
      {
        url: base,
        connections: sessions.length,
        duration: DURATION,
        ...(overallRate ? { overallRate } : {}),
        // Each connection is its own signed-in user.
        setupClient: (client) => {
          const s = sessions[next++ % sessions.length];
          client.setHeaders({ cookie: s.cookie });
          client.setRequest({ method: "GET", path: pathFor(s) });
        },
      },
      (err, result) => (err ? reject(err) : resolve({ title, result })),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

try {
  console.log(`Creating ${SESSIONS} signed-in sessions against ${base}…`);
  const sessions = [];
  for (let i = 0; i < SESSIONS; i++) sessions.push(await session(i));
  const input = encodeURIComponent(JSON.stringify({ json: null }));
  const targets = [
    ["page  GET /w/[slug]/team (server-rendered)", (s) => `/w/${s.slug}/team`],
    ["tRPC  GET /api/trpc/workspace.list", () => `/api/trpc/workspace.list?input=${input}`],
    [
      "tRPC  GET /api/trpc/workspace.home (every section's state + one idea's full evaluation)",
      (s) => `/api/trpc/workspace.home?input=${encodeURIComponent(JSON.stringify({ json: { workspaceId: s.workspaceId } }))}`,
    ],
  ];
  const measure = async (title, pathFor, rate) => {
    const { result } = await run(title, pathFor, sessions, rate);
    return {
      title,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      total: result.requests.total,
      errors: result.errors + result.non2xx,
    };
  };
  if (OPEN_LOOP) {
    const rows = [];
    for (const [title, pathFor] of targets.slice(1)) {
      const saturated = await measure(title, pathFor);
      const rate = Math.max(1, Math.round(saturated.rps / 2));
      const open = await measure(title, pathFor, rate);
      rows.push({ title, saturated, rate, open });
    }
    console.log(`\n${SESSIONS} sessions, ${DURATION} s per run: saturation (closed loop), then open loop at half of it\n`);
    console.log("| target | saturation req/s | p99 ms at saturation | open-loop rate req/s | achieved req/s | p50 ms | p99 ms | errors |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of rows)
      console.log(
        `| ${r.title} | ${r.saturated.rps.toFixed(1)} | ${r.saturated.p99} | ${r.rate} | ${r.open.rps.toFixed(1)} | ${r.open.p50} | ${r.open.p99} | ${r.saturated.errors + r.open.errors} |`,
      );
  } else {
    const rows = [];
    for (const [title, pathFor] of targets) rows.push(await measure(title, pathFor));
    console.log(`\n${SESSIONS} concurrent sessions, ${DURATION} s each\n`);
    console.log("| target | req/s | p50 ms | p99 ms | requests | errors |\n|---|---:|---:|---:|---:|---:|");
    for (const r of rows) console.log(`| ${r.title} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.total} | ${r.errors} |`);
  }
} finally {
  if (server) {
    server.kill("SIGTERM");
    await new Promise((r) => server.on("exit", r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
