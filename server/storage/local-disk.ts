import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  assertKey,
  assertPrefix,
  contentTypeFor,
  ObjectNotFoundError,
  type ObjectStorage,
  type PutOptions,
  type StoredObjectInfo,
  type StoredObjectStream,
} from "./object-storage";

const isCode = (err: unknown, ...codes: string[]) => codes.includes((err as NodeJS.ErrnoException).code ?? "");

/**
 * Objects as files under one folder: key "uploads/a/b.webp" is `<root>/uploads/a/b.webp`. With the
 * data folder as root this is exactly the layout the app used before object storage existed, so an
 * existing install keeps its files without a migration.
 */
export class LocalDiskStorage implements ObjectStorage {
  readonly kind = "local";
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(/* turbopackIgnore: true */ root);
  }

  private file(key: string): string {
    const full = path.resolve(this.root, assertKey(key));
    // assertKey already rules out "..": this is the belt to its braces.
    if (!full.startsWith(this.root + path.sep)) throw new Error(`storage key escapes the storage folder: ${key}`);
    return full;
  }

  localPath(key: string): string {
    return this.file(key);
  }

  async put(key: string, body: Uint8Array | Readable, _options?: PutOptions): Promise<void> {
    const file = this.file(key);
    // Written under a name no key can have (leading dot) and renamed: readers never see half a file,
    // and listings never show the partial one. Same folder, so the rename never crosses file systems.
    const partial = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.partial`);
    const write = async () => {
      await mkdir(path.dirname(file), { recursive: true });
      if (body instanceof Readable) await pipeline(body, createWriteStream(partial, { flags: "wx" }));
      else await writeFile(partial, body, { flag: "wx" });
    };
    try {
      try {
        await write();
      } catch (err) {
        // A delete of the folder's last object may have pruned the folder between mkdir and write.
        if (!isCode(err, "ENOENT") || body instanceof Readable) throw err;
        await write();
      }
      await rename(partial, file);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<StoredObjectStream> {
    const file = this.file(key);
    let handle;
    try {
      handle = await open(file, "r");
    } catch (err) {
      if (isCode(err, "ENOENT", "EISDIR", "ENOTDIR")) throw new ObjectNotFoundError(key);
      throw err;
    }
    // Size and stream from one open file: a concurrent replace cannot make them disagree.
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      throw new ObjectNotFoundError(key);
    }
    return { body: handle.createReadStream(), size: info.size, contentType: contentTypeFor(key) };
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    try {
      const info = await stat(this.file(key));
      return info.isFile() ? { key, size: info.size, modifiedAt: info.mtime } : null;
    } catch (err) {
      if (isCode(err, "ENOENT", "ENOTDIR")) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key);
    await rm(file, { force: true });
    // Empty folders are pruned up to the root, as an object store has no folders to leave behind.
    for (let dir = path.dirname(file); dir.startsWith(this.root + path.sep); dir = path.dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObjectInfo> {
    assertPrefix(prefix);
    // Walk only the folder the prefix names (its part up to the last "/"), then filter by the rest.
    const base = prefix.slice(0, prefix.lastIndexOf("/") + 1);
    yield* this.walk(base, prefix);
  }

  private async *walk(dirKey: string, prefix: string): AsyncIterable<StoredObjectInfo> {
    let names;
    try {
      names = await readdir(dirKey ? path.join(this.root, dirKey) : this.root, { withFileTypes: true });
    } catch (err) {
      if (isCode(err, "ENOENT", "ENOTDIR")) return;
      throw err;
    }
    for (const entry of names) {
      // Partial writes and anything else that is not a valid key segment are not objects.
      if (entry.name.startsWith(".") || !/^[A-Za-z0-9._-]+$/.test(entry.name)) continue;
      const key = dirKey + entry.name;
      if (entry.isDirectory()) {
        if (prefix.startsWith(key + "/") || (key + "/").startsWith(prefix)) yield* this.walk(key + "/", prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        const info = await stat(path.join(this.root, key)).catch(() => null);
        if (info) yield { key, size: info.size, modifiedAt: info.mtime };
      }
    }
  }
}
