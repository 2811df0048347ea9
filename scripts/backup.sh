#!/bin/sh
# Backs up a VentureLens deployment on PostgreSQL: the database (pg_dump, custom format) and the
# data folder (uploads, normalised copies, thumbnails, trained models), into one directory.
# Usage: DATABASE_URL=postgres://… VL_DATA_DIR=/srv/venturelens/data scripts/backup.sh /backups/2026-11-30
# Consistent enough while running: rows are dumped in one snapshot; a file written after the dump
# started is either in the copy (harmless: no row points at it) or not. Restore with scripts/restore.sh.
set -eu
out="${1:?usage: backup.sh OUTPUT_DIR}"
: "${DATABASE_URL:?set DATABASE_URL}"
data="${VL_DATA_DIR:-.data}"
mkdir -p "$out"
# Database first: a file that exists for every row it dumped is then already on disk for the copy below.
pg_dump --format=custom --no-owner --no-privileges --file="$out/database.dump" "$DATABASE_URL"
# The embedded database's own folder (db/) and secrets are not part of a PostgreSQL deployment's data.
# Not compressed: the folder is JPEG/WebP images and zip exports already, gzip would only cost CPU time.
tar -C "$data" --exclude=./db --exclude=./secrets.json -cf "$out/data.tar" .
( cd "$out" && sha256sum database.dump data.tar > SHA256SUMS )
echo "backup written to $out ($(du -sh "$out" | cut -f1))"
