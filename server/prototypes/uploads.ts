import { checkImage, type AcceptedImage, type ImageCheckResult, type ImageLimits } from "@/ml/data/images";
import { readClassFolderZip, ZipArchiveError, type ZipArchiveRejectionReason, type ZipLimits, type ZipSource } from "@/ml/data/zip";
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { fileErrorMessage } from "@/server/http/error-messages";
import type { Locale } from "@/server/i18n/locale";
import { getClassOrThrow } from "./classes";
import { assertNotArchived, getPrototypeOrThrow } from "./prototypes";
import { storage as appStorage, type ObjectStorage } from "@/server/storage";
import { removeStoredFile, storagePathFor, writeStoredFile } from "./storage";

/** Error reasons are camelCase keys the UI translates (messages: prototypes.dataErrors). */
export const ZIP_ERROR_REASONS: Record<ZipArchiveRejectionReason, string> = {
  notAZip: "notAZip",
  tooLarge: "zipTooLarge",
  tooManyEntries: "zipTooManyEntries",
  corrupt: "zipCorrupt",
};

export type UploadItem =
  | { name: string; status: "accepted"; imageId: string; className: string }
  | { name: string; status: "duplicate"; className: string; message: string }
  | { name: string; status: "rejected" | "skipped"; reason: string; message: string };

export interface UploadLimits {
  image: Partial<ImageLimits>;
  zip: Partial<ZipLimits>;
  /** Where the normalised copies go: the app's storage unless a caller (tests, the seed) names another. */
  storage?: ObjectStorage;
}

/**
 * A per-file report with its sentences in the reader's language, as the upload page words them
 * (`prototypes.fileErrors`): never the image or zip reader's English, which may quote a decoder's error.
 */
export function uploadReportIn(locale: Locale, items: UploadItem[]): Promise<UploadItem[]> {
  return Promise.all(
    items.map(async (item): Promise<UploadItem> => {
      if (item.status === "accepted") return item;
      if (item.status === "duplicate")
        return { ...item, message: await fileErrorMessage(locale, "duplicate", item.message, { className: item.className }) };
      return { ...item, message: await fileErrorMessage(locale, item.reason, item.message) };
    }),
  );
}

/**
 * Checks one file and stores it in a class (the batch path with one file): the normalised copy is
 * written first, then the row; if the row fails the file is removed, so nothing is ever half-stored.
 * Equal content already in the prototype is reported as a duplicate and not stored again.
 */
export async function ingestImage(
  db: Db,
  args: {
    workspaceId: string;
    prototypeId: string;
    classId: string;
    className: string;
    name: string;
    bytes: Uint8Array;
    /** Set for a reviewed prediction from the field (./inbox.ts): where it came from. */
    fieldSource?: string;
  },
  limits: UploadLimits,
): Promise<UploadItem> {
  const check = await checkImage(args.bytes, limits.image);
  const [item] = await storeInClass(
    db,
    { ...args, cls: { id: args.classId, name: args.className } },
    [{ name: args.name, check, fieldSource: args.fieldSource ?? null }],
    limits.storage ?? appStorage(),
  );
  return item!;
}

/** Images decoded and checked at once per request: sharp works in libuv's thread pool, one per core here. */
const CHECK_CONCURRENCY = 2;

/**
 * Several files into one class, as one batch: the files are checked two at a time, then one
 * statement finds which contents the prototype already holds and one inserts the new rows (a
 * request of 20 images makes 4 round trips, not 60, on a database connection every page shares).
 */
export async function uploadFilesToClass(
  db: Db,
  args: { workspaceId: string; prototypeId: string; classId: string; files: Array<{ name: string; bytes: Uint8Array }> },
  limits: UploadLimits,
): Promise<UploadItem[]> {
  assertNotArchived(await getPrototypeOrThrow(db, args));
  const cls = await getClassOrThrow(db, args);
  const checks = await mapConcurrently(args.files, CHECK_CONCURRENCY, (file) => checkImage(file.bytes, limits.image));
  return storeInClass(
    db,
    { ...args, cls },
    checks.map((check, i) => ({ name: args.files[i]!.name, check, fieldSource: null })),
    limits.storage ?? appStorage(),
  );
}

