#!/usr/bin/env bash
# Back up what cannot be rebuilt: the database and the media folder. Search indices are rebuilt
# from the database (deploy/restore.sh), caches refill themselves.
#
#   deploy/backup.sh DIRECTORY      with the production environment (/etc/newsroom/env) loaded
#
# Writes DIRECTORY/database.dump (pg_dump's custom format) and DIRECTORY/media.tar.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIRECTORY" >&2; exit 2; }
: "${DATABASE_URL:?load the production environment first}"
: "${DJANGO_MEDIA_ROOT:?load the production environment first}"
mkdir -p "$1"
pg_dump --format=custom --no-owner --file="$1/database.dump" "$DATABASE_URL"
if [ -d "$DJANGO_MEDIA_ROOT" ]; then
    tar --create --file="$1/media.tar" --directory="$DJANGO_MEDIA_ROOT" .
else
    # Nothing uploaded yet: an empty archive, so that a restore needs no special case.
    echo "backup: no media folder at $DJANGO_MEDIA_ROOT; the archive is empty" >&2
    tar --create --file="$1/media.tar" --files-from=/dev/null
fi
printf 'backup: %s (database %s, media %s)\n' "$1" \
    "$(du -h "$1/database.dump" | cut -f1)" "$(du -h "$1/media.tar" | cut -f1)"
