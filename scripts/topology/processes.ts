// Helpers shared by `npm run test:topology` and `npm run bench:scale`: one production build, web and
// worker processes on one PostgreSQL database and one shared data folder, their logs kept for the report.
import { execSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export class TopologyError extends Error {}

export interface Proc {
  name: string;
  child: ChildProcess;
  log: () => string;
  exited: () => { code: number | null; signal: string | null } | null;
}

/** One production build for every web process: the existing one in NEXT_DIST_DIR (e.g. the e2e build), else built once. */
export function ensureBuild(distDir: string, env: NodeJS.ProcessEnv, say: (line: string) => void) {
  if (existsSync(path.join(distDir, "BUILD_ID")) && process.env.TOPOLOGY_REBUILD !== "1") {
    say(`reusing the production build in ${distDir} (TOPOLOGY_REBUILD=1 rebuilds it)`);
    return;
  }
  say(`building once into ${distDir}…`);
  execSync("npx next build", { stdio: "inherit", env: { ...env, NEXT_DIST_DIR: distDir } });
}

function startProc(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  // Its own process group, so that cleanup can end npm and everything under it.
  const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let exit: { code: number | null; signal: string | null } | null = null;
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  child.on("exit", (code, signal) => (exit = { code, signal }));
  return { name, child, log: () => out, exited: () => exit };
}

/** `next start` directly (as the container image runs it), owning its signals like `npm start`. */
export function startWeb(name: string, port: number, env: NodeJS.ProcessEnv): Proc {
  return startProc(name, process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    ...env,
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXT_MANUAL_SIG_HANDLE: "1",
  });
}

/** `npm run worker`, as an operator or process manager starts it. */
export function startWorker(name: string, env: NodeJS.ProcessEnv): Proc {
  return startProc(name, "npm", ["run", "--silent", "worker"], env);
}

export function tail(p: Proc, lines = 25): string {
  return p
    .log()
    .trimEnd()
    .split("\n")
    .slice(-lines)
    .map((l) => `    ${p.name} | ${l}`)
    .join("\n");
}

export async function until<T>(
  what: string,
  read: () => Promise<T> | T,
  ok: (v: T) => boolean,
  ms: number,
  procs: Proc[] = [],
): Promise<T> {
  const end = Date.now() + ms;
  let last: T | undefined;
  for (;;) {
    for (const p of procs) {
      const e = p.exited();
      if (e) throw new TopologyError(`${p.name} exited (code ${e.code}, signal ${e.signal}) while waiting for: ${what}\n${tail(p)}`);
    }
    try {
      last = await read();
      if (ok(last)) return last;
    } catch {
      // not ready yet
    }
    if (Date.now() > end)
      throw new TopologyError(`timed out after ${ms / 1000} s waiting for: ${what}; last value ${JSON.stringify(last)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The worker's own pid, from its start-up line (`[worker] host:pid:id on …`): npm exec'd tsx, which runs node. */
export function workerPid(p: Proc): number {
  const pid = Number(/\[worker\] \S+?:(\d+):/.exec(p.log())?.[1]);
  if (!pid) throw new TopologyError(`${p.name} printed no start-up line with its pid\n${tail(p)}`);
  return pid;
}

export function killGroup(p: Proc, signal: NodeJS.Signals = "SIGKILL") {
  try {
    process.kill(-p.child.pid!, signal);
  } catch {
    // already gone
  }
}

/** A signed-in HTTP client for one web process. */
export class Client {
  cookie = "";
  constructor(
    readonly base: string,
    readonly name: string,
  ) {}

  async trpc<T = unknown>(procedure: string, json: unknown, method: "GET" | "POST" = "GET"): Promise<T> {
    const url = `${this.base}/api/trpc/${procedure}` + (method === "GET" ? `?input=${encodeURIComponent(JSON.stringify({ json }))}` : "");
    const r = await fetch(url, {
      method,
      headers: { cookie: this.cookie, "content-type": "application/json" },
      ...(method === "POST" ? { body: JSON.stringify({ json }) } : {}),
    });
    if (!r.ok) throw new TopologyError(`${procedure} on ${this.name} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
    return ((await r.json()) as { result: { data: { json: T } } }).result.data.json;
  }

  /** Signs in through next-auth's credentials callback; returns where it redirects (an `error=` on refusal). */
  async signIn(email: string, password: string): Promise<{ ok: boolean; location: string }> {
    const csrfRes = await fetch(`${this.base}/api/auth/csrf`);
    const csrfCookie = csrfRes.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const res = await fetch(`${this.base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    const session = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.includes("session-token"));
    const location = res.headers.get("location") ?? "";
    if (session) this.cookie = session;
    return { ok: Boolean(session) && !location.includes("error="), location };
  }

  withCookie(cookie: string) {
    this.cookie = cookie;
    return this;
  }
}

export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(url);
  return { status: r.status, body: (await r.json().catch(() => ({}))) as Record<string, unknown> };
}
