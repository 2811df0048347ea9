import type { ModelFormat } from "../types";
import type { PreprocessingFile } from "./bundle";

/** The Node.js snippet in the README: \`node classify.mjs photo.jpg [more…]\` prints each file's classes, most likely first. */
export const NODE_SNIPPET = `import { fileURLToPath } from "node:url";
import { loadClassifier } from "./classify-node.mjs";

const classifier = await loadClassifier(fileURLToPath(new URL(".", import.meta.url)));
for (const file of process.argv.slice(2)) {
  console.log(file + "\\t" + JSON.stringify(await classifier.classify(file)));
}
`;

/** The browser snippet in the README (wasm-vips is libvips, the server's image library, in WebAssembly). */
export const BROWSER_SNIPPET = `<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js" crossorigin></script>
<script type="module">
  import Vips from "./vips-es6.js"; // from wasm-vips@0.0.19, with vips.wasm beside it
  import { loadClassifier } from "./classify-browser.mjs";
  const vips = await Vips({ dynamicLibraries: [] }); // core formats only: no HEIF/JPEG XL add-on files to serve
  const classifier = await loadClassifier(tf, vips, new URL(".", location.href).href);
  // The file's own bytes: here fetched; from an <input type="file">: await input.files[0].arrayBuffer();
  // from a canvas (a webcam frame): await (await canvas.convertToBlob({ type: "image/png" })).arrayBuffer().
  const bytes = new Uint8Array(await (await fetch("photo.jpg")).arrayBuffer());
  console.log(classifier.classify(bytes).slice(0, 3));
</script>
`;

/** The README shipped in the export zip: what the files are, and a Node.js and a browser snippet that run the model. */
export function exportReadme(options: {
  format: ModelFormat;
  classes: string[];
  preprocessing: PreprocessingFile;
  licence?: { spdx: string[]; file: string } | undefined;
  onnx?: { file: string; input: string; output: string } | undefined;
}): string {
  const { format, classes, preprocessing, licence, onnx } = options;
  const [min, max] = preprocessing.inputRange;
  return `# Image classifier exported from VentureLens

One TensorFlow.js ${format === "graph-model" ? "graph" : "layers"} model that takes a ${preprocessing.width}×${preprocessing.height} RGB image and returns one probability per class (${classes.length} classes).

| File | What it is |
|---|---|
| \`model.json\`, \`weights.bin\` | the model (backbone and trained head in one) |
| \`labels.json\` | class names, in the order of the model's outputs |
| \`preprocessing.json\` | input size, value range (${min} to ${max}), channel order (RGB), layout (NHWC), resize method (${preprocessing.resizeKernel}) |
| \`classify-node.mjs\`, \`classify-browser.mjs\` | small loaders that prepare images exactly as the server does |
| \`metadata.json\` | the training run this came from |
${onnx ? `| \`${onnx.file}\` | the same model for ONNX Runtime (and other ONNX tools), opset 13 |\n` : ""}

## Use it in Node.js

\`npm i @tensorflow/tfjs sharp\` (plain TF.js: no native TensorFlow needed), then save this next to the files as \`classify.mjs\` and run \`node classify.mjs photo.jpg\`:

\`\`\`js
${NODE_SNIPPET}\`\`\`

\`classify-node.mjs\` (in this folder) reads the model from disk and prepares each image with the same sharp calls the VentureLens server uses, so the answers match the server's.

## Use it in a browser

\`npm i wasm-vips@0.0.19\` and copy \`vips-es6.js\` and \`vips.wasm\` from \`node_modules/wasm-vips/lib/\` into this folder. wasm-vips needs a cross-origin isolated page: serve the folder with the headers \`Cross-Origin-Opener-Policy: same-origin\` and \`Cross-Origin-Embedder-Policy: require-corp\` (for a local try, \`npx serve\` with a \`serve.json\` that sets them on \`**\`), then:

\`\`\`html
${BROWSER_SNIPPET}\`\`\`

\`classify-browser.mjs\` takes the image file's bytes and prepares them with the same library and the same steps as the server (sharp is libvips): JPEG shrink-on-load, embedded colour profile, transparency over ${preprocessing.background}, the whole image resized to ${preprocessing.width}×${preprocessing.height} with libvips' ${preprocessing.resizeKernel} resize, without keeping its aspect ratio, then the EXIF orientation. So its answers match the server's. A canvas resize or \`tf.image.resizeBilinear\` would change some answers.
${
  onnx
    ? `
## Use it with ONNX Runtime

\`${onnx.file}\` holds the same network (checked against the TF.js model before export). Its input \`${onnx.input}\` is a float32 tensor \`[batch, ${preprocessing.height}, ${preprocessing.width}, 3]\` (NHWC, RGB), prepared exactly as above: EXIF orientation applied, transparent pixels over ${preprocessing.background}, the whole image resized to ${preprocessing.width}×${preprocessing.height} (the server's method is in \`preprocessing.json\`; PIL's Lanczos below comes close but is not identical: libvips itself, e.g. pyvips, with the steps above is), values \`x / 255 · ${max - min} + ${min}\`. Its output \`${onnx.output}\` is \`[batch, ${classes.length}]\` probabilities in the order of \`labels.json\`.

\`\`\`python
import numpy as np, onnxruntime as ort
from PIL import Image, ImageOps
img = ImageOps.exif_transpose(Image.open("photo.jpg")).convert("RGB").resize((${preprocessing.width}, ${preprocessing.height}), Image.LANCZOS)
x = (np.asarray(img, dtype=np.float32) / 255 * ${max - min} + ${min})[None]
probabilities = ort.InferenceSession("${onnx.file}").run(["${onnx.output}"], {"${onnx.input}": x})[0][0]
\`\`\`
`
    : ""
}${
    licence
      ? `
## Licence

The model contains the weights of a pretrained backbone (${licence.spdx.join(", ")}): keep \`${licence.file}\` with the model when you pass it on. The trained head is yours.
`
      : ""
  }`;
}
