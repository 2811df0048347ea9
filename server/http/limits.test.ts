import { describe, expect, it } from "vitest";
import { base64Length, bodyLimits, IMAGES_PER_REQUEST, PREDICT_CALL_IMAGES_AT_LIMIT, trpcBodyLimit } from "./limits";

const limits = bodyLimits({ UPLOAD_MAX_IMAGE_MB: 10, UPLOAD_MAX_ZIP_MB: 500 });
const MB = 1024 * 1024;

describe("body limits", () => {
  it("derive from the upload limits in the env", () => {
    expect(limits.image).toBe(10 * MB);
    expect(limits.zip).toBe(500 * MB);
    expect(limits.predict).toBeGreaterThan(limits.image);
    expect(limits.predict).toBeLessThan(limits.image + MB);
    expect(limits.imageForm).toBeGreaterThan(IMAGES_PER_REQUEST * limits.image);
    expect(limits.predictCallChars).toBe(PREDICT_CALL_IMAGES_AT_LIMIT * base64Length(limits.image));
    expect(limits.trpcPredict).toBeGreaterThan(limits.predictCallChars);
    expect(limits.trpcPredict).toBeLessThan(limits.predictCallChars + MB);
    expect(base64Length(3)).toBe(4);
    expect(base64Length(4)).toBe(8);
  });

  it("give tRPC 1 MB except runs.predict; a batch gets its largest cap, never a multiple of it", () => {
    expect(trpcBodyLimit(limits, "/api/trpc/prototypes.create")).toBe(MB);
    expect(trpcBodyLimit(limits, "/api/trpc/runs.predict")).toBe(limits.trpcPredict);
    expect(trpcBodyLimit(limits, "/api/trpc/runs.predict,runs.predict,runs.predict")).toBe(limits.trpcPredict + MB);
    expect(trpcBodyLimit(limits, "/api/trpc/a,b")).toBe(2 * MB);
  });
});
