#!/usr/bin/env bash
# Restore a backup of deploy/backup.sh onto an empty database, then rebuild what it does not
# hold: the release steps, every search index, and a check that the index matches.
#
#   deploy/restore.sh DIRECTORY     with the environment of the installation to restore into
#
# Refuses a database that already has tables: restoring over live data is not a restore.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -eq 1 ] || { echo "usage: $0 DIRECTORY" >&2; exit 2; }
: "${DATABASE_URL:?load the environment of the installation to restore into}"
: "${DJANGO_MEDIA_ROOT:?load the environment of the installation to restore into}"
PYTHON="${NEWSROOM_PYTHON:-.venv/bin/python}"
tables="$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
[ "$tables" = 0 ] || { echo "restore: $DATABASE_URL is not empty ($tables tables)" >&2; exit 1; }

echo "restore: database"
pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$1/database.dump"
echo "restore: media"
mkdir -p "$DJANGO_MEDIA_ROOT"
tar --extract --file="$1/media.tar" --directory="$DJANGO_MEDIA_ROOT"
deploy/release.sh
if [ -n "${ELASTICSEARCH_URL:-}" ]; then
    echo "restore: search indices"
    "$PYTHON" manage.py search_reindex
    "$PYTHON" manage.py search_check
fi
echo "restore: done"
