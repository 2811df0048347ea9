/**
 * Runs once per server process (`next start`/`next dev`), before requests are served:
 * brings the database up (embedded PGlite when there is no DATABASE_URL), then the
 * background services (the inline job worker), and installs a clean shutdown.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("@/server/runtime/boot");
  await boot();
}
