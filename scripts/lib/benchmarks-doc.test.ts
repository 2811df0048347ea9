import { describe, expect, it } from "vitest";
import { replaceSection } from "./benchmarks-doc";

const doc = ["# Benchmarks", "", "## API", "", "old api figures", "", "## ML", "", "old ml figures", ""].join("\n");

describe("replaceSection", () => {
  it("replaces a middle section up to the next heading and keeps the others", () => {
    const next = replaceSection(doc, "## API", "## API\n\nnew api figures\n");
    expect(next).toBe(["# Benchmarks", "", "## API", "", "new api figures", "", "## ML", "", "old ml figures", ""].join("\n"));
  });

  it("replaces the last section to the end of the file", () => {
    const next = replaceSection(doc, "## ML", "## ML\n\nnew ml figures\n");
    expect(next).toBe(["# Benchmarks", "", "## API", "", "old api figures", "", "## ML", "", "new ml figures", ""].join("\n"));
  });

  it("appends a section that is not there yet after one blank line", () => {
    const next = replaceSection(doc, "## Storage", "## Storage\n\nfigures\n");
    expect(next).toBe(doc.trimEnd() + "\n\n## Storage\n\nfigures\n");
  });
});
