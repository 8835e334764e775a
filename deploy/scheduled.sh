#!/usr/bin/env bash
# What runs every minute: scheduled pages go live or expire, no index change waits for a
# drain whatever worker was killed, the worker folds the reach buffer into daily counts, and a
# search node that started lately is warmed with readers' searches.
# systemd's newsroom-scheduler.timer runs it; so does `make prod-local`. NEWSROOM_PYTHON names
# the interpreter (default: the repository's .venv).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${NEWSROOM_PYTHON:-.venv/bin/python}"
"$PYTHON" manage.py publish_scheduled
"$PYTHON" manage.py search_drain --sweep
"$PYTHON" manage.py reach_fold
# A node that restarted and rejoined answers its first searches slowly: warm it within a minute.
if [ -n "${ELASTICSEARCH_URL:-}" ]; then
    "$PYTHON" manage.py search_warm --started-within 300 --rounds 1
fi
