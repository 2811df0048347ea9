// Memory figures for the ML benchmarks.

/** Bytes as whole mebibytes, the unit docs/BENCHMARKS.md reports memory in. */
export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Starts sampling this process's RSS (worker threads included) every 50 ms; the returned function stops and gives the peak. */
export function rssSampler(): () => number {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss());
  };
}
