import { copyFile, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { LoadedBackbone } from "../types";
import { PRETRAINED_BACKBONES, type CatalogEntry } from "./catalog";
import { MODEL_FILE, modelFileNames } from "./manifest";
import { commitStagedBackbone, makeStagingDir } from "./install";

/** A failure the fetch script prints as one clear message, without a stack trace. */
export class BackboneDownloadError extends Error {
  override name = "BackboneDownloadError";
}

// TF.js's `fromTFHub` convention (tfjs-converter graph_model.ts): model.json and
// every shard are requested with this query so TF Hub serves the raw TF.js files.
const TFHUB_QUERY = "?tfjs-format=file";

function pretrainedEntry(id: string): CatalogEntry & { source: NonNullable<CatalogEntry["source"]> } {
  const entry = PRETRAINED_BACKBONES.find((e) => e.spec.id === id);
  if (!entry?.source) {
    const known = PRETRAINED_BACKBONES.map((e) => e.spec.id).join(", ");
    throw new BackboneDownloadError(`Unknown pretrained backbone "${id}". Known: ${known}`);
  }
  return entry as CatalogEntry & { source: NonNullable<CatalogEntry["source"]> };
}

export interface FetchBackboneOptions {
  id: string;
  modelsDir: string;
  /** Overrides the catalog's TF Hub handle (a mirror; tests). */
  handle?: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** Downloads a pretrained backbone from its public location into `<modelsDir>/<id>` and verifies it. */
export async function fetchPretrainedBackbone(options: FetchBackboneOptions): Promise<LoadedBackbone> {
  const entry = pretrainedEntry(options.id);
  const handle = (options.handle ?? entry.source.tfHubHandle).replace(/\/+$/, "");
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const log = options.log ?? (() => {});
  const modelUrl = `${handle}/${MODEL_FILE}${TFHUB_QUERY}`;

  log(`Downloading ${entry.spec.id} from ${modelUrl}`);
  const modelBytes = await download(fetchImpl, modelUrl, timeoutMs);
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(Buffer.from(modelBytes).toString("utf8"));
  } catch {
    throw new BackboneDownloadError(`${modelUrl} did not return model.json (not JSON); the public location may have moved`);
  }
  const shardNames = modelFileNames(modelJson).slice(1);

  const stagingDir = await makeStagingDir(options.modelsDir, entry.spec.id);
  await removeOnFailure(stagingDir, async () => {
    await writeFile(path.join(/* turbopackIgnore: true */ stagingDir, MODEL_FILE), modelBytes);
    for (const [index, name] of shardNames.entries()) {
      const url = `${handle}/${name}${TFHUB_QUERY}`;
      log(`  weights ${index + 1}/${shardNames.length}: ${name}`);
      await writeFile(path.join(/* turbopackIgnore: true */ stagingDir, name), await download(fetchImpl, url, timeoutMs));
    }
  });
  log("Verifying (sha256 manifest, load, one test image)");
  return commitStagedBackbone({ stagingDir, modelsDir: options.modelsDir, spec: entry.spec, source: modelUrl });
}

/**
 * Installs from a folder holding model.json and its shards, fetched by other
 * means (another machine, a browser): the way to install on a host that cannot
 * reach the public location.
 */
export async function installBackboneFromFolder(options: { id: string; modelsDir: string; from: string }): Promise<LoadedBackbone> {
  const entry = pretrainedEntry(options.id);
  const from = path.resolve(/* turbopackIgnore: true */ options.from);
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(await readFile(path.join(/* turbopackIgnore: true */ from, MODEL_FILE), "utf8"));
  } catch {
    throw new BackboneDownloadError(`No readable ${MODEL_FILE} in ${from}`);
  }
  const stagingDir = await makeStagingDir(options.modelsDir, entry.spec.id);
  await removeOnFailure(stagingDir, async () => {
    for (const name of modelFileNames(modelJson)) {
      await copyFile(path.join(/* turbopackIgnore: true */ from, name), path.join(/* turbopackIgnore: true */ stagingDir, name)).catch(
        () => {
          throw new BackboneDownloadError(`${name} (listed in ${MODEL_FILE}) is missing from ${from}`);
        },
      );
    }
  });
  return commitStagedBackbone({ stagingDir, modelsDir: options.modelsDir, spec: entry.spec, source: `file:${from}` });
}

async function removeOnFailure(dir: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function download(fetchImpl: typeof fetch, url: string, timeoutMs: number): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchImpl(url, { redirect: "follow", signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new BackboneDownloadError(describeNetworkFailure(url, err));
  }
  if (!response.ok) {
    throw new BackboneDownloadError(`${url} answered HTTP ${response.status} ${response.statusText}`.trim());
  }
  return new Uint8Array(await response.arrayBuffer());
}

function describeNetworkFailure(url: string, err: unknown): string {
  const host = safeHost(url);
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause;
  const detail =
    (err as { name?: string } | null)?.name === "TimeoutError"
      ? "timed out"
      : (cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)));
  return (
    `Could not reach ${host} (${detail}). This machine appears to be offline or blocked from ${host}.\n` +
    `Until then, training uses the MobileNet v2 bundled with the npm package nsfwjs (installed at start-up), ` +
    `or, if that is unavailable too, the compact CNN (lower accuracy).\n` +
    `To install anyway: run \`npm run ml:fetch-backbone\` on a machine with internet access and copy the ` +
    `models/<id> folder into ML_MODELS_DIR here, or put model.json and its .bin files in a folder and run ` +
    `\`npm run ml:fetch-backbone -- --from <folder>\`.`
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
