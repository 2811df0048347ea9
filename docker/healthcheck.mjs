// HEALTHCHECK of the web role: /api/health must answer 200 (it answers 503 when the database does not).
// Workers have no HTTP port; their liveness is the `workers` list of any web process's /api/health.
const port = process.env.PORT ?? "3000";
try {
  const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(4000) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
