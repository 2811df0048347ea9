export { argmaxRows, classificationReport, type ClassMetrics, type ClassificationReport } from "./classification";
export { topK, type Prediction } from "./top-k";
export { ROUGH_BELOW, wilsonInterval, type ProportionInterval } from "./interval";
export { comparePaired, mcnemarExactP, pairedCounts, pairedDifferenceInterval, type PairedCounts, type PairedDifference } from "./paired";
