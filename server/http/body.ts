import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DomainError } from "@/server/errors";

const MB = 1024 * 1024;

export function bodyTooLarge(maxBytes: number): DomainError {
  const maxMb = Math.max(1, Math.round(maxBytes / MB));
  return new DomainError("PAYLOAD_TOO_LARGE", "bodyTooLarge", `The request is larger than the ${maxMb} MB limit`, { maxMb });
}

/**
 * Yields a request's body chunk by chunk and throws `bodyTooLarge` as soon as more than
 * `maxBytes` arrived. The declared Content-Length is checked first, but a chunked body has
 * none, so the bytes themselves are counted: a client can never make the server hold more
 * than the limit (plus one chunk).
 */
async function* limitedChunks(request: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw bodyTooLarge(maxBytes);
  if (!request.body) return;
  const reader = request.body.getReader();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      received += value.byteLength;
      if (received > maxBytes) throw bodyTooLarge(maxBytes);
      yield value;
    }
  } finally {
    // Stops the upload (and frees what the stream buffered) when we stop early.
    await reader.cancel().catch(() => undefined);
  }
}

/** The whole body in memory, at most `maxBytes`. */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of limitedChunks(request, maxBytes)) {
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** A multipart or url-encoded form, parsed only after the counted body stayed under `maxBytes`. */
export async function readFormLimited(request: Request, maxBytes: number): Promise<FormData> {
  const bytes = await readBodyLimited(request, maxBytes);
  const type = request.headers.get("content-type") ?? "";
  return new Response(bytes as BodyInit, { headers: { "content-type": type } }).formData().catch(() => {
    throw new DomainError("BAD_REQUEST", "badForm", "Send the request as multipart/form-data");
  });
}

/** Streams the body to a temporary file, stopping at `maxBytes`. Returns the path and a cleanup function. */
export async function bodyToTempFile(request: Request, maxBytes: number): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "vl-upload-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const file = path.join(dir, "body");
  const out = createWriteStream(file);
  try {
    let received = 0;
    for await (const chunk of limitedChunks(request, maxBytes)) {
      received += chunk.byteLength;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve, reject) => {
      out.once("error", reject);
      out.end(() => resolve());
    });
    if (received === 0) throw new DomainError("BAD_REQUEST", "emptyBody", "No file was sent");
    return { file, cleanup };
  } catch (err) {
    out.destroy();
    await cleanup();
    throw err;
  }
}
