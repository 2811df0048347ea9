import { chmodSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const tmp = () => mkdtempSync(path.join(tmpdir(), "vl-env-"));

describe("environment", () => {
  it("generates NEXTAUTH_SECRET once into the data folder and reuses it", () => {
    const dir = tmp();
    const a = parseEnv({ VL_DATA_DIR: dir });
    const b = parseEnv({ VL_DATA_DIR: dir });
    expect(a.NEXTAUTH_SECRET).toHaveLength(43);
    expect(b.NEXTAUTH_SECRET).toBe(a.NEXTAUTH_SECRET);
    const file = path.join(dir, "secrets.json");
    expect(JSON.parse(readFileSync(file, "utf8")).NEXTAUTH_SECRET).toBe(a.NEXTAUTH_SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(a.databaseMode).toBe("embedded");
  });

  it("makes a secrets file that was left readable by others private again", () => {
    const dir = tmp();
    const first = parseEnv({ VL_DATA_DIR: dir });
    const file = path.join(dir, "secrets.json");
    chmodSync(file, 0o644);
    expect(parseEnv({ VL_DATA_DIR: dir }).NEXTAUTH_SECRET).toBe(first.NEXTAUTH_SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses to start a production deployment without a secret", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/app", VL_DATA_DIR: tmp() })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: "production", VL_PRODUCTION: "1", VL_DATA_DIR: tmp() })).toThrow(/NEXTAUTH_SECRET is not set/);
    const ok = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/app", NEXTAUTH_SECRET: "s".repeat(40) });
    expect(ok.databaseMode).toBe("postgres");
  });

  it("seeds the demo account (known password) by default, but not in a production deployment unless asked", () => {
    expect(parseEnv({ VL_DATA_DIR: tmp() }).seedDemo).toBe(true);
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/app", NEXTAUTH_SECRET: "s".repeat(40) };
    expect(parseEnv(production).seedDemo).toBe(false);
    expect(parseEnv({ ...production, SEED_DEMO: "1" }).seedDemo).toBe(true);
    expect(parseEnv({ VL_DATA_DIR: tmp(), SEED_DEMO: "no" }).seedDemo).toBe(false);
  });

  it("explains a malformed value instead of starting", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://nope", VL_DATA_DIR: tmp() })).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(() => parseEnv({ UPLOAD_MAX_IMAGE_MB: "-3", VL_DATA_DIR: tmp() })).toThrow(/UPLOAD_MAX_IMAGE_MB/);
  });

  it("uses local disk by default and checks the object-storage settings before starting", () => {
    const dir = tmp();
    expect(parseEnv({ VL_DATA_DIR: dir })).toMatchObject({ STORAGE_DRIVER: "local", S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: false });
    expect(() => parseEnv({ VL_DATA_DIR: dir, STORAGE_DRIVER: "s3" })).toThrow(/STORAGE_DRIVER=s3 needs S3_BUCKET/);
    expect(() => parseEnv({ VL_DATA_DIR: dir, STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_ACCESS_KEY_ID: "only-one" })).toThrow(
      /both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/,
    );
    expect(() => parseEnv({ VL_DATA_DIR: dir, STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_ENDPOINT: "minio:9000" })).toThrow(/S3_ENDPOINT/);
    expect(() => parseEnv({ VL_DATA_DIR: dir, STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_KEY_PREFIX: "../up" })).toThrow(/S3_KEY_PREFIX/);
    expect(
      parseEnv({ VL_DATA_DIR: dir, STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_ENDPOINT: "http://minio:9000", S3_FORCE_PATH_STYLE: "1" }),
    ).toMatchObject({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_ENDPOINT: "http://minio:9000", S3_FORCE_PATH_STYLE: true });
  });
});
