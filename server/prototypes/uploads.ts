import { checkImage, type ImageLimits } from "@/ml/data/images";
import { readClassFolderZip, ZipArchiveError, type ZipArchiveRejectionReason, type ZipLimits, type ZipSource } from "@/ml/data/zip";
import type { Db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { getClassOrThrow } from "./classes";
import { assertNotArchived, getPrototypeOrThrow } from "./prototypes";
import { storage as appStorage, type ObjectStorage } from "@/server/storage";
import { removeStoredFile, storagePathFor, writeStoredFile } from "./storage";

/** Error reasons are camelCase keys the UI translates (messages: prototypes.dataErrors). */
const ZIP_ERROR_REASONS: Record<ZipArchiveRejectionReason, string> = {
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
 * Checks one file and stores it in a class: the normalised copy is written first, then the
 * row; if the row fails the file is removed, so nothing is ever half-stored. Equal content
 * already in the prototype is reported as a duplicate and not stored again.
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
  const checked = await checkImage(args.bytes, limits.image);
  if (!checked.ok) return { name: args.name, status: "rejected", reason: checked.reason, message: checked.message };
  const existing = await db.prototypeImage.findFirst({
    where: { prototypeId: args.prototypeId, contentHash: checked.contentHash },
    select: { class: { select: { name: true } } },
  });
  if (existing) {
    return {
      name: args.name,
      status: "duplicate",
      className: existing.class.name,
      message: `Same content as an image already in "${existing.class.name}"`,
    };
  }
  const storagePath = storagePathFor({
    workspaceId: args.workspaceId,
    prototypeId: args.prototypeId,
    contentHash: checked.contentHash,
    extension: checked.stored.extension,
  });
  const storage = limits.storage ?? appStorage();
  await writeStoredFile(storage, storagePath, checked.stored.data);
  try {
    const row = await db.prototypeImage.create({
      data: {
        workspaceId: args.workspaceId,
        prototypeId: args.prototypeId,
        classId: args.classId,
        contentHash: checked.contentHash,
        storagePath,
        originalName: args.name.slice(0, 255),
        format: checked.format,
        width: checked.width,
        height: checked.height,
        bytes: checked.bytes,
        fieldSource: args.fieldSource ?? null,
      },
      select: { id: true },
    });
    return { name: args.name, status: "accepted", imageId: row.id, className: args.className };
  } catch (err) {
    // Two uploads of the same content at once: the unique (prototypeId, contentHash) decides.
    if ((err as { code?: string }).code === "P2002") {
      return {
        name: args.name,
        status: "duplicate",
        className: args.className,
        message: "Same content as an image uploaded at the same time",
      };
    }
    await removeStoredFile(storage, storagePath).catch(() => undefined);
    throw err;
  }
}

export async function uploadFilesToClass(
  db: Db,
  args: { workspaceId: string; prototypeId: string; classId: string; files: Array<{ name: string; bytes: Uint8Array }> },
  limits: UploadLimits,
): Promise<UploadItem[]> {
  assertNotArchived(await getPrototypeOrThrow(db, args));
  const cls = await getClassOrThrow(db, args);
  const items: UploadItem[] = [];
  for (const file of args.files) {
    items.push(await ingestImage(db, { ...args, classId: cls.id, className: cls.name, name: file.name, bytes: file.bytes }, limits));
  }
  return items;
}

/** A zip with one folder per class: classes are matched by name (case-insensitive) or created. */
export async function uploadZip(db: Db, args: { workspaceId: string; prototypeId: string; source: ZipSource }, limits: UploadLimits) {
  assertNotArchived(await getPrototypeOrThrow(db, args));
  const classes = await db.prototypeClass.findMany({
    where: { prototypeId: args.prototypeId },
    select: { id: true, name: true, position: true },
  });
  const byName = new Map(classes.map((c) => [c.name.toLowerCase(), c]));
  let position = Math.max(-1, ...classes.map((c) => c.position));
  const created: Array<{ id: string; name: string }> = [];
  const items: UploadItem[] = [];
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
      items.push(await ingestImage(db, { ...args, classId: cls.id, className: cls.name, name: entry.path, bytes: entry.data }, limits));
    }
  } catch (err) {
    if (err instanceof ZipArchiveError)
      throw new DomainError(err.reason === "tooLarge" ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", ZIP_ERROR_REASONS[err.reason], err.message);
    throw err;
  } finally {
    // A class is made on its folder's first readable entry, before the image check: one whose
    // images were all refused (or a failed upload) must not stay behind empty.
    await dropEmptyClasses(db, { workspaceId: args.workspaceId, classIds: created.map((c) => c.id) });
  }
  const kept = await db.prototypeClass.findMany({ where: { id: { in: created.map((c) => c.id) } }, select: { id: true } });
  const keptIds = new Set(kept.map((c) => c.id));
  return { items, createdClasses: created.filter((c) => keptIds.has(c.id)).map((c) => c.name) };
}

async function dropEmptyClasses(db: Db, args: { workspaceId: string; classIds: string[] }) {
  if (args.classIds.length === 0) return;
  await db.prototypeClass.deleteMany({ where: { id: { in: args.classIds }, workspaceId: args.workspaceId, images: { none: {} } } });
}
