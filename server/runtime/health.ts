/**
 * Extra health facts contributed by other parts of the runtime (e.g. the ML compute backend
 * and the job worker). Each contributor registers once at start-up.
 */
type Contributor = () => Promise<Record<string, unknown>> | Record<string, unknown>;
const globalForHealth = globalThis as unknown as { __vlHealth?: Map<string, Contributor> };
const contributors = (globalForHealth.__vlHealth ??= new Map());

export function registerHealth(name: string, fn: Contributor) {
  contributors.set(name, fn);
}

export async function runtimeHealth(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of contributors) {
    try {
      out[name] = await fn();
    } catch (err) {
      out[name] = { status: "error", message: (err as Error).message };
    }
  }
  return out;
}
