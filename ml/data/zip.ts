import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { crc32 } from "node:zlib";
import yauzl from "yauzl";
import { formatBytes } from "./images";

export interface ZipLimits {
  /** Size of the .zip file itself (default 500 MB). */
  maxArchiveBytes: number;
  /** Sum of the extracted bytes of all files taken from one archive (default 500 MB). */
  maxTotalBytes: number;
  /** Extracted size of one file (default 10 MB, the per-image limit). */
  maxEntryBytes: number;
  /** Records in the archive's directory, folders included (default 25,000). */
  maxEntries: number;
  /**
   * Declared extracted size over stored size, per file: above it the file is refused before it is
   * inflated (a zip bomb). Photos barely compress (JPEG, PNG, WebP are compressed already), so a
   * ratio of 100 or more is never a real picture. Off (Infinity) by default: uploads already
   * stream one file at a time under the total limit.
   */
  maxCompressionRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxArchiveBytes: 500 * 1024 * 1024,
  maxTotalBytes: 500 * 1024 * 1024,
  maxEntryBytes: 10 * 1024 * 1024,
  maxEntries: 25_000,
  maxCompressionRatio: Number.POSITIVE_INFINITY,
};

export type ZipEntryRejectionReason =
  | "unsafePath"
  | "link"
  | "notARegularFile"
  | "noClassFolder"
  | "tooLarge"
  | "totalTooLarge"
  | "encrypted"
  | "unsupportedCompression"
  | "sizeMismatch"
  | "compressionRatio"
  | "corrupt";

export type ZipEntrySkipReason = "systemFile" | "nestedArchive" | "emptyFolder";

export type ZipEntryResult =
  | {
      status: "accepted";
      /** The path inside the archive, as written there. */
      path: string;
      className: string;
      fileName: string;
      data: Buffer;
    }
  | ZipEntryRefusal;

type ZipEntryRefusal =
  | { status: "rejected"; path: string; reason: ZipEntryRejectionReason; message: string }
  | { status: "skipped"; path: string; reason: ZipEntrySkipReason; message: string };

/** An entry of an archive read without class folders (readImageZip): any layout, named by its path. */
export type ZipImageResult = { status: "accepted"; path: string; fileName: string; data: Buffer } | ZipEntryRefusal;

export type ZipArchiveRejectionReason = "notAZip" | "tooLarge" | "tooManyEntries" | "corrupt";

/** The archive as a whole cannot be read; nothing from it was taken. */
export class ZipArchiveError extends Error {
  override name = "ZipArchiveError";
  constructor(
    readonly reason: ZipArchiveRejectionReason,
    message: string,
  ) {
    super(message);
  }
}

export type ZipSource = { path: string } | { buffer: Buffer };

const NESTED_ARCHIVE = /\.(zip|zipx|rar|7z|tar|tgz|tbz2?|txz|gz|bz2|xz|zst|lz4?|lzma|cab|iso|jar|war|apk|dmg)$/i;
const SYSTEM_NAMES = new Set(["__macosx", "thumbs.db", "desktop.ini"]);
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const WINDOWS_REPARSE_POINT = 0x400;

interface Candidate {
  entry: yauzl.Entry;
  path: string;
  segments: string[];
  isDirectory: boolean;
  /** The name's bytes hold a control byte: CP437 decoding (non-UTF-8 names) turns those into harmless-looking glyphs. */
  rawControl: boolean;
}

/**
 * Reads an uploaded archive laid out as one folder per class (`cats/a.jpg` →
 * class "cats"; one enclosing folder such as `photos/cats/a.jpg` is tolerated).
 * Entries are inflated one at a time and handed out as they come, so memory
 * holds at most one file (≤ maxEntryBytes). A bad entry is reported and the next
 * one is read; only an unreadable archive throws (ZipArchiveError), before any
 * entry is yielded. The bytes are not checked as images here: pass them to checkImage.
 */
export async function* readClassFolderZip(source: ZipSource, options: Partial<ZipLimits> = {}): AsyncGenerator<ZipEntryResult> {
  for await (const result of readZip(source, options, true)) {
    yield result.status === "accepted" ? { ...result, className: result.className! } : result;
  }
}

/**
 * Reads an archive of images in any layout (flat, or in folders that mean nothing), with the same
 * checks as readClassFolderZip: each accepted file is named by its path inside the archive.
 */
export async function* readImageZip(source: ZipSource, options: Partial<ZipLimits> = {}): AsyncGenerator<ZipImageResult> {
  for await (const result of readZip(source, options, false)) {
    if (result.status !== "accepted") yield result;
    else yield { status: "accepted", path: result.path, fileName: result.fileName, data: result.data };
  }
}

type AnyEntryResult = { status: "accepted"; path: string; className: string | null; fileName: string; data: Buffer } | ZipEntryRefusal;

