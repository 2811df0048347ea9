import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "@/ml/backend";
import { buildExportZip } from "@/ml/export";
import { buildHead } from "@/ml/runtime/train/head.mjs";
import { serializeModel } from "@/ml/runtime/train/serialize.mjs";
import type { BackboneSpec } from "@/ml/types";
import { getDb } from "@/server/db";
import { writeRunArtifact } from "@/server/prototypes/export-artifact";
import { storage, type ObjectStorage } from "@/server/storage";

/**
 * A finished run whose artifact is a real export (a tiny layers-model backbone with a head, and its
 * model.onnx) written to `objects` (the app's storage unless given): predictions through it run the real
 * ONNX Runtime path.
 */
export async function createPredictableRun(args: {
  workspaceId: string;
  prototypeId: string;
  classes: string[];
  version?: number;
  objects?: ObjectStorage;
}) {
  await selectBackend({ preference: "wasm" });
  const run = await getDb().trainingRun.create({
    data: { workspaceId: args.workspaceId, prototypeId: args.prototypeId, version: args.version ?? 1, status: "SUCCEEDED", settings: {} },
    select: { id: true },
  });
  const input = tf.input({ shape: [32, 32, 3] });
  const conv = tf.layers.conv2d({
    filters: 6,
    kernelSize: 3,
    strides: 2,
    activation: "relu",
    kernelInitializer: tf.initializers.heNormal({ seed: 3 }),
  });
  const pooled = tf.layers.globalAveragePooling2d({}).apply(conv.apply(input)) as tf.SymbolicTensor;
  const spec: BackboneSpec = {
    id: "small_test",
    kind: "pretrained",
    title: "small",
    format: "layers-model",
    preprocess: { version: 1, height: 32, width: 32, inputRange: [0, 1], resize: "fill", background: "#ffffff" },
    embeddingSize: 6,
  };
  const head = buildHead({ inputSize: 6, classCount: args.classes.length, hiddenUnits: 8, dropout: 0, seed: 2 });
  const zip = await buildExportZip({
    classes: args.classes,
    model: await serializeModel(head),
    modelKind: "head",
    backbone: { spec, model: await serializeModel(tf.model({ inputs: input, outputs: pooled })) },
  });
  await writeRunArtifact(args.objects ?? storage(), run.id, zip);
  return run;
}