type CheckedFile = { name: string; check: ImageCheckResult; fieldSource: string | null };

/**
 * Stores checked files in one class, with two statements: one finds which contents the prototype
 * already holds (a join, for the class name), one inserts the new rows. Refused files and
 * duplicates are reported in place. Files are written before their rows, and removed again if
 * the insert fails. The caller has checked that the prototype and the class are the workspace's.
 */
async function storeInClass(
  db: Db,
  args: { workspaceId: string; prototypeId: string; cls: { id: string; name: string } },
  files: CheckedFile[],
  storage: ObjectStorage,
): Promise<UploadItem[]> {
  const { cls } = args;
  const hashes = [...new Set(files.flatMap((f) => (f.check.ok ? [f.check.contentHash] : [])))];
  const existing = new Map(
    hashes.length === 0
      ? []
      : (
          await db.$queryRaw<{ contentHash: string; className: string }[]>`
            SELECT i."contentHash", c."name" AS "className"
              FROM "PrototypeImage" i JOIN "PrototypeClass" c ON c."id" = i."classId"
             WHERE i."prototypeId" = ${args.prototypeId} AND i."contentHash" IN (${Prisma.join(hashes)})`
        ).map((row) => [row.contentHash, row.className]),
  );

  const items: Array<UploadItem | null> = [];
  const fresh: Array<{ index: number; name: string; storagePath: string; fieldSource: string | null; check: AcceptedImage }> = [];
  const inThisBatch = new Set<string>();
  files.forEach(({ name, check, fieldSource }, index) => {
    if (!check.ok) return items.push({ name, status: "rejected", reason: check.reason, message: check.message });
    const heldIn = existing.get(check.contentHash) ?? (inThisBatch.has(check.contentHash) ? cls.name : undefined);
    if (heldIn !== undefined)
      return items.push({ name, status: "duplicate", className: heldIn, message: `Same content as an image already in "${heldIn}"` });
    inThisBatch.add(check.contentHash);
    const storagePath = storagePathFor({ ...args, contentHash: check.contentHash, extension: check.stored.extension });
    fresh.push({ index, name, storagePath, fieldSource, check });
    items.push(null);
  });
  if (fresh.length === 0) return items as UploadItem[];

  const written: string[] = [];
  try {
    await mapConcurrently(fresh, CHECK_CONCURRENCY * 2, async (f) => {
      await writeStoredFile(storage, f.storagePath, f.check.stored.data);
      written.push(f.storagePath);
    });
    // Two uploads of the same content at once: the unique (prototypeId, contentHash) decides, and
    // the one that lost gets no row back (skipDuplicates): it is reported as a duplicate.
    const rows = await db.prototypeImage.createManyAndReturn({
      data: fresh.map(({ name, storagePath, fieldSource, check }) => ({
        workspaceId: args.workspaceId,
        prototypeId: args.prototypeId,
        classId: cls.id,
        contentHash: check.contentHash,
        storagePath,
        originalName: name.slice(0, 255),
        format: check.format,
        width: check.width,
        height: check.height,
        bytes: check.bytes,
        fieldSource,
      })),
      skipDuplicates: true,
      select: { id: true, contentHash: true },
    });
    const idByHash = new Map(rows.map((row) => [row.contentHash, row.id]));
    for (const f of fresh) {
      const imageId = idByHash.get(f.check.contentHash);
      items[f.index] = imageId
        ? { name: f.name, status: "accepted", imageId, className: cls.name }
        : { name: f.name, status: "duplicate", className: cls.name, message: "Same content as an image uploaded at the same time" };
    }
    return items as UploadItem[];
  } catch (err) {
    await Promise.all(written.map((storagePath) => removeStoredFile(storage, storagePath).catch(() => undefined)));
    throw err;
  }
}

/** `fn` over `items` with at most `limit` calls in flight; results in input order. */
async function mapConcurrently<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * A zip's images are stored in batches of at most this many files and bytes (per class, through
 * the same two statements as a multi-file upload): a 20,000-image archive holds one batch in memory.
 */
