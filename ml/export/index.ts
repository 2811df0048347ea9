export { buildClassifierModel, buildExportZip, modelJson, preprocessingFile, readExportZip, WEIGHTS_FILE, type ExportInput, type PreprocessingFile } from "./bundle";
export { graftHeadOntoGraph, GRAPH_OUTPUT_NODE, type HeadWeights } from "./graph-head";
