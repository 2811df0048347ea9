import { describe, expect, it } from "vitest";
import { BUNDLED_MOBILENET_V2, COMPACT_CNN_V1, PRETRAINED_BACKBONES } from "@/ml/backbone/catalog";
import { modelKind } from "./model-words";

describe("the model's plain name", () => {
  it("names every MobileNet in the catalog, the bundled one included, as MobileNet v2", () => {
    for (const id of [BUNDLED_MOBILENET_V2.id, ...PRETRAINED_BACKBONES.map((b) => b.spec.id)]) expect(modelKind(id)).toBe("mobilenetV2");
  });

  it("names the from-scratch network, and falls back for an unknown or missing id", () => {
    expect(modelKind(COMPACT_CNN_V1.id)).toBe("compactCnn");
    expect(modelKind("resnet_50")).toBe("other");
    expect(modelKind(null)).toBe("other");
  });
});