export const ZIP_BATCH_FILES = 32;
const ZIP_BATCH_BYTES = 32 * 1024 * 1024;

/** A zip with one folder per class: classes are matched by name (case-insensitive) or created. */
export async function uploadZip(db: Db, args: { workspaceId: string; prototypeId: string; source: ZipSource }, limits: UploadLimits) {
  assertNotArchived(await getPrototypeOrThrow(db, args));
  const storage = limits.storage ?? appStorage();
  const classes = await db.prototypeClass.findMany({
    where: { prototypeId: args.prototypeId },
    select: { id: true, name: true, position: true },
  });
  const byName = new Map(classes.map((c) => [c.name.toLowerCase(), c]));
  let position = Math.max(-1, ...classes.map((c) => c.position));
  const created: Array<{ id: string; name: string }> = [];
  // In archive order; an image's slot is filled when its batch is stored.
  const items: Array<UploadItem | null> = [];
  const batch: Array<{ slot: number; cls: { id: string; name: string }; name: string; bytes: Uint8Array }> = [];
  let batchBytes = 0;

  const storeBatch = async () => {
    const files = batch.splice(0);
    batchBytes = 0;
    const checks = await mapConcurrently(files, CHECK_CONCURRENCY, (file) => checkImage(file.bytes, limits.image));
    // One class after another: content seen in an earlier class of the batch is already a row, so it is reported as a duplicate.
    for (const cls of new Set(files.map((f) => f.cls))) {
      const inClass = files.flatMap((file, i) => (file.cls === cls ? [{ file, check: checks[i]! }] : []));
      const stored = await storeInClass(
        db,
        { ...args, cls },
        inClass.map(({ file, check }) => ({ name: file.name, check, fieldSource: null })),
        storage,
      );
      inClass.forEach(({ file }, i) => (items[file.slot] = stored[i]!));
    }
  };

  try {
    for await (const entry of readClassFolderZip(args.source, limits.zip)) {
      if (entry.status !== "accepted") {
        items.push({ name: entry.path, status: entry.status, reason: entry.reason, message: entry.message });
        continue;
      }
      const className = entry.className.slice(0, 60);
      let cls = byName.get(className.toLowerCase());
      if (!cls) {
        cls = await db.prototypeClass.create({
          data: { workspaceId: args.workspaceId, prototypeId: args.prototypeId, name: className, position: ++position },
          select: { id: true, name: true, position: true },
        });
        byName.set(className.toLowerCase(), cls);
        created.push(cls);
      }
      batch.push({ slot: items.push(null) - 1, cls, name: entry.path, bytes: entry.data });
      batchBytes += entry.data.byteLength;
      if (batch.length >= ZIP_BATCH_FILES || batchBytes >= ZIP_BATCH_BYTES) await storeBatch();
    }
    await storeBatch();
  } catch (err) {
    if (err instanceof ZipArchiveError)
      throw new DomainError(err.reason === "tooLarge" ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", ZIP_ERROR_REASONS[err.reason], err.message);
    throw err;
  } finally {
    // A class is made on its folder's first readable entry, before the image check: one whose
    // images were all refused (or a failed upload) must not stay behind empty.
    await dropEmptyClasses(db, { workspaceId: args.workspaceId, classIds: created.map((c) => c.id) });
  }
  const kept =
    created.length === 0 ? [] : await db.prototypeClass.findMany({ where: { id: { in: created.map((c) => c.id) } }, select: { id: true } });
  const keptIds = new Set(kept.map((c) => c.id));
  return { items: items as UploadItem[], createdClasses: created.filter((c) => keptIds.has(c.id)).map((c) => c.name) };
}

async function dropEmptyClasses(db: Db, args: { workspaceId: string; classIds: string[] }) {
  if (args.classIds.length === 0) return;
  await db.prototypeClass.deleteMany({ where: { id: { in: args.classIds }, workspaceId: args.workspaceId, images: { none: {} } } });
}
