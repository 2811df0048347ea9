import { describe, expect, it } from "vitest";
import { IMAGES_PER_REQUEST, planUpload, uploadedShare } from "./upload-plan";

const MB = 1024 * 1024;
const file = (name: string, mb: number) => ({ name, size: Math.round(mb * MB) });
const limits = { maxImageMb: 10, maxZipMb: 200 };

describe("planUpload", () => {
  it("refuses files over their limit before sending, each against its own kind's limit", () => {
    const plan = planUpload([file("big.jpg", 12.34), file("ok.jpg", 1), file("set.ZIP", 150), file("huge.zip", 201)], limits);
    expect(plan.refused.map((r) => [r.file.name, r.kind, r.sizeMb, r.maxMb])).toEqual([
      ["big.jpg", "image", "12.3", 10],
      ["huge.zip", "zip", "201.0", 200],
    ]);
    expect(plan.fileCount).toBe(2);
  });

  it("sends every zip on its own and images in batches, losing none", () => {
    const images = Array.from({ length: IMAGES_PER_REQUEST * 2 + 3 }, (_, i) => file(`${i}.png`, 0.1));
    const plan = planUpload([...images, file("a.zip", 5), file("b.zip", 5)], limits);
    expect(plan.units.map((u) => [u.kind, u.files.length])).toEqual([
      ["zip", 1],
      ["zip", 1],
      ["images", IMAGES_PER_REQUEST],
      ["images", IMAGES_PER_REQUEST],
      ["images", 3],
    ]);
    const sent = plan.units.flatMap((u) => u.files.map((f) => f.name));
    expect(new Set(sent).size).toBe(images.length + 2);
    expect(plan.totalBytes).toBe(plan.units.reduce((s, u) => s + u.bytes, 0));
  });

  it("refuses nothing while the limits are unknown (the server still checks)", () => {
    const plan = planUpload([file("big.jpg", 500)], undefined);
    expect(plan.refused).toEqual([]);
    expect(plan.units).toHaveLength(1);
  });

  it("plans nothing to send when every file is refused", () => {
    const plan = planUpload([file("big.jpg", 50)], limits);
    expect(plan.units).toEqual([]);
    expect(plan.totalBytes).toBe(1);
  });
});

describe("uploadedShare", () => {
  it("counts finished requests and the current one's progress, and stays below 1 until the end", () => {
    expect(uploadedShare({ totalBytes: 100 }, 40, { bytes: 60, share: 0.5 })).toBeCloseTo(0.7);
    expect(uploadedShare({ totalBytes: 100 }, 40, { bytes: 60, share: 1 })).toBe(0.99);
  });
});
