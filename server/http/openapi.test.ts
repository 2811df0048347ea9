import { describe, expect, it } from "vitest";
import { REST_PREDICT_MAX_IMAGES, REST_PREDICT_ZIP } from "@/server/prototypes/rest-predict-body";
import { PREDICT_BODY_TYPES } from "@/server/prototypes/rest-predict";
import { openApiDocument } from "./openapi";

const doc = openApiDocument({ serverUrl: "http://localhost:3000", perKeyPerMinute: 120, maxImageMb: 10, maxMegapixels: 40 });
const predict = doc.paths["/api/v1/prototypes/{id}/predict"].post;

function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : refs(v)));
  return [];
}

describe("the OpenAPI description of the predict endpoint", () => {
  it("describes every body the endpoint accepts, the zip included, with the limits it enforces", () => {
    const described = Object.keys(predict.requestBody.content);
    for (const type of PREDICT_BODY_TYPES.filter((t) => t !== "application/x-zip-compressed")) expect(described).toContain(type);
    expect(predict.requestBody.content["multipart/form-data"].schema.properties).toHaveProperty("zip");
    expect(predict.description).toContain(`up to ${REST_PREDICT_MAX_IMAGES} images (multipart field \`zip\``);
    expect(predict.description).toContain(`at most ${REST_PREDICT_ZIP.maxEntries} entries`);
    expect(predict.description).toContain(`${REST_PREDICT_ZIP.maxCompressionRatio} times its stored size`);
    expect(predict.description).toContain("at most 20 MB extracted");
  });

  it("says that error messages follow Accept-Language and that reasons are stable", () => {
    expect(predict.parameters).toContainEqual(expect.objectContaining({ name: "Accept-Language", in: "header" }));
    const detail = doc.components.schemas.ErrorDetail.properties;
    expect(detail.message.description).toContain("Accept-Language");
    expect(detail.reason.description).toContain("stable");
  });

  it("has no reference to a schema it does not define", () => {
    const defined = Object.keys(doc.components.schemas).map((name) => `#/components/schemas/${name}`);
    for (const ref of refs(doc)) expect(defined).toContain(ref);
  });
});
