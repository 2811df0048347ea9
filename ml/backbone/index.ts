export { buildCompactCnn, buildMobileNetV2 } from "./architectures";
export {
  BUNDLED_PACKAGE,
  BundledBackboneUnavailableError,
  buildBundledBackbone,
  bundledPackageDir,
  ensureBundledBackbone,
  type BundledInstallResult,
} from "./bundled";
export {
  BUNDLED_BACKBONES,
  BUNDLED_MOBILENET_V2,
  BUNDLED_MOBILENET_V2_BLOCK10,
  BUNDLED_MOBILENET_V2_FINAL,
  COMPACT_CNN_V1,
  DEFAULT_PRETRAINED_ID,
  MOBILENET_V2_EMBEDDING_NODE,
  PRETRAINED_BACKBONES,
  PRETRAINED_PREFERENCE,
  findCatalogEntry,
  type CatalogEntry,
  type PretrainedSource,
} from "./catalog";
export { BackboneDownloadError, fetchPretrainedBackbone, installBackboneFromFolder } from "./fetch";
export { installSerializedBackbone, smokeTest } from "./install";
export { backboneLicence, type BackboneLicence } from "./licences";
export { BackboneIntegrityError, MANIFEST_FILE, readManifest, type BackboneManifest } from "./manifest";
export { serializeLayersModel, writeModelDir } from "./model-files";
export { buildMobileNetV2Graph } from "./synthetic-graph";
export {
  BackboneNotInstalledError,
  COMPACT_CNN_ACCURACY_NOTE,
  loadInstalledBackbone,
  resolveBackbone,
  type BackboneResolution,
} from "./resolve";
