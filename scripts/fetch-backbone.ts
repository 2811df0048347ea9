// npm run ml:fetch-backbone [-- --id mobilenet_v2_050_224] [--models-dir ./models] [--from <folder>] [--url <handle>]
// Downloads an ImageNet-pretrained MobileNet v2 (TF.js format) from its public
// location into the models folder, writes its sha256 manifest and checks that it
// loads and runs. The app never downloads weights itself: it only loads this folder.
import path from "node:path";
import { parseArgs } from "node:util";
import { selectBackend } from "../ml/backend";
import {
  BackboneDownloadError,
  BackboneIntegrityError,
  DEFAULT_PRETRAINED_ID,
  PRETRAINED_BACKBONES,
  fetchPretrainedBackbone,
  installBackboneFromFolder,
} from "../ml/backbone";

const usage = `Usage: npm run ml:fetch-backbone -- [--id ID] [--models-dir DIR] [--from FOLDER] [--url HANDLE]
  --id          one of ${PRETRAINED_BACKBONES.map((e) => e.spec.id).join(", ")} (default ${DEFAULT_PRETRAINED_ID})
  --models-dir  where backbones live (default: $ML_MODELS_DIR or ./models)
  --from        install from a folder holding model.json + *.bin instead of downloading
  --url         download from this TF Hub-style handle instead of the catalog's (a mirror)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      id: { type: "string", default: DEFAULT_PRETRAINED_ID },
      "models-dir": { type: "string" },
      from: { type: "string" },
      url: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const modelsDir = path.resolve(values["models-dir"] ?? process.env.ML_MODELS_DIR ?? "./models");
  // Verification runs one image through the model; WASM keeps that quick.
  await selectBackend({ preference: "wasm", threads: 1 });

  const backbone = values.from
    ? await installBackboneFromFolder({ id: values.id, modelsDir, from: values.from })
    : await fetchPretrainedBackbone({
        id: values.id,
        modelsDir,
        ...(values.url ? { handle: values.url } : {}),
        log: (line) => console.log(line),
      });
  console.log(`Installed ${backbone.spec.id} in ${path.join(modelsDir, backbone.spec.id)} (sha256 manifest written, test image OK).`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof BackboneDownloadError || err instanceof BackboneIntegrityError) {
      console.error(`ml:fetch-backbone failed: ${err.message}`);
    } else if (err instanceof Error && "code" in err && err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      console.error(`${err.message}\n${usage}`);
    } else {
      console.error(err);
    }
    process.exit(1);
  },
);
