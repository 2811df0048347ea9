# syntax=docker/dockerfile:1
# One image for the web server and the training workers (CPU): `docker run IMAGE web|worker|migrate`.
# GPU workers: Dockerfile.gpu. Compose: compose.yaml. Guide: docs/DEPLOY.md.
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    # onnxruntime-node's CPU binaries ship inside the package; its install script would fetch CUDA files.
    ONNXRUNTIME_NODE_INSTALL=skip

# Every dependency, dev ones included, to build. The postinstall (the Prisma client from prisma/schema)
# runs below, once the sources are there.
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY . .
# No install scripts are needed: the native parts (sharp, esbuild, argon2, onnxruntime-node's CPU build)
# come prebuilt inside their packages, and the optional @tensorflow/tfjs-node-gpu (whose script downloads
# libtensorflow) belongs to Dockerfile.gpu; without its binary the app falls back to WebAssembly.
RUN npm run db:generate \
 && npm run build \
 && rm -rf node_modules .next/cache

# Production dependencies only. --ignore-scripts: the postinstall (prisma generate) needs the Prisma
# CLI, a dev dependency; the generated client comes from the build stage instead. The native parts
# (sharp, argon2, onnxruntime-node CPU) load prebuilt binaries shipped in their packages.
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    VL_DATA_DIR=/data \
    ML_MODELS_DIR=/data/models
RUN groupadd --system --gid 10001 venturelens \
 && useradd --system --uid 10001 --gid venturelens --home-dir /app --shell /usr/sbin/nologin venturelens \
 && mkdir -p /data && chown venturelens:venturelens /data
COPY --from=build --chown=root:root /app ./
COPY --from=prod-deps --chown=root:root /app/node_modules ./node_modules
# Next writes its runtime cache (fetch and image caches) under .next/cache.
RUN mkdir -p .next/cache && chown venturelens:venturelens .next/cache
# The app code is read-only for the user the processes run as; only /data is theirs.
USER venturelens
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 CMD ["node", "docker/healthcheck.mjs"]
# The script execs node (see its header): node is the container's main process and gets SIGTERM.
ENTRYPOINT ["docker/entrypoint.sh"]
CMD ["web"]
