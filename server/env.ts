import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads process.env (t3-env style). Everything else imports `env`.
 * next.config.mjs imports this module too, so a bad value stops `next build`/`next start`.
 */
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** A postgres:// URL selects a PostgreSQL server; unset means the embedded database. */
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
      .optional(),
  ),
  /** Connections in the Prisma pool; default 1 on the embedded database (PGlite runs one query at a time), 10 otherwise. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
  /** Where local state lives in embedded mode (database, uploads, models, secrets). */
  VL_DATA_DIR: z.string().default(".data"),
  EMBEDDED_DB_DIR: optionalString,
  /** Marks a production deployment: missing secrets stop start-up instead of being generated. */
  VL_PRODUCTION: bool,
  /**
   * Create the demo account (publicly known password) on an empty database. Default: yes,
   * except in a production deployment, where a known password must never appear by itself.
   */
  SEED_DEMO: z.enum(["1", "0", "true", "false", "yes", "no"]).optional(),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: optionalString,
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  GOOGLE_ID: optionalString,
  GOOGLE_SECRET: optionalString,
  SMTP_URL: optionalString,
  SMTP_FROM: z.string().default("VentureLens <no-reply@venturelens.local>"),
  /** inline: the app process runs the job worker (required on the embedded database). */
  WORKER_MODE: z.enum(["inline", "off"]).default("inline"),
  /**
   * A running training run whose worker has not heartbeaten for this long is handed to another
   * worker (or failed after its second attempt). Workers check every 5 s, so a killed worker's run
   * is back in the queue within this + 5 s. Heartbeats come every 3 s; keep it well above that.
   */
  WORKER_STALE_SECONDS: z.coerce.number().int().min(6).max(3600).default(20),
  ML_BACKEND: z.enum(["auto", "tensorflow-gpu", "tensorflow", "wasm", "cpu"]).default("auto"),
  ML_MODELS_DIR: optionalString,
  UPLOAD_MAX_IMAGE_MB: z.coerce.number().positive().default(10),
  UPLOAD_MAX_ZIP_MB: z.coerce.number().positive().default(500),
  UPLOAD_MAX_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  /** Requests per minute per API key on the REST predict endpoint. */
  API_PREDICT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** Kept predictions (opt-in per prototype) older than this many days are deleted, rows and files. */
  KEEP_PREDICTIONS_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Stored bytes of kept predictions per workspace; the oldest are dropped to make room for a new one. */
  KEEP_PREDICTIONS_MAX_MB: z.coerce.number().positive().default(500),
  /** Share of kept predictions marked as a random sample (reviewed samples measure field accuracy). */
  KEEP_PREDICTIONS_SAMPLE_SHARE: z.coerce.number().min(0).max(1).default(0.2),
  /** Days a rater link (observer form) stays valid when the founder does not choose. */
  RATER_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Requests per minute per client address on the public rater form (reads and submissions). */
  RATER_FORM_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /**
   * Reverse proxies in front of the app that append to X-Forwarded-For. 0 (default): the
   * client address is the socket's and the header, which any client can set, is ignored.
   */
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Where files (uploads, thumbnails, trained models) are kept: `local` (default) under
   * VL_DATA_DIR, or `s3` in an S3-compatible bucket shared by every web process and worker.
   */
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  /** The bucket (required with STORAGE_DRIVER=s3); it must exist. */
  S3_BUCKET: optionalString,
  /** Unset: AWS S3. Set for MinIO, Ceph, Cloudflare R2 and other S3-compatible servers. */
  S3_ENDPOINT: optionalString.pipe(
    z
      .string()
      .regex(/^https?:\/\/[^/\s]+/, "S3_ENDPOINT must be an http(s) URL such as http://minio:9000")
      .optional(),
  ),
  S3_REGION: z.string().default("us-east-1"),
  /** Unset: the AWS SDK's default chain (AWS_* variables, profile, instance role). Set both or neither. */
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  /** Bucket in the URL path instead of the host name; MinIO and Ceph need it. */
  S3_FORCE_PATH_STYLE: bool,
  /** Prepended to every key ("venturelens/"), so several installs can share one bucket. */
  S3_KEY_PREFIX: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-][A-Za-z0-9._/-]*$/, "S3_KEY_PREFIX may hold letters, digits, . _ - and /")
      .optional(),
  ),
  /** Lets several builds coexist (tests, benches); Next's default otherwise. */
  NEXT_DIST_DIR: z.string().default(".next"),
});

/** Every variable the schema reads (deployment files are checked against it: docker/compose.test.ts). */
export const ENV_KEYS: readonly string[] = Object.keys(schema.shape);

export type Env = z.infer<typeof schema> & {
  NEXTAUTH_SECRET: string;
  /** Absolute paths derived from the settings above. */
  dataDir: string;
  embeddedDbDir: string;
  modelsDir: string;
  databaseMode: "embedded" | "postgres";
  strictProduction: boolean;
  /** Whether an empty database gets the demo account (SEED_DEMO, else not in production). */
  seedDemo: boolean;
};

export class EnvError extends Error {}

function loadOrCreateSecrets(dataDir: string): { NEXTAUTH_SECRET: string } {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    // Private even when it was copied in with wider permissions.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const parsed = z.object({ NEXTAUTH_SECRET: z.string().min(32) }).safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (parsed.success) return parsed.data;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = { NEXTAUTH_SECRET: randomBytes(32).toString("base64url") };
  // Written once and kept: rotating it would sign every user out on each start.
  writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  const e = parsed.data;
  if (e.STORAGE_DRIVER === "s3" && !e.S3_BUCKET) throw new EnvError("STORAGE_DRIVER=s3 needs S3_BUCKET. See .env.example.");
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY))
    throw new EnvError("Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither. See .env.example.");
  const dataDir = path.resolve(/* turbopackIgnore: true */ e.VL_DATA_DIR);
  const strictProduction = e.NODE_ENV === "production" && (e.VL_PRODUCTION || Boolean(e.DATABASE_URL));
  let secret = e.NEXTAUTH_SECRET;
  if (!secret) {
    if (strictProduction) {
      throw new EnvError(
        "NEXTAUTH_SECRET is not set. A production deployment (VL_PRODUCTION=1 or a DATABASE_URL) must set it, " +
          "e.g. `openssl rand -base64 32`. See .env.example.",
      );
    }
    secret = loadOrCreateSecrets(dataDir).NEXTAUTH_SECRET;
  }
  return {
    ...e,
    NEXTAUTH_SECRET: secret,
    dataDir,
    embeddedDbDir: path.resolve(/* turbopackIgnore: true */ e.EMBEDDED_DB_DIR ?? path.join(dataDir, "db")),
    modelsDir: path.resolve(/* turbopackIgnore: true */ e.ML_MODELS_DIR ?? "models"),
    databaseMode: e.DATABASE_URL ? "postgres" : "embedded",
    strictProduction,
    seedDemo: e.SEED_DEMO === undefined ? !strictProduction : ["1", "true", "yes"].includes(e.SEED_DEMO),
  };
}

const globalForEnv = globalThis as unknown as { __vlEnv?: Env };

export const env: Env = (globalForEnv.__vlEnv ??= parseEnv(process.env));

// next-auth v4 reads these two from process.env itself; keep them in step with the schema.
process.env.NEXTAUTH_URL ??= env.NEXTAUTH_URL;
process.env.NEXTAUTH_SECRET ??= env.NEXTAUTH_SECRET;
