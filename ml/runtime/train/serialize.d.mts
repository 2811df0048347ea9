import type * as tf from "@tensorflow/tfjs";
import type { SerializedModel } from "../../types";

export declare function serializeModel(model: tf.LayersModel): Promise<SerializedModel>;
export declare function attachHead(backbone: tf.LayersModel, head: tf.LayersModel): tf.LayersModel;
