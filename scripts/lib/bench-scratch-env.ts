// Imported first by bench:storage: the app reads its environment once, when a server module is
// first imported, so the scratch data folder is set here, before any of them loads. The bench
// never touches the app's own data folder or a DATABASE_URL's database: its runs go to an
// embedded database and local folder under a fresh temporary directory, removed at the end.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const scratchDataDir = mkdtempSync(path.join(os.tmpdir(), "vl-bench-storage-data-"));
process.env.VL_DATA_DIR = scratchDataDir;
delete process.env.DATABASE_URL;
process.env.STORAGE_DRIVER = "local";
process.env.NEXTAUTH_SECRET ??= "bench-storage-secret-0123456789abcdef01234";
