import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/select-backend";
import { buildMobileNetV2, serializeLayersModel } from "../backbone";
import { kerasToOnnx } from "./keras-to-onnx";
import { countMultiplyAdds } from "./multiply-adds";
import { OnnxGraph } from "./onnx-graph";

beforeAll(async () => {
  await selectBackend({ preference: "wasm" });
});

describe("countMultiplyAdds", () => {
  it("counts MobileNet v2 (width 1, 224²) at the published 300 M multiply-adds (Sandler et al. 2018, table 4)", async () => {
    const network = buildMobileNetV2({ alpha: 1, inputSize: 224 });
    const onnx = kerasToOnnx(await serializeLayersModel(network));
    network.dispose();
    const counted = countMultiplyAdds(onnx);
    // The paper's 300 M includes the 1,280 × 1,000 classifier (1.3 M) that an embedding network leaves out.
    expect(Math.abs(counted.total - 300e6) / 300e6).toBeLessThan(0.01);
    expect(Object.keys(counted.byOp)).toEqual(["Conv"]);
  }, 60_000);

  it("counts a small graph exactly: padded strided convolution, depthwise convolution, pooling, and a dense layer", () => {
    const graph = new OnnxGraph();
    graph.node("Transpose", ["image"], "nchw", { perm: [0, 3, 1, 2] });
    graph.node("Pad", ["nchw", graph.int64("pads", [0, 0, 1, 1, 0, 0, 1, 1])], "padded", { mode: "constant" });
    // 10×10 padded, 3×3 stride 2: 4×4 outputs × 16 channels × 3 inputs × 9.
    graph.node("Conv", ["padded", graph.float("w1", [16, 3, 3, 3], new Float32Array(16 * 27))], "c1", { strides: [2, 2] });
    graph.node("Clip", ["c1"], "r1");
    // Depthwise 3×3, "same" pads, stride 1: 4×4 × 16 channels × 1 input each × 9.
    graph.node("Conv", ["r1", graph.float("w2", [16, 1, 3, 3], new Float32Array(16 * 9))], "c2", { group: 16, pads: [1, 1, 1, 1] });
    graph.node("Add", ["r1", "c2"], "sum");
    graph.node("GlobalAveragePool", ["sum"], "pool");
    graph.node("Flatten", ["pool"], "flat", { axis: 1 });
    // 16 → 5.
    graph.node("Gemm", ["flat", graph.float("w3", [16, 5], new Float32Array(80))], "logits");
    // A branch the output does not depend on is not counted.
    graph.node("Conv", ["r1", graph.float("unused", [64, 16, 1, 1], new Float32Array(64 * 16))], "dead");
    const onnx = graph.encode({
      name: "small",
      inputs: [{ name: "image", shape: ["batch", 8, 8, 3] }],
      output: { name: "logits", shape: ["batch", 5] },
    });
    expect(countMultiplyAdds(onnx)).toEqual({ total: 4 * 4 * 16 * 27 + 4 * 4 * 16 * 9 + 16 * 5, byOp: { Conv: 6912 + 2304, Gemm: 80 } });
  });

  it("refuses to guess an operator it does not know", () => {
    const graph = new OnnxGraph();
    graph.node("Transpose", ["image"], "nchw", { perm: [0, 3, 1, 2] });
    graph.node("LRN", ["nchw"], "out", { size: 3 });
    const onnx = graph.encode({
      name: "odd",
      inputs: [{ name: "image", shape: ["batch", 8, 8, 3] }],
      output: { name: "out", shape: ["batch", 3, 8, 8] },
    });
    expect(() => countMultiplyAdds(onnx)).toThrow(/LRN/);
  });
});
