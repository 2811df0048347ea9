#!/bin/sh
# Restores a backup made by scripts/backup.sh into an EMPTY database and an empty data folder.
# Stop every web and worker process first, and start them again afterwards (migrations of a newer
# release then apply on top, under their advisory lock).
# Usage: DATABASE_URL=postgres://… VL_DATA_DIR=/srv/venturelens/data scripts/restore.sh /backups/2026-11-30
set -eu
in="${1:?usage: restore.sh BACKUP_DIR}"
: "${DATABASE_URL:?set DATABASE_URL}"
data="${VL_DATA_DIR:-.data}"
( cd "$in" && sha256sum --check --quiet SHA256SUMS )
pg_restore --exit-on-error --no-owner --no-privileges --dbname="$DATABASE_URL" "$in/database.dump"
mkdir -p "$data"
tar -C "$data" -xf "$in/data.tar"
echo "restored $in into the database and $data"
