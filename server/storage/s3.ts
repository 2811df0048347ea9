import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Readable } from "node:stream";
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

export interface S3StorageOptions {
  bucket: string;
  /** Unset: AWS itself. Set for MinIO, Ceph, R2, s3rver and other S3-compatible servers. */
  endpoint?: string;
  region: string;
  /** Unset: the AWS SDK's default chain (env, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Bucket in the path (http://host/bucket/key) instead of the host name: MinIO, Ceph and most self-hosted stores. */
  forcePathStyle: boolean;
  /** Prepended to every key, so one bucket can hold several installs ("venturelens/"). */
  keyPrefix?: string;
}

const isMissing = (err: unknown) =>
  err instanceof S3ServiceException && (err.name === "NoSuchKey" || err.name === "NotFound" || err.$metadata.httpStatusCode === 404);

/** Objects in an S3-compatible bucket; every process and worker that shares the bucket sees the same files. */
export class S3Storage implements ObjectStorage {
  readonly kind = "s3";
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly keyPrefix: string;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.keyPrefix = options.keyPrefix ? assertPrefix(options.keyPrefix.replace(/\/?$/, "/")) : "";
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // SDK 3.729+ adds CRC32 checksums to every request and validates them on every response by
      // default; several S3-compatible servers (older MinIO, Ceph RGW, R2 at times) reject or omit
      // them. Only where the S3 API demands one (e.g. multi-object delete) is the checksum sent.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  private objectKey(key: string): string {
    return this.keyPrefix + assertKey(key);
  }

  localPath(): null {
    return null;
  }

  async put(key: string, body: Uint8Array | Readable, options: PutOptions = {}): Promise<void> {
    const params = { Bucket: this.bucket, Key: this.objectKey(key), ContentType: options.contentType ?? contentTypeFor(key) };
    if (body instanceof Readable) {
      // A stream of unknown length: multipart in 5 MB parts (one plain PUT when it is smaller),
      // so a large model or export never has to sit in memory whole.
      await new Upload({ client: this.client, params: { ...params, Body: body }, queueSize: 2 }).done();
    } else {
      await this.client.send(new PutObjectCommand({ ...params, Body: body, ContentLength: body.byteLength }));
    }
  }

  async get(key: string): Promise<StoredObjectStream> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      // In Node the SDK's body is an http.IncomingMessage, i.e. a Readable.
      return { body: out.Body as Readable, size: out.ContentLength ?? 0, contentType: out.ContentType ?? contentTypeFor(key) };
    } catch (err) {
      if (isMissing(err)) throw new ObjectNotFoundError(key);
      throw err;
    }
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { key, size: out.ContentLength ?? 0, modifiedAt: out.LastModified ?? new Date(0) };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async deleteMany(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    if (keys.length > 1000) throw new Error("S3 deletes at most 1,000 keys per request");
    const out = await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.bucket,
        Delete: { Objects: keys.map((key) => ({ Key: this.objectKey(key) })), Quiet: true },
      }),
    );
    // A multi-delete answers 200 even when some keys failed; those come back in Errors.
    const failed = (out.Errors ?? []).filter((e) => e.Code !== "NoSuchKey");
    if (failed.length > 0) throw new Error(`S3 could not delete ${failed.length} object(s), e.g. ${failed[0]!.Key}: ${failed[0]!.Code}`);
  }

  async *list(prefix: string): AsyncIterable<StoredObjectInfo> {
    const full = this.keyPrefix + assertPrefix(prefix);
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: full, ...(token ? { ContinuationToken: token } : {}) }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield { key: object.Key.slice(this.keyPrefix.length), size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Frees the client's sockets (scripts and tests; the app keeps one client for its lifetime). */
  close(): void {
    this.client.destroy();
  }
}
