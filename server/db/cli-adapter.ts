import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

/**
 * Prisma 6.19's CLI introspects catalog tables whose columns have the types `name` (OID 19)
 * and `"char"` (OID 18). `@prisma/adapter-pg` cannot map those OIDs and fails with
 * "Column type 'name' could not be deserialized" (upstream prisma/orm#27403), which breaks
 * `migrate deploy`, `migrate diff` and `db push` through a driver adapter.
 *
 * Both types carry plain strings, so the CLI's client reports them as `text`. Only the CLI
 * (prisma.config.ts) uses this; the app's client is the unwrapped adapter.
 */
export const CATALOG_OID_REMAP: Readonly<Record<number, number>> = { 19: 25, 18: 25 };

type Field = { dataTypeID: number };

export function remapCatalogFields<T extends { fields?: Field[] }>(result: T): T {
  if (!result || !Array.isArray(result.fields)) return result;
  for (const field of result.fields) {
    const mapped = CATALOG_OID_REMAP[field.dataTypeID];
    if (mapped !== undefined) field.dataTypeID = mapped;
  }
  return result;
}

class CatalogSafeClient extends pg.Client {
  // pg's overloads make a precise override impractical; only the promise form is touched.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const out = (super.query as any)(...args);
    if (out && typeof out.then === "function") {
      return out.then((res: { fields?: Field[] }) => remapCatalogFields(res));
    }
    return out;
  }
}

export function createCliAdapter(connectionString: string) {
  const pool = new pg.Pool({ connectionString, max: 1, idleTimeoutMillis: 500, allowExitOnIdle: true, Client: CatalogSafeClient });
  return new PrismaPg(pool);
}