async function* readZip(source: ZipSource, options: Partial<ZipLimits>, classFolders: boolean): AsyncGenerator<AnyEntryResult> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options };
  const archiveBytes = "buffer" in source ? source.buffer.length : (await stat(source.path)).size;
  if (archiveBytes > limits.maxArchiveBytes) {
    throw new ZipArchiveError(
      "tooLarge",
      `The archive is ${formatBytes(archiveBytes)}; the limit is ${formatBytes(limits.maxArchiveBytes)}.`,
    );
  }
  const zip = await openZip(source);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ZipArchiveError(
        "tooManyEntries",
        `The archive holds ${zip.entryCount} entries; the limit is ${limits.maxEntries}. Split it into several uploads.`,
      );
    }
    // The central directory is read in full first: the common top folder can only
    // be known from all names, and a broken directory should fail before anything is stored.
    const candidates = await readDirectory(zip);
    const prefix = classFolders ? commonTopFolder(candidates) : undefined;
    const classesWithFiles = new Set<string>();
    const folders = new Map<string, string>();
    let totalBytes = 0;

    for (const candidate of candidates) {
      const { entry, path } = candidate;
      const segments = candidate.segments.slice(prefix ? 1 : 0);
      const unsafe = unsafePathMessage(candidate.path, candidate.rawControl);
      if (unsafe) {
        yield { status: "rejected", path, reason: "unsafePath", message: unsafe };
        continue;
      }
      if (isSystemPath(candidate.segments)) {
        yield { status: "skipped", path, reason: "systemFile", message: "System file (e.g. .DS_Store, __MACOSX) ignored." };
        continue;
      }
      const kind = fileKind(entry);
      if (kind === "link") {
        yield { status: "rejected", path, reason: "link", message: "Links inside archives are refused." };
        continue;
      }
      if (candidate.isDirectory || kind === "directory") {
        if (classFolders && segments.length === 1 && segments[0]) folders.set(segments[0], path);
        continue;
      }
      if (kind === "special") {
        yield { status: "rejected", path, reason: "notARegularFile", message: "Only regular files can be uploaded." };
        continue;
      }
      const className = classFolders && segments.length >= 2 ? segments[0]! : null;
      if (className) classesWithFiles.add(className);
      const fileName = segments[segments.length - 1] ?? path;
      if (NESTED_ARCHIVE.test(fileName)) {
        yield {
          status: "skipped",
          path,
          reason: "nestedArchive",
          message: "Archives inside the archive are not opened. Extract it and upload its images.",
        };
        continue;
      }
      if (classFolders && !className) {
        yield {
          status: "rejected",
          path,
          reason: "noClassFolder",
          message: "Files must sit in a folder named after their class (e.g. cats/photo.jpg).",
        };
        continue;
      }
      if (entry.isEncrypted()) {
        yield { status: "rejected", path, reason: "encrypted", message: "Password-protected files cannot be read." };
        continue;
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        yield {
          status: "rejected",
          path,
          reason: "unsupportedCompression",
          message: `Compression method ${entry.compressionMethod} is not supported; re-create the archive with standard (deflate) compression.`,
        };
        continue;
      }
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        yield {
          status: "rejected",
          path,
          reason: "tooLarge",
          message: `The file is ${formatBytes(entry.uncompressedSize)}; the limit is ${formatBytes(limits.maxEntryBytes)} per image.`,
        };
        continue;
      }
      if (entry.uncompressedSize > limits.maxCompressionRatio * Math.max(entry.compressedSize, 1)) {
        yield {
          status: "rejected",
          path,
          reason: "compressionRatio",
          message: `The file would inflate ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} times its stored size; more than ${limits.maxCompressionRatio} times is refused (a zip bomb, or not a photo).`,
        };
        continue;
      }
      if (totalBytes + entry.uncompressedSize > limits.maxTotalBytes) {
        yield {
          status: "rejected",
          path,
          reason: "totalTooLarge",
          message: `Left out: the files taken from this archive already add up to the ${formatBytes(limits.maxTotalBytes)} limit.`,
        };
        continue;
      }
      const read = await readEntry(zip, entry);
      if (!read.ok) {
        yield { status: "rejected", path, reason: read.reason, message: read.message };
        continue;
      }
      totalBytes += read.data.length;
      yield { status: "accepted", path, className, fileName, data: read.data };
    }

    for (const [className, path] of folders) {
      if (classesWithFiles.has(className)) continue;
      yield {
        status: "skipped",
        path,
        reason: "emptyFolder",
        message: `The folder "${className}" holds no files; no class was made from it.`,
      };
    }
  } finally {
    zip.close();
  }
}

function openZip(source: ZipSource): Promise<yauzl.ZipFile> {
  // decodeStrings: false turns off yauzl's own name checks, which abort the whole
  // archive on the first bad name; names are checked per entry here instead.
  // validateEntrySizes: false for the same reason; sizes are checked while reading.
  const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false } as yauzl.Options;
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) => {
      if (err || !zip) reject(new ZipArchiveError("notAZip", `This is not a ZIP archive we can read (${err?.message ?? "no archive"}).`));
      else resolve(zip);
    };
    if ("buffer" in source) yauzl.fromBuffer(source.buffer, options, done);
    else yauzl.open(source.path, options, done);
  });
}

