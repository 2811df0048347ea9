export {
  buildClassifierModel,
  buildExportZip,
  modelJson,
  preprocessingFile,
  readExportZip,
  WEIGHTS_FILE,
  type ExportInput,
  type PreprocessingFile,
} from "./bundle";
export { exportedAccuracy } from "./accuracy";
export { graftHeadOntoGraph, GRAPH_OUTPUT_NODE, type HeadWeights } from "./graph-head";
