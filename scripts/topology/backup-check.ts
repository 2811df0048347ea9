// Backup → wipe → restore → compare, with the operator's own scripts (scripts/backup.sh and
// scripts/restore.sh): every table's row count and every data file's SHA-256 must come back identical.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { TopologyError } from "./processes";

async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of tables.rows) {
      counts[table_name] = Number((await client.query(`SELECT count(*)::int AS n FROM "${table_name}"`)).rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

function fileHashes(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) fileHashes(full, base, out);
    else if (entry.isFile()) out[path.relative(base, full)] = createHash("sha256").update(readFileSync(full)).digest("hex");
  }
  return out;
}

/** Runs on a stopped deployment (no process writing): the comparison must then be exact. */
export async function backupAndRestoreCheck(options: {
  adminUrl: string;
  databaseUrl: string;
  dataDir: string;
  say: (line: string) => void;
}) {
  const { databaseUrl, dataDir } = options;
  const before = { rows: await rowCounts(databaseUrl), files: fileHashes(dataDir) };
  const backupDir = mkdtempSync(path.join(tmpdir(), "vl-backup-"));
  const env = { ...process.env, DATABASE_URL: databaseUrl, VL_DATA_DIR: dataDir };
  try {
    execFileSync("sh", ["scripts/backup.sh", backupDir], { env, stdio: "pipe" });
    // Wipe: an empty database of the same name, an empty data folder.
    const name = new URL(databaseUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: options.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
    options.say(`backed up to ${backupDir}, database and data folder wiped`);
    execFileSync("sh", ["scripts/restore.sh", backupDir], { env, stdio: "pipe" });
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    throw new TopologyError(`backup/restore script failed: ${e.stderr?.toString() || e.message}`);
  } finally {
    rmSync(backupDir, { recursive: true, force: true });
  }
  const after = { rows: await rowCounts(databaseUrl), files: fileHashes(dataDir) };
  const rowDiff = Object.keys({ ...before.rows, ...after.rows }).filter((t) => before.rows[t] !== after.rows[t]);
  if (rowDiff.length)
    throw new TopologyError(`restored row counts differ: ${rowDiff.map((t) => `${t} ${before.rows[t]} → ${after.rows[t]}`).join(", ")}`);
  const fileDiff = Object.keys({ ...before.files, ...after.files }).filter((f) => before.files[f] !== after.files[f]);
  if (fileDiff.length) throw new TopologyError(`restored files differ: ${fileDiff.slice(0, 10).join(", ")}`);
  const total = Object.values(before.rows).reduce((a, b) => a + b, 0);
  return { tables: Object.keys(before.rows).length, rows: total, files: Object.keys(before.files).length };
}