interface LowLevelYauzl {
  getFileNameLowLevel(flags: number, raw: Buffer, extraFields: unknown[], strict: boolean): string;
}

function readDirectory(zip: yauzl.ZipFile): Promise<Candidate[]> {
  return new Promise((resolve, reject) => {
    const candidates: Candidate[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      const raw = entry.fileName as unknown as Buffer;
      const extraFields = (entry as unknown as { extraFields: unknown[] }).extraFields;
      // Also turns backslashes into slashes, so Windows-made paths are checked like the others.
      const path = (yauzl as unknown as LowLevelYauzl).getFileNameLowLevel(entry.generalPurposeBitFlag, raw, extraFields, false);
      const segments = path
        .split("/")
        .filter((s) => s !== "" && s !== ".")
        .map((s) => s.normalize("NFC").trim());
      // eslint-disable-next-line no-control-regex
      const rawControl = /[\x00-\x1f\x7f]/.test(raw.toString("latin1"));
      candidates.push({ entry, path, segments, isDirectory: path.endsWith("/"), rawControl });
      zip.readEntry();
    });
    zip.once("end", () => resolve(candidates));
    zip.once("error", (err: Error) => reject(new ZipArchiveError("corrupt", `The archive's directory is damaged (${err.message}).`)));
    zip.readEntry();
  });
}

/**
 * Control characters (C0, DEL, C1) and the invisible marks that reorder text (bidi overrides,
 * embeddings, isolates, LRM/RLM/ALM): a class called "gpj.\u202Eexe" would display as
 * something it is not, in the app and in every export.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function unsafePathMessage(path: string, rawControl: boolean): string | undefined {
  if (/^([a-zA-Z]:|\/)/.test(path)) return "Absolute paths are refused.";
  if (path.split("/").includes("..")) return 'Paths that climb out of the archive ("..") are refused.';
  if (rawControl || UNSAFE_NAME_CHARACTERS.test(path)) return "File names with control or text-direction characters are refused.";
  return undefined;
}

function isSystemPath(segments: string[]): boolean {
  return segments.some((s) => s.startsWith(".") || SYSTEM_NAMES.has(s.toLowerCase()));
}

function fileKind(entry: yauzl.Entry): "file" | "directory" | "link" | "special" {
  const madeBy = entry.versionMadeBy >> 8;
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  // DOS/NTFS attributes live in the low byte; a reparse point is a Windows link.
  if ((madeBy === 0 || madeBy === 10) && entry.externalFileAttributes & WINDOWS_REPARSE_POINT) return "link";
  if (mode === S_IFLNK) return "link";
  if (mode === S_IFDIR) return "directory";
  // 0 means no Unix mode was written (most Windows tools): a plain file.
  if (mode !== 0 && mode !== S_IFREG) return "special";
  return "file";
}

/**
 * The top folder shared by every file, if stripping it still leaves files in
 * class folders (`photos/cats/a.jpg`). A zip of a single class folder
 * (`cats/a.jpg` only) keeps its folder: that folder is the class.
 */
function commonTopFolder(candidates: Candidate[]): string | undefined {
  const files = candidates.filter((c) => !c.isDirectory && !isSystemPath(c.segments) && !unsafePathMessage(c.path, c.rawControl));
  const first = files[0]?.segments[0];
  if (!first || files.some((f) => f.segments.length < 2 || f.segments[0] !== first)) return undefined;
  return files.some((f) => f.segments.length >= 3) ? first : undefined;
}

type EntryRead = { ok: true; data: Buffer } | { ok: false; reason: ZipEntryRejectionReason; message: string };

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<EntryRead> {
  let stream: Readable;
  try {
    stream = await new Promise<Readable>((resolve, reject) =>
      zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error("no stream")) : resolve(s))),
    );
  } catch (err) {
    return { ok: false, reason: "corrupt", message: `The entry cannot be read (${errorText(err)}).` };
  }
  const declared = entry.uncompressedSize;
  const chunks: Buffer[] = [];
  let received = 0;
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      received += chunk.length;
      // The declared size was checked against the limits; inflating past it is
      // how zip bombs get through, so stop at the first byte too many.
      if (received > declared) {
        stream.destroy();
        return {
          ok: false,
          reason: "sizeMismatch",
          message: `The entry inflates to more than its declared ${formatBytes(declared)} (a zip bomb or a damaged archive).`,
        };
      }
      crc = crc32(chunk, crc);
      chunks.push(chunk);
    }
  } catch (err) {
    return { ok: false, reason: "corrupt", message: `The entry's data is damaged (${errorText(err)}).` };
  }
  if (received < declared) {
    return { ok: false, reason: "corrupt", message: `The entry is cut off: ${received} of ${declared} bytes.` };
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) {
    return { ok: false, reason: "corrupt", message: "The entry's checksum does not match its data." };
  }
  return { ok: true, data: Buffer.concat(chunks, received) };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
