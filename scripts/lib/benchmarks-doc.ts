// The benchmarks' `--write-docs`: each benchmark owns one "## …" section of docs/BENCHMARKS.md and rewrites only that.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * `markdown` with the section that starts at the line `heading` (up to the next "## " heading) replaced by
 * `section`, or with `section` appended when there is none yet. `section` starts with the heading itself.
 */
export function replaceSection(markdown: string, heading: string, section: string): string {
  const start = markdown.indexOf(heading);
  if (start === -1) return markdown.trimEnd() + "\n\n" + section;
  const after = markdown.indexOf("\n## ", start + heading.length);
  return markdown.slice(0, start) + section + (after === -1 ? "" : "\n" + markdown.slice(after + 1));
}

/** Rewrites one section of docs/BENCHMARKS.md (see replaceSection) and returns the file's path. */
export async function writeBenchmarksSection(heading: string, section: string): Promise<string> {
  const file = path.resolve("docs/BENCHMARKS.md");
  const existing = await readFile(file, "utf8").catch(() => "# Benchmarks\n");
  await writeFile(file, replaceSection(existing, heading, section));
  return file;
}
