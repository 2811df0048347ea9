import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Writes a file only its owner may read or write (0600), also when it already existed with
 * wider permissions (writeFile's `mode` applies only to a file it creates).
 */
export function writePrivateFile(file: string, content: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}
