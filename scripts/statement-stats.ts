// Wraps the `pg` driver so every round trip is counted and timed while recording is on (the
// write-path benchmarks print statements per operation and driver time per statement).
import pg from "pg";

export interface StatementStats {
  count: number;
  ms: number;
}

export const statements = new Map<string, StatementStats>();
const state = { recording: false };

export function setRecording(on: boolean) {
  state.recording = on;
}

const originalQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  if (!state.recording) return originalQuery.apply(this, a);
  const first = a[0] as string | { text?: string };
  const text = typeof first === "string" ? first : (first?.text ?? "?");
  const key = text
    .replace(/\s+/g, " ")
    .replace(/"public"\./g, "")
    .slice(0, 90);
  const t0 = performance.now();
  const done = () => {
    const s = statements.get(key) ?? { count: 0, ms: 0 };
    s.count++;
    s.ms += performance.now() - t0;
    statements.set(key, s);
  };
  // pg.Pool calls its clients with a callback; direct callers get a promise.
  const last = a.at(-1);
  if (typeof last === "function") {
    a[a.length - 1] = (...r: unknown[]) => {
      done();
      return (last as (...r: unknown[]) => unknown)(...r);
    };
    return originalQuery.apply(this, a);
  }
  const result = originalQuery.apply(this, a);
  if (result instanceof Promise) result.then(done, done);
  return result;
} as typeof pg.Client.prototype.query;

export function statementTotals() {
  let count = 0;
  let ms = 0;
  for (const s of statements.values()) {
    count += s.count;
    ms += s.ms;
  }
  return { count, ms };
}

export function printStatements() {
  console.log("| statement | count | mean ms |\n|---|---:|---:|");
  for (const [text, s] of [...statements].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`| \`${text.replace(/\|/g, "¦")}\` | ${s.count} | ${(s.ms / s.count).toFixed(1)} |`);
  }
}
