import { PREPROCESS_VERSION } from "../runtime/preprocess.mjs";
import type { BackboneSpec, PreprocessSpec } from "../types";

export interface PretrainedSource {
  /**
   * The TF Hub handle used by @tensorflow-models/mobilenet 2.1.1 (src/index.ts,
   * MODEL_INFO). TF.js's `fromTFHub` turns it into `<handle>/model.json?tfjs-format=file`
   * and fetches each weight shard as `<handle>/<shard>?tfjs-format=file`.
   */
  tfHubHandle: string;
  licence: string;
  /** Top-1 ImageNet accuracy published with the model, for the UI. */
  imagenetTop1: number;
}

export interface CatalogEntry {
  spec: BackboneSpec;
  source?: PretrainedSource;
}

function preprocess(size: number, inputRange: [number, number]): PreprocessSpec {
  return { version: PREPROCESS_VERSION, height: size, width: size, inputRange, resize: "fill", background: "#ffffff" };
}

// The TF Hub MobileNet v2 classifiers take [0, 1] input (MODEL_INFO's inputRange)
// and expose the 1280-wide global average pool under this node name (EMBEDDING_NODES).
export const MOBILENET_V2_EMBEDDING_NODE = "module_apply_default/MobilenetV2/Logits/AvgPool";

function mobilenetV2(alphaCode: "050" | "100", imagenetTop1: number): CatalogEntry {
  const id = `mobilenet_v2_${alphaCode}_224`;
  return {
    spec: {
      id,
      kind: "pretrained",
      title: `MobileNet v2 (width ${Number(alphaCode) / 100}, 224 px), ImageNet-pretrained`,
      format: "graph-model",
      preprocess: preprocess(224, [0, 1]),
      embeddingNode: MOBILENET_V2_EMBEDDING_NODE,
      embeddingSize: 1280,
    },
    source: {
      tfHubHandle: `https://tfhub.dev/google/imagenet/mobilenet_v2_${alphaCode}_224/classification/2`,
      licence: "Apache-2.0",
      imagenetTop1,
    },
  };
}

/**
 * The compact CNN used when no pretrained backbone is installed. It has no
 * weights to download: it is trained end to end on the project's own images,
 * so its embeddings are per run and never cached.
 */
export const COMPACT_CNN_V1: BackboneSpec = {
  id: "compact_cnn_v1",
  kind: "trainable",
  title: "Compact CNN trained from scratch (no pretrained weights)",
  format: "layers-model",
  preprocess: preprocess(96, [0, 1]),
  embeddingSize: 128,
};

/**
 * The offline default: the MobileNet v2 shipped inside the `nsfwjs` npm package
 * (see ./bundled.ts), cut after block 10 — the last block with its ImageNet
 * weights unchanged (nsfwjs's authors tuned blocks 11–16 for content moderation).
 * The feature keeps coarse layout: `block_10_expand_relu` (14 × 14 × 384 at 224 px)
 * average-pooled and max-pooled over the whole image and average-pooled over each
 * cell of a 2 × 2 grid (384 + 384 + 4 × 384 = 2,304 values). Measured against the
 * global average alone (docs/PROTOTYPES.md, "Which features?"): in the optimise
 * step's cross-validation the linear candidate goes from 94.8 to 98.1 % on real digit
 * scans (now above the pixel model) and from 60.6 to 63.8 % on Twemoji.
 * Installed into the models folder from node_modules at start-up, never
 * downloaded. The id names the package version, the cut and the pooling, because the
 * embedding cache is keyed by backbone id: other weights or other features, other id.
 */
export const BUNDLED_MOBILENET_V2: BackboneSpec = {
  id: "mobilenet_v2_100_224_nsfwjs_4_4_0_block10_grid2",
  kind: "pretrained",
  title:
    "MobileNet v2 (width 1, 224 px) up to block 10 (ImageNet weights), pooled whole and in a 2 × 2 grid, shipped with the npm package nsfwjs 4.4.0",
  format: "layers-model",
  preprocess: preprocess(224, [0, 1]),
  embeddingSize: 2304,
};

/**
 * The block-10 features before the grid: the global average pool of `block_10_expand_relu`
 * (384 values). Runs trained with them keep them (see BUNDLED_MOBILENET_V2_FINAL).
 */
export const BUNDLED_MOBILENET_V2_BLOCK10: BackboneSpec = {
  id: "mobilenet_v2_100_224_nsfwjs_4_4_0_block10",
  kind: "pretrained",
  title: "MobileNet v2 (width 1, 224 px) up to block 10 (ImageNet weights), shipped with the npm package nsfwjs 4.4.0",
  format: "layers-model",
  preprocess: preprocess(224, [0, 1]),
  embeddingSize: 384,
};

/**
 * The bundled network's first features: the final 1,280-wide pool of `out_relu`.
 * Runs trained before the block-10 features keep it: their export holds it, and their
 * out-of-distribution reference embeds new images with it, so it is still installed
 * (never chosen for a new run).
 */
export const BUNDLED_MOBILENET_V2_FINAL: BackboneSpec = {
  id: "mobilenet_v2_100_224_nsfwjs_4_4_0",
  kind: "pretrained",
  title: "MobileNet v2 (width 1, 224 px), ImageNet-pretrained, shipped with the npm package nsfwjs 4.4.0",
  format: "layers-model",
  preprocess: preprocess(224, [0, 1]),
  embeddingSize: 1280,
};

/** Every backbone built from the nsfwjs files, the default first, then those older runs use. */
export const BUNDLED_BACKBONES: readonly BackboneSpec[] = [BUNDLED_MOBILENET_V2, BUNDLED_MOBILENET_V2_BLOCK10, BUNDLED_MOBILENET_V2_FINAL];

/** Pretrained backbones in order of preference when several are installed. */
export const PRETRAINED_BACKBONES: readonly CatalogEntry[] = [
  // Width 0.5 first: ~3× fewer multiply-adds than width 1.0, which is what lets
  // two CPU cores reach the extraction target; 1.0 is there for accuracy.
  mobilenetV2("050", 0.654),
  mobilenetV2("100", 0.718),
];

export const DEFAULT_PRETRAINED_ID = "mobilenet_v2_050_224";

/**
 * Every pretrained id in order of preference: the downloaded TF Hub models
 * (pure ImageNet weights; width 0.5 is ~3× faster) before the bundled one. The bundled
 * backbones' earlier features (BUNDLED_MOBILENET_V2_BLOCK10, _FINAL) are kept for older runs only.
 */
export const PRETRAINED_PREFERENCE: readonly string[] = [...PRETRAINED_BACKBONES.map((entry) => entry.spec.id), BUNDLED_MOBILENET_V2.id];

export function findCatalogEntry(id: string): CatalogEntry | undefined {
  if (id === COMPACT_CNN_V1.id) return { spec: COMPACT_CNN_V1 };
  const bundled = BUNDLED_BACKBONES.find((spec) => spec.id === id);
  if (bundled) return { spec: bundled };
  return PRETRAINED_BACKBONES.find((entry) => entry.spec.id === id);
}
