import { randomBytes } from "node:crypto";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { byExportPart, exportPart, zipEntries } from "./zip-entries";

async function zipOf(files: Record<string, Uint8Array | string>, comment?: string): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, body] of Object.entries(files)) zip.file(name, body);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", ...(comment ? { comment } : {}) });
}

describe("zipEntries", () => {
  it("lists every entry with its unpacked size and the bytes it takes in the zip", async () => {
    const noise = randomBytes(50_000);
    const zip = await zipOf({ "model.onnx": noise, "labels.json": "x".repeat(10_000) }, "a comment");
    const entries = zipEntries(zip);
    expect(entries.map((e) => e.name).sort()).toEqual(["labels.json", "model.onnx"]);
    const onnx = entries.find((e) => e.name === "model.onnx")!;
    const labels = entries.find((e) => e.name === "labels.json")!;
    expect(onnx.uncompressed).toBe(50_000);
    // Random bytes do not compress; a repeated letter does.
    expect(onnx.compressed).toBeGreaterThan(49_000);
    expect(labels.uncompressed).toBe(10_000);
    expect(labels.compressed).toBeLessThan(200);
    // Entries' data plus headers and directory make up the whole file.
    expect(onnx.compressed + labels.compressed).toBeLessThan(zip.byteLength);
  });

  it("refuses bytes that are not a zip", () => {
    expect(() => zipEntries(new Uint8Array(100))).toThrow(/not a zip/);
  });
});

describe("byExportPart", () => {
  it("groups an export's files into the TF.js model, the ONNX model and the rest, largest first", () => {
    const parts = byExportPart([
      { name: "model.json", compressed: 10, uncompressed: 50 },
      { name: "weights.bin", compressed: 900, uncompressed: 1000 },
      { name: "model.onnx", compressed: 800, uncompressed: 1000 },
      { name: "README.md", compressed: 5, uncompressed: 20 },
      { name: "predict.py", compressed: 4, uncompressed: 9 },
    ]);
    expect(parts).toEqual([
      { part: "TF.js model (model.json + weights.bin)", files: 2, compressed: 910, uncompressed: 1050 },
      { part: "ONNX model (model.onnx)", files: 1, compressed: 800, uncompressed: 1000 },
      { part: "labels, preprocessing, README, snippets, licence", files: 2, compressed: 9, uncompressed: 29 },
    ]);
    expect(exportPart("labels.json")).toBe("labels, preprocessing, README, snippets, licence");
  });
});
