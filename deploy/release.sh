#!/usr/bin/env bash
# The release step, the same everywhere: systemd runs it before the web and worker units start
# (newsroom-release.service), `make prod-local` runs it, CI runs it. Safe to run again.
#
#   deploy/release.sh            with the environment of production (/etc/newsroom/env)
#
# NEWSROOM_PYTHON names the interpreter (default: the repository's .venv).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${NEWSROOM_PYTHON:-.venv/bin/python}"

step() { printf 'release: %s\n' "$*"; }
manage() { "$PYTHON" manage.py "$@"; }

step "checking the production settings"
manage check --deploy --fail-level WARNING
step "migrating the database"
manage migrate --noinput
step "creating the database cache table (only if the cache is the database's)"
manage createcachetable
step "collecting static files"
manage collectstatic --noinput --verbosity 0
step "installing the newsroom's roles and permissions"
manage install_newsroom_roles
if [ -n "${ELASTICSEARCH_URL:-}" ]; then
    step "creating the search indices, if a language has none"
    manage search_reindex --if-missing
    step "warming every shard copy with readers' searches, before readers come"
    manage search_warm
else
    step "no ELASTICSEARCH_URL: readers search the database"
fi
step "done"
