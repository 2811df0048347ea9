import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Worker threads load ml/runtime/ as plain JavaScript; type checking reaches it only through each file's
// `// @ts-check` and the tsconfig include below. A file without the header would silently go unchecked.

/** The .mjs/.js files under `dir` (recursively) whose first line is not `// @ts-check`, relative to `dir`. */
async function filesLackingTsCheck(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const scripts = entries
    .filter((e) => e.isFile() && /\.(mjs|js)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const lacking: string[] = [];
  for (const file of scripts) {
    const firstLine = (await readFile(file, "utf8")).split("\n", 1)[0]!.trim();
    if (firstLine !== "// @ts-check") lacking.push(path.relative(dir, file));
  }
  return lacking;
}

const runtimeDir = path.join(process.cwd(), "ml", "runtime");

describe("ml/runtime is type-checked", () => {
  it("every JavaScript file under ml/runtime/ starts with // @ts-check", async () => {
    expect(await filesLackingTsCheck(runtimeDir)).toEqual([]);
  });

  it("tsconfig.json puts ml/runtime's .mjs files in the program that `tsc --noEmit` checks", async () => {
    const tsconfig = JSON.parse(await readFile(path.join(process.cwd(), "tsconfig.json"), "utf8")) as {
      compilerOptions: { allowJs?: boolean };
      include: string[];
    };
    expect(tsconfig.compilerOptions.allowJs).toBe(true);
    expect(tsconfig.include).toContain("ml/runtime/**/*.mjs");
  });

  it("names a file that lacks the header, in a subfolder too", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "vl-ts-check-"));
    try {
      await mkdir(path.join(dir, "train"));
      await writeFile(path.join(dir, "checked.mjs"), "// @ts-check\nexport const a = 1;\n");
      await writeFile(path.join(dir, "train", "unchecked.mjs"), "export const b = 2;\n");
      await writeFile(path.join(dir, "late.mjs"), "/** doc */\n// @ts-check\nexport const c = 3;\n");
      await writeFile(path.join(dir, "notes.md"), "not code\n");
      expect(await filesLackingTsCheck(dir)).toEqual(["late.mjs", path.join("train", "unchecked.mjs")]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
