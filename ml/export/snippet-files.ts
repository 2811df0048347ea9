import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

/** The sharp the server resizes with, named in preprocessing.json. */
export const SHARP_VERSION = sharp.versions.sharp ?? "unknown";

/** The loaders shipped in every export zip; the README's snippets import them (and the parity test runs them). */
export const SNIPPET_FILES = ["classify-node.mjs", "classify-browser.mjs"] as const;

/**
 * Their source, read from ml/export/snippets/ (plain files on disk, like the worker scripts, so
 * they are linted and tested as code and shipped byte for byte).
 */
export async function snippetFiles(dir: string = path.join(/* turbopackIgnore: true */ process.cwd(), "ml", "export", "snippets")) {
  const entries = await Promise.all(SNIPPET_FILES.map(async (name) => [name, await readFile(path.join(dir, name), "utf8")] as const));
  return Object.fromEntries(entries) as Record<(typeof SNIPPET_FILES)[number], string>;
}
