// Child process for restart.int.test.ts: boots like the web server, then writes or reads a marker.
import { boot } from "@/server/runtime/boot";
import { getDb } from "@/server/db";

const [mode, email] = process.argv.slice(2);
await boot();
const db = getDb();
if (mode === "write") {
  await db.user.create({ data: { email: email!, name: "Restart marker" } });
  console.log("WRITTEN");
  // Stay up until the parent sends a signal: boot() installed the shutdown handlers.
  setInterval(() => undefined, 1000);
} else {
  const row = await db.user.findUnique({ where: { email: email! }, select: { email: true } });
  console.log(row ? "FOUND" : "MISSING");
  process.kill(process.pid, "SIGTERM");
}
