#!/usr/bin/env node
// `npm run screenshots`: full-page screenshots of the main pages, in English and Chinese, at
// desktop (1280×800) and phone (390×844) size, into screenshots/ (git-ignored), to look at a
// change before and after.
//
//   npm run screenshots                                   builds (unless a build is there), starts the app on a
//                                                         fresh embedded database with the demo workspace, shoots, stops
//   SCREENSHOTS_URL=http://localhost:3000 npm run screenshots   uses an app that is already running (`npm run demo`)
//
// Options (env): SCREENSHOTS_DIR (default screenshots), SCREENSHOTS_PORT (default 3211),
// SCREENSHOTS_EMAIL / SCREENSHOTS_PASSWORD (default: the demo account), CHROMIUM_PATH (default /usr/bin/chromium).
import { execSync, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const outDir = path.resolve(process.env.SCREENSHOTS_DIR ?? "screenshots");
const email = process.env.SCREENSHOTS_EMAIL ?? "demo@venturelens.local";
const password = process.env.SCREENSHOTS_PASSWORD ?? "venturelens-demo";
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const LOCALES = ["en", "zh"];

function cjkFontMissing() {
  try {
    return execSync("fc-list :lang=zh family", { encoding: "utf8" }).trim() === "";
  } catch {
    return true;
  }
}

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

/** Starts the app the way the browser tests do: a production build on a fresh embedded database (with the demo account). */
async function startApp() {
  const port = process.env.SCREENSHOTS_PORT ?? "3211";
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const skipBuild = existsSync(path.join(distDir, "BUILD_ID")) ? "1" : "0";
  if (skipBuild === "1") console.log(`Using the existing build in ${distDir}/ (delete it to rebuild).`);
  const child = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, E2E_PORT: port, E2E_SKIP_BUILD: process.env.E2E_SKIP_BUILD ?? skipBuild },
  });
  const base = `http://localhost:${port}`;
  await waitFor(`${base}/api/health`, 300_000);
  return { base, stop: () => child.kill("SIGTERM") };
}

async function trpc(request, route, input, kind = "mutation") {
  const res =
    kind === "query"
      ? await request.get(`/api/trpc/${route}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await request.post(`/api/trpc/${route}`, { data: { json: input } });
  if (!res.ok()) throw new Error(`${route}: ${res.status()} ${await res.text()}`);
  return (await res.json()).result.data.json;
}

async function main() {
  if (cjkFontMissing()) {
    console.warn(
      "No Chinese font found (fc-list :lang=zh): Chinese pages will show boxes. On Debian/Ubuntu: sudo apt-get install fonts-noto-cjk",
    );
  }
  const app = process.env.SCREENSHOTS_URL ? { base: process.env.SCREENSHOTS_URL.replace(/\/$/, ""), stop: () => {} } : await startApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({ baseURL: app.base });
    const page = await context.newPage();
    const request = page.request;
    const csrf = await (await request.get("/api/auth/csrf")).json();
    await request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, email, password, json: "true", callbackUrl: "/w" },
    });
    const workspaces = await trpc(request, "workspace.list", undefined, "query");
    const ws = workspaces.find((w) => w.name === "Demo Ventures") ?? workspaces[0];
    if (!ws) throw new Error(`Could not sign in as ${email}`);
    const scope = { workspaceId: ws.id };
    const prototypes = await trpc(request, "prototypes.list", scope, "query");
    const prototype = prototypes.find((p) => p.name.startsWith("Surface defect check")) ?? prototypes[0];
    const idea = (await trpc(request, "ideas.list", scope, "query"))[0];
    let run;
    if (prototype) {
      // A fresh demo trains its first run by itself after start-up: wait for it (up to 4 minutes).
      for (let i = 0; i < 120 && !run; i++) {
        const runs = await trpc(request, "runs.list", { ...scope, prototypeId: prototype.id }, "query").catch(() => []);
        run = runs.find((r) => r.status === "SUCCEEDED");
        if (!run) await new Promise((r) => setTimeout(r, 2000));
      }
    }
    const s = `/w/${ws.slug}`;
    await page.goto(`${s}/assessment`);
    const results = await page
      .locator('a[href*="/assessment/results/"]')
      .first()
      .getAttribute("href")
      .catch(() => null);
    const pages = {
      home: s,
      assessment: `${s}/assessment`,
      ...(results ? { "assessment-results": results } : {}),
      "assessment-team": `${s}/assessment/team`,
      opportunities: `${s}/opportunities`,
      "opportunities-manufacturing": `${s}/opportunities/manufacturing`,
      opportunity: `${s}/opportunities/item/manufacturing.visual-inspection`,
      shortlist: `${s}/opportunities/shortlist`,
      prototypes: `${s}/prototypes`,
      ...(prototype
        ? {
            prototype: `${s}/prototypes/${prototype.id}`,
            "prototype-train": `${s}/prototypes/${prototype.id}/train`,
            "prototype-predict": `${s}/prototypes/${prototype.id}/predict`,
          }
        : {}),
      ...(prototype && run ? { run: `${s}/prototypes/${prototype.id}/runs/${run.id}` } : {}),
      ideas: `${s}/ideas`,
      ...(idea ? { idea: `${s}/ideas/${idea.id}` } : {}),
      team: `${s}/team`,
      settings: `${s}/settings`,
    };
    const before = (await trpc(request, "account.me", undefined, "query").catch(() => null))?.locale ?? "en";
    let count = 0;
    try {
      for (const locale of LOCALES) {
        await trpc(request, "account.setLocale", { locale });
        for (const [name, url] of Object.entries(pages)) {
          await page.setViewportSize(SIZES.desktop);
          await page.goto(url);
          await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
          for (const [size, viewport] of Object.entries(SIZES)) {
            await page.setViewportSize(viewport);
            await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
            const dir = path.join(outDir, `${locale}-${size}`);
            mkdirSync(dir, { recursive: true });
            await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
            count++;
          }
        }
      }
    } finally {
      await trpc(request, "account.setLocale", { locale: before }).catch(() => {});
    }
    console.log(`${count} screenshots in ${path.relative(process.cwd(), outDir)}/ (<locale>-<desktop|phone>/<page>.png)`);
  } finally {
    await browser.close();
    app.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
