import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ENV_KEYS, parseEnv } from "@/server/env";

/**
 * compose.yaml cannot be run here (no images can be pulled), so its app services' environments
 * are checked against the one env schema: each must parse, and every variable must be one the
 * app reads (a typo such as WORKERS_MODE would otherwise be ignored silently).
 */
const compose = parse(readFileSync("compose.yaml", "utf8"), { merge: true }) as {
  services: Record<string, { image?: string; command?: string[]; environment?: Record<string, string>; profiles?: string[] }>;
};
// What an operator puts in .env next to compose.yaml (the file refuses to start without them).
const dotEnv: Record<string, string> = {
  POSTGRES_PASSWORD: "pg-password",
  NEXTAUTH_SECRET: "a-secret-of-at-least-thirty-two-characters",
  MINIO_ROOT_PASSWORD: "minio-password",
  PUBLIC_URL: "https://lens.example.com",
};

/** Docker Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error}. */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, rest?: string) => {
    const set = dotEnv[name];
    if (set !== undefined && set !== "") return set;
    if (op === "-") return rest ?? "";
    throw new Error(`compose.yaml needs ${name}: ${rest ?? "unset"}`);
  });
}

// Read by docker/entrypoint.sh and docker/healthcheck.mjs, not by the app.
const IMAGE_KEYS = ["PORT"];
const appServices = Object.entries(compose.services).filter(([, s]) => s.command?.[0] === "web" || s.command?.[0] === "worker");

describe("compose.yaml", () => {
  it("has two web processes, two CPU workers and a GPU worker profile around PostgreSQL, object storage and a proxy", () => {
    const roles = appServices.map(([name, s]) => `${name}:${s.command![0]}${s.profiles ? `(${s.profiles.join()})` : ""}`);
    expect(roles).toEqual(["web-1:web", "web-2:web", "worker-1:worker", "worker-2:worker", "worker-gpu:worker(gpu)"]);
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(["postgres", "minio", "proxy"]));
  });

  it.each(appServices)("gives %s an environment the app's env schema accepts", (_name, service) => {
    const environment = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
    const unknown = Object.keys(environment).filter((k) => !ENV_KEYS.includes(k) && !IMAGE_KEYS.includes(k));
    expect(unknown).toEqual([]);
    const env = parseEnv(environment);
    expect(env).toMatchObject({
      databaseMode: "postgres",
      strictProduction: true,
      WORKER_MODE: "off",
      dataDir: "/data",
      modelsDir: "/data/models",
      STORAGE_DRIVER: "s3",
      S3_BUCKET: "venturelens",
      S3_FORCE_PATH_STYLE: true,
    });
    expect(env.DATABASE_URL).toBe("postgres://venturelens:pg-password@postgres:5432/venturelens");
  });

  it("trusts exactly the one proxy in front of the web processes, and only there", () => {
    for (const [name, service] of appServices) {
      expect(service.environment?.TRUSTED_PROXIES, name).toBe(service.command![0] === "web" ? "1" : undefined);
    }
  });

  it("refuses to start without the secrets instead of running with defaults", () => {
    delete dotEnv.NEXTAUTH_SECRET;
    expect(() => interpolate(compose.services["web-1"]!.environment!.NEXTAUTH_SECRET!)).toThrow(/NEXTAUTH_SECRET/);
    dotEnv.NEXTAUTH_SECRET = "a-secret-of-at-least-thirty-two-characters";
  });
});
