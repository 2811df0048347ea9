// What a zip holds, by entry, from its central directory: the bytes each file takes in the zip
// (compressed) and unpacked. bench:storage uses it to say what a run's export.zip is made of.

export interface ZipEntry {
  name: string;
  /** Bytes of the entry's data in the zip (after compression). */
  compressed: number;
  uncompressed: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;

/** The entries of a zip (no zip64: every size below 4 GiB, as an export's are). */
export function zipEntries(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end record is 22 bytes plus a comment of at most 65,535: search backwards for its signature.
  let end = -1;
  for (let at = zip.byteLength - 22; at >= Math.max(0, zip.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error("not a zip: no end of central directory record");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.byteLength || view.getUint32(at, true) !== CENTRAL_FILE_HEADER)
      throw new Error(`zip entry ${i}: bad central directory`);
    const compressed = view.getUint32(at + 20, true);
    const uncompressed = view.getUint32(at + 24, true);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) throw new Error("zip64 entries are not supported");
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, compressed, uncompressed });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The parts of a run's export (ml/export/bundle.ts) that storage figures are reported by. */
export type ExportPart =
  "TF.js model (model.json + weights.bin)" | "ONNX model (model.onnx)" | "labels, preprocessing, README, snippets, licence";

export function exportPart(name: string): ExportPart {
  if (name === "model.json" || name === "weights.bin") return "TF.js model (model.json + weights.bin)";
  if (name === "model.onnx") return "ONNX model (model.onnx)";
  return "labels, preprocessing, README, snippets, licence";
}

/** Entries summed by part, in a stable order (largest in the zip first). */
export function byExportPart(entries: ZipEntry[]): Array<{ part: ExportPart; files: number; compressed: number; uncompressed: number }> {
  const parts = new Map<ExportPart, { part: ExportPart; files: number; compressed: number; uncompressed: number }>();
  for (const entry of entries) {
    const part = exportPart(entry.name);
    const sum = parts.get(part) ?? { part, files: 0, compressed: 0, uncompressed: 0 };
    sum.files++;
    sum.compressed += entry.compressed;
    sum.uncompressed += entry.uncompressed;
    parts.set(part, sum);
  }
  return [...parts.values()].sort((a, b) => b.compressed - a.compressed || a.part.localeCompare(b.part));
}
