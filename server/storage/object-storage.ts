import type { Readable } from "node:stream";

/**
 * Where the app keeps files: uploaded images and their thumbnails, trained models, and anything
 * else that is not a database row. Callers name objects by key ("uploads/<ws>/<prototype>/<hash>.webp"),
 * never by path, so the same code runs on local disk (one machine) and on S3-compatible object
 * storage (several web processes and workers on different machines).
 */
export interface ObjectStorage {
  /** "local" or "s3": shown in health and logs. */
  readonly kind: string;
  /** Writes the whole object; a reader sees the old object or the new one, never half of it. */
  put(key: string, body: Uint8Array | Readable, options?: PutOptions): Promise<void>;
  /** Opens the object for reading as a stream. Throws `ObjectNotFoundError` when there is none. */
  get(key: string): Promise<StoredObjectStream>;
  /** Size and age, or null when there is no such object. */
  head(key: string): Promise<StoredObjectInfo | null>;
  /** Removes the object; removing a missing one is not an error (deletes follow rows and may repeat). */
  delete(key: string): Promise<void>;
  /**
   * Removes several objects; optional. S3 takes up to 1,000 keys per request, so deleting a
   * workspace of 20,000 images is 20 requests, not 20,000. `deletePrefix` uses it when present.
   */
  deleteMany?(keys: string[]): Promise<void>;
  /** Every object whose key starts with `prefix` ("" lists all), in no particular order. */
  list(prefix: string): AsyncIterable<StoredObjectInfo>;
  /**
   * The object as a file on this machine when the storage is a local folder, else null. Lets
   * worker threads decode images straight from disk; other storage is copied to a scratch folder.
   */
  localPath(key: string): string | null;
}

export interface PutOptions {
  /** Defaults to the type the key's extension implies (`contentTypeFor`). */
  contentType?: string;
}

export interface StoredObjectInfo {
  key: string;
  size: number;
  modifiedAt: Date;
}

export interface StoredObjectStream {
  body: Readable;
  size: number;
  contentType: string;
}

/**
 * `instanceof` by a registered symbol, not by class identity: Next bundles this module into
 * several chunks (instrumentation, each route), and the process's one storage instance is made by
 * whichever loaded first, so its errors come from another copy of the class than the one a route
 * compares with. (A plain `instanceof` missed every missing thumbnail in a production build.)
 */
const NOT_FOUND = Symbol.for("venturelens.storage.ObjectNotFoundError");
const INVALID_KEY = Symbol.for("venturelens.storage.InvalidKeyError");
const branded = (value: unknown, brand: symbol) => typeof value === "object" && value !== null && brand in value;

/** A key that names no object. Routes answer it as 404; domain code maps it to its own reason. */
export class ObjectNotFoundError extends Error {
  readonly [NOT_FOUND] = true;
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, NOT_FOUND);
  }
  constructor(readonly key: string) {
    super(`no stored object: ${key}`);
    this.name = "ObjectNotFoundError";
  }
}

export class InvalidKeyError extends Error {
  readonly [INVALID_KEY] = true;
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, INVALID_KEY);
  }
  constructor(
    readonly key: string,
    why: string,
  ) {
    super(`invalid storage key ${JSON.stringify(key.slice(0, 200))}: ${why}`);
    this.name = "InvalidKeyError";
  }
}

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const MAX_KEY_BYTES = 1024;

/**
 * Keys are relative, "/"-separated, made of letters, digits, `.`, `_` and `-`; no segment is
 * empty, "." or "..", and none starts with a dot. On local disk a key becomes a path under the
 * data folder, so this is what keeps a key from escaping it (and keeps keys portable to every
 * S3-compatible store, which differ in what else they accept).
 */
export function assertKey(key: string): string {
  if (key.length === 0) throw new InvalidKeyError(key, "empty");
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new InvalidKeyError(key, "longer than 1024 bytes");
  if (key.startsWith("/")) throw new InvalidKeyError(key, "absolute");
  for (const segment of key.split("/")) {
    if (!SEGMENT.test(segment)) throw new InvalidKeyError(key, `bad segment ${JSON.stringify(segment)}`);
  }
  return key;
}

/** A prefix is "" or a valid key, optionally ending in "/". */
export function assertPrefix(prefix: string): string {
  if (prefix === "") return prefix;
  assertKey(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix);
  return prefix;
}

const TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  avif: "image/avif",
  zip: "application/zip",
  json: "application/json",
  onnx: "application/octet-stream",
  bin: "application/octet-stream",
};

export function contentTypeFor(key: string): string {
  const ext = key.slice(key.lastIndexOf(".") + 1).toLowerCase();
  return TYPES[ext] ?? "application/octet-stream";
}

/**
 * Reads a whole object into memory, for consumers that need it whole (the image decoder, the
 * zip reader of a model). `maxBytes` guards against an object far larger than the caller expects.
 */
export async function readObject(storage: ObjectStorage, key: string, maxBytes = 512 * 1024 * 1024): Promise<Buffer> {
  const { body, size } = await storage.get(key);
  if (size > maxBytes) {
    body.destroy();
    throw new Error(`stored object ${key} is ${size} bytes, more than the ${maxBytes} expected`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Deletes every object under a prefix (a workspace's uploads, a run's model folder). */
export async function deletePrefix(storage: ObjectStorage, prefix: string): Promise<number> {
  if (!prefix.endsWith("/")) throw new InvalidKeyError(prefix, "a prefix to delete must end with /");
  assertPrefix(prefix);
  const keys: string[] = [];
  for await (const object of storage.list(prefix)) keys.push(object.key);
  if (storage.deleteMany) {
    for (let i = 0; i < keys.length; i += 1000) await storage.deleteMany(keys.slice(i, i + 1000));
    return keys.length;
  }
  // A few at a time: thousands of deletes at once would exhaust file handles or sockets.
  for (let i = 0; i < keys.length; i += 16) await Promise.all(keys.slice(i, i + 16).map((key) => storage.delete(key)));
  return keys.length;
}
