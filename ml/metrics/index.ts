export { argmaxRows, classificationReport, type ClassMetrics, type ClassificationReport } from "./classification";
export { topK, type Prediction } from "./top-k";
