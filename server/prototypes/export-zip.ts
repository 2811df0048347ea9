import { readFile } from "node:fs/promises";
import path from "node:path";
import JSZip from "jszip";
import { MANIFEST_FILE, readManifest } from "@/ml/backbone";
import type { DbTx } from "@/server/db";
import { DomainError, found } from "@/server/errors";
import { MODEL_DIR, RUN_FILE, artifactDir, type RunArtifact } from "./export-artifact";

/**
 * The download of a trained run: everything needed to run it elsewhere, in
 * TF.js's own format, plus the labels, the preprocessing and a browser snippet.
 */
export async function buildRunExport(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; runId: string },
  paths: { dataDir: string; modelsDir: string },
): Promise<{ fileName: string; zip: Buffer }> {
  const run = found(
    await db.trainingRun.findFirst({
      where: { id: args.runId, prototypeId: args.prototypeId, workspaceId: args.workspaceId },
      select: { id: true, version: true, status: true, prototype: { select: { name: true } } },
    }),
    "Run",
  );
  if (run.status !== "SUCCEEDED") throw new DomainError("PRECONDITION_FAILED", "runNotFinished", "Only a succeeded run can be downloaded");
  const dir = artifactDir(paths.dataDir, run.id);
  const artifact = JSON.parse(await readFile(path.join(/* turbopackIgnore: true */ dir, RUN_FILE), "utf8").catch(() => {
    throw new DomainError("PRECONDITION_FAILED", "artifactMissing", "The trained model of this run is missing on the server");
  })) as RunArtifact;

  const zip = new JSZip();
  const modelFolder = artifact.kind === "head" ? "head" : "model";
  for (const name of ["model.json", "weights.bin"]) {
    zip.file(`${modelFolder}/${name}`, await readFile(path.join(/* turbopackIgnore: true */ dir, MODEL_DIR, name)));
  }
  if (artifact.kind === "head" && artifact.backbone) {
    const backboneDir = path.join(/* turbopackIgnore: true */ paths.modelsDir, artifact.backbone.id);
    const manifest = await readManifest(backboneDir);
    if (manifest.files["model.json"]?.sha256 !== artifact.backbone.modelJsonSha256) {
      throw new DomainError("PRECONDITION_FAILED", "backboneChanged", "The backbone this run was trained on is no longer installed");
    }
    for (const name of [...Object.keys(manifest.files), MANIFEST_FILE]) {
      zip.file(`backbone/${name}`, await readFile(path.join(/* turbopackIgnore: true */ backboneDir, name)));
    }
  }
  zip.file("labels.json", JSON.stringify(artifact.classes, null, 2) + "\n");
  zip.file(
    "preprocessing.json",
    JSON.stringify(
      {
        ...artifact.preprocess,
        kind: artifact.kind,
        backbone: artifact.backbone ? { id: artifact.backbone.id, format: artifact.backbone.spec.format, embeddingNode: artifact.backbone.spec.embeddingNode ?? null } : null,
      },
      null,
      2,
    ) + "\n",
  );
  zip.file("README.md", readme(artifact, run.prototype.name, run.version));
  const safeName = run.prototype.name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "prototype";
  return { fileName: `${safeName}-v${run.version}.zip`, zip: await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }) };
}

function readme(artifact: RunArtifact, name: string, version: number): string {
  const { height, width, inputRange } = artifact.preprocess;
  const [min, max] = inputRange;
  const scale = `${(max - min) / 255}`;
  const load =
    artifact.kind === "head"
      ? `const backbone = await tf.loadGraphModel("backbone/model.json");
const head = await tf.loadLayersModel("head/model.json");
const classify = (x) => {
  const embedding = backbone.execute(x, ${JSON.stringify(artifact.backbone?.spec.embeddingNode ?? "")});
  return head.predict(embedding.reshape([x.shape[0], -1]));
};`
      : `const model = await tf.loadLayersModel("model/model.json");
const classify = (x) => model.predict(x);`;
  return `# ${name} — classifier v${version}

Exported from VentureLens. TensorFlow.js format; runs in the browser or in Node.

- \`labels.json\`: the classes, in the order of the model's outputs.
- \`preprocessing.json\`: how images must be prepared (the same steps the server used to train).
${artifact.kind === "head" ? "- `backbone/`: the pretrained feature extractor (graph model); `head/`: the trained classification head.\n" : "- `model/`: the whole classifier (image in, probabilities out).\n"}
## Preprocessing

Resize the whole image to ${width}×${height} (no cropping, aspect ratio not kept), RGB, then map each 0–255
value to [${min}, ${max}]: \`value * ${scale} + ${min}\`. Images with transparency are composited on white;
apply the EXIF orientation first (browsers do this when drawing an \`<img>\`).

## In a browser

Serve this folder over HTTP (e.g. \`npx http-server .\`) and load:

\`\`\`html
<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>
<img id="photo" src="photo.jpg" crossorigin="anonymous" />
<script type="module">
  const labels = await (await fetch("labels.json")).json();
  ${load.split("\n").join("\n  ")}
  const img = document.getElementById("photo");
  await img.decode();
  const x = tf.tidy(() =>
    tf.image.resizeBilinear(tf.browser.fromPixels(img), [${height}, ${width}]).toFloat()
      .mul(${scale}).add(${min}).expandDims(0));
  const probabilities = await classify(x).data();
  const ranked = labels.map((label, i) => ({ label, probability: probabilities[i] }))
    .sort((a, b) => b.probability - a.probability);
  console.log(ranked);
</script>
\`\`\`

The server resizes with a higher-quality filter than \`resizeBilinear\`; expect probabilities close to, not
identical with, the server's.
`;
}
