import type { ModelFormat } from "../types";
import type { PreprocessingFile } from "./bundle";

/** The README shipped in the export zip: what the files are and a browser snippet that runs the model. */
export function exportReadme(options: {
  format: ModelFormat;
  classes: string[];
  preprocessing: PreprocessingFile;
  licence?: { spdx: string[]; file: string } | undefined;
  onnx?: { file: string; input: string; output: string } | undefined;
}): string {
  const { format, classes, preprocessing, licence, onnx } = options;
  const [min, max] = preprocessing.inputRange;
  const loader = format === "graph-model" ? "tf.loadGraphModel" : "tf.loadLayersModel";
  return `# Image classifier exported from VentureLens

One TensorFlow.js ${format === "graph-model" ? "graph" : "layers"} model that takes a ${preprocessing.width}×${preprocessing.height} RGB image and returns one probability per class (${classes.length} classes).

| File | What it is |
|---|---|
| \`model.json\`, \`weights.bin\` | the model (backbone and trained head in one) |
| \`labels.json\` | class names, in the order of the model's outputs |
| \`preprocessing.json\` | input size, value range (${min} to ${max}), channel order (RGB), layout (NHWC) |
| \`metadata.json\` | the training run this came from |
${onnx ? `| \`${onnx.file}\` | the same model for ONNX Runtime (and other ONNX tools), opset 13 |\n` : ""}
## Use it in a browser

Serve the folder over HTTP (e.g. \`npx http-server .\`), then:

\`\`\`html
<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>
<img id="photo" src="photo.jpg" crossorigin="anonymous">
<script type="module">
  const model = await ${loader}("model.json");
  const labels = await (await fetch("labels.json")).json();
  const img = document.getElementById("photo");
  await img.decode();
  const probabilities = tf.tidy(() => {
    const pixels = tf.browser.fromPixels(img); // RGB, 0..255, EXIF orientation already applied by the browser
    const resized = tf.image.resizeBilinear(pixels, [${preprocessing.height}, ${preprocessing.width}]);
    const input = resized.div(255).mul(${max - min}).add(${min}).expandDims(0);
    return model.predict(input).dataSync();
  });
  const ranked = labels.map((label, i) => ({ label, probability: probabilities[i] })).sort((a, b) => b.probability - a.probability);
  console.log(ranked.slice(0, 3));
</script>
\`\`\`

The whole image is resized to ${preprocessing.width}×${preprocessing.height} without keeping its aspect ratio, as during training; transparent pixels were composited over ${preprocessing.background}.

## Use it in Node.js

\`\`\`js
import * as tf from "@tensorflow/tfjs-node"; // or @tensorflow/tfjs with a file loader
const model = await ${loader}("file://" + process.cwd() + "/model.json");
\`\`\`
${
  onnx
    ? `
## Use it with ONNX Runtime

\`${onnx.file}\` holds the same network (checked against the TF.js model before export). Its input \`${onnx.input}\` is a float32 tensor \`[batch, ${preprocessing.height}, ${preprocessing.width}, 3]\` (NHWC, RGB), prepared exactly as above: EXIF orientation applied, transparent pixels over ${preprocessing.background}, the whole image resized to ${preprocessing.width}×${preprocessing.height}, values \`x / 255 · ${max - min} + ${min}\`. Its output \`${onnx.output}\` is \`[batch, ${classes.length}]\` probabilities in the order of \`labels.json\`.

\`\`\`python
import numpy as np, onnxruntime as ort
from PIL import Image, ImageOps
img = ImageOps.exif_transpose(Image.open("photo.jpg")).convert("RGB").resize((${preprocessing.width}, ${preprocessing.height}), Image.BILINEAR)
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
