import { loadInstalledBackbone } from "@/ml/backbone";
import { createEmbedder, type Embedder } from "@/ml/embed";
import {
  buildOodReference,
  decodeOodReference,
  encodeOodReference,
  judgeOod,
  type OodJudgement,
  type OodReference,
} from "@/ml/metrics/ood";
import type { BackendInfo } from "@/ml/types";
import { logger } from "@/server/log";
import { readObject, runPrefix, type ObjectStorage } from "@/server/storage";

const log = logger("ml");

/**
 * The out-of-distribution hint of a run (docs/PROTOTYPES.md, "Does the image look like the
 * training images?"): at training time the run's training embeddings and the distances of its
 * held-out images are stored next to its export; at prediction time each image is embedded by
 * the same backbone and compared. Runs without the file (older runs, image-path runs) answer null.
 */
export const OOD_FILE = "ood-reference.bin";

/** `models/<runId>/ood-reference.bin`: beside the run's export, deleted with its prefix. */
export function runOodKey(runId: string): string {
  return `${runPrefix(runId)}${OOD_FILE}`;
}

export async function saveOodReference(options: {
  storage: ObjectStorage;
  runId: string;
  embeddings: Float32Array;
  dim: number;
  trainRows: number[];
  heldOutRows: number[];
  backboneId: string;
  seed: number;
}): Promise<OodReference | null> {
  const { embeddings, dim } = options;
  const pick = (rows: number[]) => {
    const out = new Float32Array(rows.length * dim);
    rows.forEach((r, i) => out.set(embeddings.subarray(r * dim, (r + 1) * dim), i * dim));
    return out;
  };
  const reference = buildOodReference({
    train: pick(options.trainRows),
    heldOut: pick(options.heldOutRows),
    dim,
    backboneId: options.backboneId,
    seed: options.seed,
  });
  if (!reference) return null;
  await options.storage.put(runOodKey(options.runId), encodeOodReference(reference));
  return reference;
}

const MAX_CACHED = 8;

/** Keeps recently used references and one embedder per backbone, like the predictor keeps models. */
export class OodChecker {
  private readonly references = new Map<string, Promise<OodReference | null>>();
  private readonly embedders = new Map<string, Promise<Embedder>>();

  constructor(private readonly options: { storage: ObjectStorage; modelsDir: string; backend: () => Promise<BackendInfo> }) {}

  get paths(): { storage: ObjectStorage; modelsDir: string } {
    return { storage: this.options.storage, modelsDir: this.options.modelsDir };
  }

  private reference(runId: string): Promise<OodReference | null> {
    let pending = this.references.get(runId);
    if (!pending) {
      // A run without the object (older runs, image-path runs) answers null.
      pending = readObject(this.options.storage, runOodKey(runId), 64 * 1024 * 1024).then(
        (bytes) => decodeOodReference(bytes),
        () => null,
      );
      this.references.set(runId, pending);
      while (this.references.size > MAX_CACHED) this.references.delete(this.references.keys().next().value!);
    }
    return pending;
  }

  private embedder(backboneId: string): Promise<Embedder> {
    let pending = this.embedders.get(backboneId);
    if (!pending) {
      pending = (async () => {
        const backbone = await loadInstalledBackbone(this.options.modelsDir, backboneId);
        return createEmbedder({ backbone, backend: await this.options.backend(), workers: 1 });
      })();
      pending.catch(() => this.embedders.delete(backboneId));
      this.embedders.set(backboneId, pending);
    }
    return pending;
  }

  /**
   * One judgement per image (null where the run keeps no statistics, its backbone is no longer
   * installed, or the image does not decode). Never throws: the hint must not cost an answer.
   */
  async judge(runId: string, images: Buffer[]): Promise<Array<OodJudgement | null>> {
    const none = images.map(() => null);
    try {
      const reference = await this.reference(runId);
      if (!reference) return none;
      const embedder = await this.embedder(reference.backboneId);
      const out: Array<OodJudgement | null> = [...none];
      for await (const batch of embedder.embed(images.map((data, i) => ({ id: String(i), data: new Uint8Array(data) })))) {
        for (const item of batch) if (item.embedding) out[Number(item.id)] = judgeOod(reference, item.embedding);
      }
      return out;
    } catch (err) {
      log.warn("out-of-distribution check skipped", { runId, err });
      return none;
    }
  }

  async close(): Promise<void> {
    const embedders = [...this.embedders.values()];
    this.embedders.clear();
    this.references.clear();
    await Promise.all(embedders.map((e) => e.then((x) => x.close()).catch(() => undefined)));
  }
}
