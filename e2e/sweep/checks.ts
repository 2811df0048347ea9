import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { englishIn, pageTexts } from "./english";
import { withoutPending } from "./pending";

export type Problem = { state: string; kind: "overflow" | "console" | "axe" | "english" | "heading"; detail: string };

/** Widest elements past the right edge, to say what overflows rather than only that something does. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    const culprits: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 1 || r.width === 0) continue;
      // Only elements that stick out of their parent: their children overflow with them.
      const parent = el.parentElement?.getBoundingClientRect();
      if (parent && r.right <= parent.right + 1) continue;
      const cls = typeof el.className === "string" ? el.className.split(" ").slice(0, 4).join(".") : "";
      culprits.push(`${el.tagName.toLowerCase()}${cls ? "." + cls : ""} right=${Math.round(r.right)}`);
      if (culprits.length >= 3) break;
    }
    return `scrollWidth ${scrollWidth} > ${width}: ${culprits.join("; ")}`;
  });
}

/** Rules that judge the page, not the test browser: all WCAG 2.x A/AA rules. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs every check on the page as it is now. `english` is the allow-list (user content) for a
 * Chinese page, or null for an English one.
 */
export async function checkState(
  page: Page,
  state: string,
  opts: { english: string[] | null; axe: boolean; pendingUsed: Set<number>; phases?: Phases },
): Promise<Problem[]> {
  const { english } = opts;
  const problems: Problem[] = [];
  const time = timer(opts.phases);
  const wide = await overflow(page);
  if (wide) problems.push({ state, kind: "overflow", detail: wide });

  // One <h1> per page: it names the page for screen-reader users jumping by heading.
  const h1 = await page.locator("h1").count();
  if (h1 !== 1) problems.push({ state, kind: "heading", detail: `${h1} <h1> elements` });

  time("overflow+h1");
  const axe = opts.axe
    ? await new AxeBuilder({ page })
        .withTags(AXE_TAGS)
        // The app has no frames: the default mode would open and close a blank tab per scan to
        // merge frame results (about a second each), and report every passing node as well.
        .setLegacyMode(true)
        .options({ resultTypes: ["violations"] })
        .analyze()
    : { violations: [] };
  time("axe");
  for (const v of axe.violations) {
    if (v.impact !== "serious" && v.impact !== "critical") continue;
    const targets = v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(" ")}${n.failureSummary ? ` (${n.failureSummary.split("\n")[1]?.trim()})` : ""}`);
    problems.push({ state, kind: "axe", detail: `${v.id} ×${v.nodes.length}: ${targets.join(" | ")}` });
  }

  if (english) {
    for (const t of withoutPending(englishIn(await pageTexts(page), english), opts.pendingUsed)) {
      problems.push({ state, kind: "english", detail: `"${t.text.slice(0, 120)}" in ${t.where}` });
    }
    time("english");
  }
  return problems;
}

/** Milliseconds spent per phase of the sweep, summed over pages (printed with SWEEP_TIMING=1). */
export type Phases = Map<string, number>;

/** Adds the time since the last call to `phase`. */
export function timer(phases?: Phases) {
  let last = performance.now();
  return (phase: string) => {
    const now = performance.now();
    if (phases) phases.set(phase, (phases.get(phase) ?? 0) + now - last);
    last = now;
  };
}

/** Console errors and uncaught exceptions, attributed to the state the page was in. */
export function watchConsole(page: Page, problems: Problem[], state: () => string) {
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push({ state: state(), kind: "console", detail: msg.text().slice(0, 300) });
  });
  page.on("pageerror", (err) => problems.push({ state: state(), kind: "console", detail: `uncaught: ${err.message.slice(0, 300)}` }));
}
