import { createJiti } from "jiti";
import createNextIntlPlugin from "next-intl/plugin";

// Validate the environment at build and start: a bad value stops here with a clear message.
const jiti = createJiti(import.meta.url);
const { env } = await jiti.import("./server/env.ts");

const withNextIntl = createNextIntlPlugin("./server/next/i18n-request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: env.NEXT_DIST_DIR,
  poweredByHeader: false,
  // `npm run typecheck` (tsc over the whole project, tests included) is part of `npm test`;
  // checking again inside `next build` would double the slowest step on two cores.
  typescript: { ignoreBuildErrors: true },
  // Native and WebAssembly packages must load from node_modules at run time (see docs/ARCHITECTURE.md).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-backend-wasm",
    "@tensorflow/tfjs-node",
    "@tensorflow/tfjs-node-gpu",
    "onnxruntime-node",
    "onnx-proto",
    // Loaded from node_modules at run time: one copy of the AWS SDK per process instead of one per chunk.
    "@aws-sdk/client-s3",
    "@aws-sdk/lib-storage",
    "sharp",
    "yauzl",
    "bcryptjs",
    "argon2",
  ],
  experimental: {
    // Uploads (zips of sample images) go through route handlers, not server actions.
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default withNextIntl(nextConfig);
