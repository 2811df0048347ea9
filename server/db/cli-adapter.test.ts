import { describe, expect, it } from "vitest";
import { remapCatalogFields } from "./cli-adapter";

describe("Prisma CLI adapter wrapper (prisma/orm#27403)", () => {
  it('reports the catalog types name and "char" as text and leaves the rest alone', () => {
    const res = remapCatalogFields({ fields: [{ dataTypeID: 19 }, { dataTypeID: 18 }, { dataTypeID: 23 }, { dataTypeID: 1043 }] });
    expect(res.fields.map((f) => f.dataTypeID)).toEqual([25, 25, 23, 1043]);
  });
  it("passes through results without fields", () => {
    expect(remapCatalogFields({ rowCount: 1 } as { fields?: { dataTypeID: number }[]; rowCount: number })).toEqual({ rowCount: 1 });
  });
});
