import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/select-backend";
import { embedBatch, instantiateModel } from "../runtime/tf-runtime.mjs";
import { DEFAULT_PRETRAINED_ID, findCatalogEntry } from "./catalog";
import { BackboneDownloadError, fetchPretrainedBackbone } from "./fetch";
import { writeModelDir } from "./model-files";
import { loadInstalledBackbone } from "./resolve";
import { handWrittenGraphModel } from "./test-fixtures";

const entry = findCatalogEntry(DEFAULT_PRETRAINED_ID)!;
const handle = entry.source!.tfHubHandle;

let modelsDir: string;
let servedDir: string;

beforeAll(async () => {
  await selectBackend({ preference: "wasm" });
});

beforeEach(async () => {
  modelsDir = await mkdtemp(path.join(os.tmpdir(), "vl-fetch-models-"));
  servedDir = await mkdtemp(path.join(os.tmpdir(), "vl-fetch-served-"));
  const model = handWrittenGraphModel({ embeddingNode: entry.spec.embeddingNode!, channels: entry.spec.embeddingSize });
  await writeModelDir(model, servedDir, "group1-shard1of1.bin");
});

afterEach(async () => {
  await rm(modelsDir, { recursive: true, force: true });
  await rm(servedDir, { recursive: true, force: true });
});

/** Serves files from servedDir under the TF Hub handle, recording what was asked for. */
function fakeHub(requested: string[]): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    requested.push(url);
    const match = url.startsWith(handle + "/") && url.endsWith("?tfjs-format=file");
    if (!match) return new Response("not found", { status: 404, statusText: "Not Found" });
    const name = url.slice(handle.length + 1, -"?tfjs-format=file".length);
    const { readFile } = await import("node:fs/promises");
    const body = await readFile(path.join(servedDir, name)).catch(() => undefined);
    return body ? new Response(body) : new Response("not found", { status: 404, statusText: "Not Found" });
  }) as typeof fetch;
}

describe("fetchPretrainedBackbone", () => {
  it("downloads model.json and shards the way TF.js's fromTFHub does, then installs a verified graph model", async () => {
    const requested: string[] = [];
    await fetchPretrainedBackbone({ id: DEFAULT_PRETRAINED_ID, modelsDir, fetchImpl: fakeHub(requested) });
    expect(requested).toEqual([`${handle}/model.json?tfjs-format=file`, `${handle}/group1-shard1of1.bin?tfjs-format=file`]);
    expect((await readdir(modelsDir)).sort()).toEqual([DEFAULT_PRETRAINED_ID]);

    const backbone = await loadInstalledBackbone(modelsDir, DEFAULT_PRETRAINED_ID);
    const model = await instantiateModel(backbone.model);
    const { height, width } = backbone.spec.preprocess;
    const embedding = await embedBatch(model, backbone.spec, new Float32Array(height * width * 3).fill(0.5), 1);
    model.dispose();
    // Cut at the pooling node (non-zero), not the zeroed "logits" output.
    expect(embedding.length).toBe(1280);
    expect(embedding.some((v) => v > 0)).toBe(true);
  });

  it("fails with a clear message when the host cannot be reached, leaving nothing behind", async () => {
    const offline = (async () => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND tfhub.dev"), { code: "ENOTFOUND" }) });
    }) as typeof fetch;
    const attempt = fetchPretrainedBackbone({ id: DEFAULT_PRETRAINED_ID, modelsDir, fetchImpl: offline });
    await expect(attempt).rejects.toBeInstanceOf(BackboneDownloadError);
    await expect(attempt).rejects.toThrow(
      /Could not reach tfhub\.dev \(ENOTFOUND\)[\s\S]*bundled with the npm package nsfwjs[\s\S]*compact CNN/,
    );
    expect(await readdir(modelsDir)).toEqual([]);
  });

  it("removes the partial download when a shard is missing", async () => {
    const requested: string[] = [];
    await rm(path.join(servedDir, "group1-shard1of1.bin"));
    await expect(fetchPretrainedBackbone({ id: DEFAULT_PRETRAINED_ID, modelsDir, fetchImpl: fakeHub(requested) })).rejects.toThrow(
      /group1-shard1of1\.bin\?tfjs-format=file answered HTTP 404/,
    );
    expect(await readdir(modelsDir)).toEqual([]);
  });
});

describe("npm run ml:fetch-backbone", () => {
  it("prints one clear message and no stack trace when offline", async () => {
    const run = promisify(execFile);
    // A loopback port nobody listens on: the same failure as having no network.
    const port = await closedPort();
    const result = await run(
      process.execPath,
      ["--import", "tsx", "scripts/fetch-backbone.ts", "--models-dir", modelsDir, "--url", `http://127.0.0.1:${port}/mobilenet`],
      { cwd: path.resolve(__dirname, "../.."), timeout: 60_000 },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ml:fetch-backbone failed: Could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(modelsDir)).toEqual([]);
  });
});

async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
