#!/usr/bin/env node
// npm run bench:home-page -- [baseURL] [runs]
// Time to content on the workspace home, in Chromium: from navigation until the founder's dimension
// scores are on screen, signed in as the demo account of a running server (e.g. the e2e server:
// E2E_SKIP_BUILD=1 E2E_PORT=3205 node scripts/e2e-server.mjs). Also says whether the server's HTML
// already holds them (rendered on the server) or the browser had to fetch them (placeholders first).
// Figures, not assertions: record them in docs/BENCHMARKS.md with the machine's load.
import os from "node:os";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3205";
const runs = Number(process.argv[3] ?? 10);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill("demo@venturelens.local");
  await page.getByLabel("Password").fill("venturelens-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/w\/[^/]+/);
  const home = page.url().match(/^(.*\/w\/[^/?#]+)/)[1];
  const times = [];
  let inHtml = 0;
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const response = await page.goto(home, { waitUntil: "commit" });
    await page.getByTestId("home-dimensions").waitFor({ timeout: 30_000 });
    const ms = performance.now() - t0;
    const html = await response.text();
    if (i === 0) continue; // the first load compiles nothing but warms caches: left out
    times.push(ms);
    if (html.includes('data-testid="home-dimensions"')) inHtml++;
  }
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
  console.log(`home time to content, ${runs} loads, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`);
  console.log(
    `p50 ${at(50).toFixed(0)} ms, p90 ${at(90).toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms; content in the server's HTML: ${inHtml}/${runs}`,
  );
} finally {
  await browser.close();
}
