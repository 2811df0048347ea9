import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/** Direct SQL against the app's embedded database, for states a browser cannot reach (e.g. time passing). */
export async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const port = process.env.E2E_PORT ?? "3199";
  const url = readFileSync(path.join(tmpdir(), `vl-e2e-${port}`, "db.url"), "utf8").trim();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
