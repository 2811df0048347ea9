// The benchmarks' answer to "is the product clearly above the pixel baselines?": a paired comparison on
// the same test images (ml/metrics/paired.ts), against the most accurate baseline, with a verdict that says
// "clearly" only when the paired 95 % interval lies wholly on one side of zero.
import { comparePaired, type PairedDifference } from "../../ml/metrics";

/** One model's right/wrong answer per test image, in the test images' order. */
export interface ScoredModel {
  model: string;
  right: boolean[];
}

export interface Margin extends PairedDifference {
  /** The baseline the product is compared with. */
  baseline: string;
  verdict: "clearly above" | "clearly below" | "not established";
}

export function verdictOf(d: Pick<PairedDifference, "low" | "high">): Margin["verdict"] {
  if (d.low !== null && d.low > 0) return "clearly above";
  if (d.high !== null && d.high < 0) return "clearly below";
  return "not established";
}

/**
 * The product against the most accurate baseline on the same images. Choosing the best baseline on the
 * test images favours the baselines, never the product; among equally accurate ones the product is
 * compared with the one it leads least (lowest lower bound).
 */
export function marginOverBest(product: boolean[], baselines: ScoredModel[]): Margin {
  if (baselines.length === 0) throw new Error("no baseline to compare with");
  const hits = (right: boolean[]) => right.filter(Boolean).length;
  const best = Math.max(...baselines.map((b) => hits(b.right)));
  const compared = baselines
    .filter((b) => hits(b.right) === best)
    .map((b) => ({ baseline: b.model, ...comparePaired(product, b.right) }))
    .sort((x, y) => (x.low ?? 0) - (y.low ?? 0));
  const margin = compared[0]!;
  return { ...margin, verdict: verdictOf(margin) };
}

const points = (v: number | null) => (v === null ? "—" : `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)}`);

/** "+10.7 points [+4.0, +17.3]": the difference in percentage points with its paired 95 % interval. */
export function marginCell(d: Pick<PairedDifference, "estimate" | "low" | "high">): string {
  return `${points(d.estimate)} points [${points(d.low)}, ${points(d.high)}]`;
}

/** A p-value as a reader wants it: two significant digits, or "< 0.0001". */
export function pValueCell(p: number): string {
  return p < 0.0001 ? "< 0.0001" : p >= 0.995 ? "1" : p.toPrecision(2);
}
