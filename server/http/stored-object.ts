import { Readable } from "node:stream";
import type { StoredObjectStream } from "@/server/storage";

/**
 * Answers with a stored object as it streams from storage (never read whole into memory), with
 * its length and type. A client that goes away cancels the web stream, which closes the file or
 * the S3 response behind it.
 */
export function storedObjectResponse(object: StoredObjectStream, headers: Record<string, string> = {}): Response {
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, {
    headers: { "Content-Type": object.contentType, "Content-Length": String(object.size), ...headers },
  });
}
