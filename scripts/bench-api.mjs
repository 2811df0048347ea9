#!/usr/bin/env node
// `npm run bench:api`: load on a production build with 50 concurrent signed-in sessions, against a
// server-rendered workspace page and a tRPC query. Prints requests/s and p50/p99 latency.
// BENCH_PORT picks the port of the server it starts (default 3300).
// BENCH_URL=http://host:port drives an already running build; otherwise one is built and started
// on a fresh embedded database in a temp directory.
// `npm run bench:api -- --open-loop`: for the workspace home and a tRPC list, first the saturation
// rate (closed loop, as above), then a fixed request rate of half that (open loop, scripts/open-loop.mjs:
// requests are sent on schedule whether or not earlier ones came back, latency counted from when each
// was due), reporting p99 at that rate. BENCH_OPEN_RATE fixes the rate instead (for interleaved
// before/after runs); BENCH_ARRIVALS=poisson draws random gaps instead of even ones.
// `--no-predict` skips the REST predict part.
// Then REST predict on the demo prototype (once its first run has trained): images/s with one image
// per request and with batches of 20 (`--predict-only` skips the page targets; BENCH_PREDICT_SECONDS, default 10).
import { closedLoop } from "./lib/session-load.mjs";
import sharp from "sharp";
import { openLoop } from "./open-loop.mjs";
import { execSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
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
    // The predict targets measure throughput, not the per-key limit.
    API_PREDICT_PER_MINUTE: "1000000",
    // BENCH_DIST_DIR: another build to compare (interleaved before/after runs).
    NEXT_DIST_DIR: process.env.BENCH_DIST_DIR ?? ".next-bench",
  };
  if (!existsSync(path.join(env.NEXT_DIST_DIR, "BUILD_ID")) || process.env.BENCH_REBUILD === "1")
    execSync("npx next build", { stdio: "inherit", env });
  // BENCH_SERVER_NODE_ARGS: node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (Node refuses
  // --cpu-prof in NODE_OPTIONS); BENCH_SERVER_NODE_OPTIONS: NODE_OPTIONS, e.g. a preload that samples the event loop.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  server = spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", port], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...env, NEXT_MANUAL_SIG_HANDLE: "1", NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? "" },
  });
  const exited = new Promise((_, reject) =>
    server.once("exit", (code) => reject(new Error(`the server exited (code ${code}) before answering; its stderr is above`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitFor(`${base}/api/health`), exited]).catch((err) => {
    server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
}

/**
 * CPU seconds the server process has used (Linux, and only for the server this script started):
 * on a shared machine, CPU per request is the figure that other processes' load does not skew.
 */
function serverCpuSeconds() {
  if (!server?.pid) return undefined;
  try {
    const fields = readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Waits until the server this script started has been idle (under 5 % of a core) for a second,
 * at most 30 s; for a server given by BENCH_URL, whose CPU time is not readable, a fixed 5 s.
 */
async function untilServerIdle() {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  if (serverCpuSeconds() === undefined) return sleep(5000);
  const until = Date.now() + 30_000;
  let quietFor = 0;
  let last = serverCpuSeconds();
  while (quietFor < 1000 && Date.now() < until) {
    await sleep(250);
    const now = serverCpuSeconds();
    quietFor = now - last < 0.0125 ? quietFor + 250 : 0;
    last = now;
  }
}

/** Signs in through next-auth's credentials endpoint; returns the session cookie ("name=value"), or undefined when refused. */
async function signIn(email, password) {
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
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.includes("session-token"));
}

/** A tRPC caller over HTTP with one session's cookie: GET for queries, POST for mutations (superjson wire format). */
function trpcAs(cookie) {
  return async (procedure, json, method = "GET") => {
    const url = `${base}/api/trpc/${procedure}` + (method === "GET" ? `?input=${encodeURIComponent(JSON.stringify({ json }))}` : "");
    const r = await fetch(url, {
      method,
      headers: { cookie, "content-type": "application/json" },
      ...(method === "POST" ? { body: JSON.stringify({ json }) } : {}),
    });
    if (!r.ok) throw new Error(`${procedure} failed: ${r.status} ${await r.text()}`);
    return (await r.json()).result.data.json;
  };
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
  const cookie = await signIn(email, password);
  if (!cookie) throw new Error("sign-in returned no session cookie");
  // Give the home something to evaluate: one idea linked to a curated opportunity.
  const trpc = trpcAs(cookie);
  const workspaceId = (await trpc("workspace.bySlug", { slug })).workspace.id;
  await trpc("ideas.create", { workspaceId, title: `Bench idea ${i}`, opportunityRef: "manufacturing.visual-inspection" }, "POST");
  return { cookie, slug, workspaceId };
}

const OPEN_LOOP = process.argv.includes("--open-loop");
const PREDICT_ONLY = process.argv.includes("--predict-only");
const NO_PREDICT = process.argv.includes("--no-predict");
const OPEN_RATE = process.env.BENCH_OPEN_RATE ? Number(process.env.BENCH_OPEN_RATE) : undefined;
const ARRIVALS = process.env.BENCH_ARRIVALS === "poisson" ? "poisson" : "constant";
const PREDICT_SECONDS = Number(process.env.BENCH_PREDICT_SECONDS ?? 10);
const BATCH = 20;

/** Signs in as the demo account; null when there is none (a database without the demo seed). */
async function demoSession() {
  const cookie = await signIn("demo@venturelens.local", "venturelens-demo");
  if (!cookie) return null;
  const trpc = trpcAs(cookie);
  let workspaceId;
  let prototype;
  for (const w of await trpc("workspace.list", null)) {
    [prototype] = await trpc("prototypes.list", { workspaceId: w.id });
    workspaceId = w.id;
    if (prototype) break;
  }
  return prototype ? { trpc, workspaceId, prototype } : null;
}

/**
 * Waits for the demo prototype's first run (it trains in the server process right after start):
 * page figures taken while it trains measure the training, not the pages.
 */
async function waitForDemoRun(demo) {
  const until = Date.now() + 600_000;
  while ((await demo.trpc("prototypes.list", { workspaceId: demo.workspaceId }))[0].latestRun?.status !== "SUCCEEDED") {
    if (Date.now() > until) throw new Error("the demo run did not finish in 10 minutes");
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Signs in as the demo account, waits for the demo prototype's first run, and makes an API key. */
async function demoPredictTarget() {
  const demo = await demoSession();
  if (!demo) throw new Error("demo sign-in failed (the demo account exists only on a fresh database with SEED_DEMO=1)");
  await waitForDemoRun(demo);
  const { key } = await demo.trpc("apiKeys.create", { workspaceId: demo.workspaceId, name: "bench" }, "POST");
  return { prototypeId: demo.prototype.id, key };
}

/** Images/s through POST /api/v1/prototypes/{id}/predict with `perRequest` images per call, `concurrency` calls in flight. */
async function predictThroughput({ prototypeId, key }, images, perRequest, concurrency) {
  const until = Date.now() + PREDICT_SECONDS * 1000;
  let done = 0;
  let errors = 0;
  const latencies = [];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      let i = worker;
      while (Date.now() < until) {
        const form = new FormData();
        for (let k = 0; k < perRequest; k++)
          form.append("image", new Blob([images[(i + k) % images.length]], { type: "image/png" }), `b${k}.png`);
        i += perRequest;
        const t0 = performance.now();
        const r = await fetch(`${base}/api/v1/prototypes/${prototypeId}/predict`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}` },
          body: form,
        });
        await r.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (r.ok) done += perRequest;
        else errors++;
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  return { imagesPerSecond: done / seconds, requests: latencies.length, p50: q(0.5), p99: q(0.99), errors };
}

async function benchPredict() {
  const target = await demoPredictTarget();
  // 40 distinct 224×224 photos-like PNGs (noise over a gradient): decoding costs what a real photo's would.
  const images = [];
  for (let i = 0; i < 40; i++) {
    const raw = Buffer.alloc(224 * 224 * 3);
    for (let p = 0; p < raw.length; p++) raw[p] = (p * (i + 3) + ((p * 2654435761) >>> 24)) & 0xff;
    images.push(
      await sharp(raw, { raw: { width: 224, height: 224, channels: 3 } })
        .png()
        .toBuffer(),
    );
  }
  // Warm-up outside the measurement: the first call loads the run's model.onnx into the prediction thread.
  for (const n of [1, BATCH]) {
    const form = new FormData();
    for (let k = 0; k < n; k++) form.append("image", new Blob([images[k]], { type: "image/png" }), `w${k}.png`);
    const r = await fetch(`${base}/api/v1/prototypes/${target.prototypeId}/predict`, {
      method: "POST",
      headers: { authorization: `Bearer ${target.key}` },
      body: form,
    });
    if (!r.ok) throw new Error(`warm-up predict failed: ${r.status} ${await r.text()}`);
  }
  const rows = [
    // One at a time: the latency one caller sees (the target: p50 ≤ 30 ms on a quiet machine).
    ["REST predict, 1 image per request, 1 in flight", await predictThroughput(target, images, 1, 1)],
    ["REST predict, 1 image per request, 4 in flight", await predictThroughput(target, images, 1, 4)],
    [`REST predict, batches of ${BATCH}, 1 in flight`, await predictThroughput(target, images, BATCH, 1)],
    [`REST predict, batches of ${BATCH}, 2 in flight`, await predictThroughput(target, images, BATCH, 2)],
  ];
  console.log(`\nREST predict on the demo prototype, ${PREDICT_SECONDS} s each\n`);
  console.log("| target | images/s | requests | p50 ms per request | p99 ms | errors |\n|---|---:|---:|---:|---:|---:|");
  for (const [title, r] of rows)
    console.log(`| ${title} | ${r.imagesPerSecond.toFixed(1)} | ${r.requests} | ${r.p50} | ${r.p99} | ${r.errors} |`);
}

function run(title, pathFor, sessions) {
  return closedLoop({
    base,
    sessions,
    seconds: DURATION,
    request: (s) => ({ path: pathFor(s), headers: { cookie: s.cookie } }),
  }).then((result) => ({ title, result }));
}

try {
  if (!PREDICT_ONLY) await benchPages();
  if (!NO_PREDICT) await benchPredict();
} finally {
  if (server) {
    server.kill("SIGTERM");
    await new Promise((r) => server.on("exit", r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

async function benchPages() {
  console.log(`Creating ${SESSIONS} signed-in sessions against ${base}…`);
  const sessions = [];
  for (let i = 0; i < SESSIONS; i++) sessions.push(await session(i));
  const demo = await demoSession();
  if (demo) {
    console.log("Waiting for the demo prototype's first run to finish…");
    await waitForDemoRun(demo);
  }
  const input = encodeURIComponent(JSON.stringify({ json: null }));
  const targets = [
    ["page  GET /w/[slug]/team (server-rendered)", (s) => `/w/${s.slug}/team`],
    ["tRPC  GET /api/trpc/workspace.list", () => `/api/trpc/workspace.list?input=${input}`],
    [
      "tRPC  GET /api/trpc/workspace.home (every section's state + one idea's full evaluation)",
      (s) => `/api/trpc/workspace.home?input=${encodeURIComponent(JSON.stringify({ json: { workspaceId: s.workspaceId } }))}`,
    ],
  ];
  const measure = async (title, pathFor) => {
    const cpu0 = serverCpuSeconds();
    const { result } = await run(title, pathFor, sessions);
    const cpu1 = serverCpuSeconds();
    return {
      cpuMsPerRequest: cpu0 === undefined ? undefined : ((cpu1 - cpu0) * 1000) / Math.max(1, result.requests.total),
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
    const load = () => loadavg()[0].toFixed(1);
    for (const [title, pathFor] of targets.slice(1)) {
      const loadBefore = load();
      const saturated = OPEN_RATE ? undefined : await measure(title, pathFor);
      const rate = OPEN_RATE ?? Math.max(1, Math.round(saturated.rps / 2));
      // autocannon stops with ~50 requests in flight that the server still answers: without this
      // pause the open loop's first second queues behind them and their backlog becomes its p99.
      await untilServerIdle();
      const cpu0 = serverCpuSeconds();
      const open = await openLoop({
        base,
        rate,
        seconds: DURATION,
        arrivals: ARRIVALS,
        request: (k) => {
          const s = sessions[k % sessions.length];
          return { path: pathFor(s), headers: { cookie: s.cookie } };
        },
      });
      const cpu1 = serverCpuSeconds();
      const cpu = cpu0 === undefined ? undefined : ((cpu1 - cpu0) * 1000) / open.sent;
      rows.push({ title, saturated, rate, open, cpu, load: `${loadBefore}–${load()}` });
    }
    console.log(
      `\n${SESSIONS} sessions, ${DURATION} s per run: saturation (closed loop), then open loop (${ARRIVALS} arrivals) at half of it\n`,
    );
    console.log(
      "| target | saturation req/s | p99 ms at saturation | open-loop rate req/s | achieved req/s | p50 ms | p90 ms | p99 ms | max ms | errors | server CPU ms / request (open loop) | load average |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (const r of rows)
      console.log(
        `| ${r.title} | ${r.saturated?.rps.toFixed(1) ?? "–"} | ${r.saturated?.p99 ?? "–"} | ${r.rate} | ${r.open.achieved.toFixed(1)} | ${r.open.p50} | ${r.open.p90} | ${r.open.p99} | ${r.open.max} | ${(r.saturated?.errors ?? 0) + r.open.errors} | ${r.cpu?.toFixed(1) ?? "–"} | ${r.load} |`,
      );
  } else {
    const rows = [];
    for (const [title, pathFor] of targets) rows.push(await measure(title, pathFor));
    console.log(`\n${SESSIONS} concurrent sessions, ${DURATION} s each\n`);
    console.log("| target | req/s | p50 ms | p99 ms | requests | errors | server CPU ms / request |\n|---|---:|---:|---:|---:|---:|---:|");
    for (const r of rows)
      console.log(
        `| ${r.title} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.total} | ${r.errors} | ${r.cpuMsPerRequest?.toFixed(1) ?? "–"} |`,
      );
  }
}
