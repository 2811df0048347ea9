#!/bin/sh
# The image's entry point: one image, three roles. Each role `exec`s node, so node replaces this
# shell as the container's main process and receives the runtime's SIGTERM itself (no shell or npm
# in between to swallow it; both the web server and the worker handle SIGTERM and stop cleanly).
#   web     the Next.js server (PORT, default 3000)
#   worker  a training worker (`npm run worker` without npm)
#   migrate apply migrations and the start-up seed, then exit (a Kubernetes Job / pre-upgrade hook;
#           web and worker do the same at start under advisory locks, so it is optional)
set -eu
role="${1:-web}"
[ "$#" -gt 0 ] && shift
case "$role" in
  web)
    # The app owns SIGTERM (it closes the database and hands running work back first).
    export NEXT_MANUAL_SIG_HANDLE=1
    exec node node_modules/next/dist/bin/next start --port "${PORT:-3000}" --hostname 0.0.0.0 "$@"
    ;;
  worker)
    exec node --import tsx scripts/worker.ts "$@"
    ;;
  migrate)
    exec node --import tsx scripts/migrate.ts "$@"
    ;;
  *)
    echo "usage: entrypoint.sh web|worker|migrate (got: $role)" >&2
    exit 64
    ;;
esac
