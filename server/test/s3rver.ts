import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { S3Storage } from "@/server/storage/s3";

/**
 * A real S3-compatible server (s3rver, pure JavaScript, objects in a temporary folder) on a free
 * port, with one bucket: what the S3 implementation is tested against on machines with no MinIO.
 */
export async function startS3rver(bucket = "venturelens-test") {
  const directory = mkdtempSync(path.join(tmpdir(), "vl-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver accepts these fixed credentials.
  const settings = { bucket, endpoint, region: "us-east-1", forcePathStyle: true, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
  const clients: S3Storage[] = [];
  return {
    endpoint,
    settings,
    /** A storage on this server; `keyPrefix` isolates one test's objects from another's. */
    storage(keyPrefix?: string) {
      const s = new S3Storage({
        bucket,
        endpoint,
        region: settings.region,
        forcePathStyle: true,
        credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
        ...(keyPrefix ? { keyPrefix } : {}),
      });
      clients.push(s);
      return s;
    },
    async stop() {
      for (const c of clients) c.close();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
