#!/usr/bin/env bash
# The whole production stack on this machine, under the production settings, with the demo:
#
#   nginx (TLS, https://localhost) -> Varnish -> gunicorn (3 workers) -> PostgreSQL, Redis,
#   Elasticsearch (3 nodes, 1 replica); the task worker; the minutely scheduler.
#
#   deploy/prod-local.sh start    install what is missing, start everything, build the demo
#   deploy/prod-local.sh stop     stop what start started (PostgreSQL stays up); delete nothing
#   deploy/prod-local.sh status
#   deploy/prod-local.sh start-redis   start Redis alone again (the load bench stops it)
#   deploy/prod-local.sh search kill-node 2   a command of search-node.sh on the stack's cluster
#
# The same files as production: deploy/release.sh, deploy/scheduled.sh, deploy/gunicorn.conf.py,
# deploy/varnish/newsroom.vcl, deploy/nginx/newsroom.conf.template. State, logs and the
# generated secret live in $PROD_LOCAL_DIR (default var/prod-local); the environment is
# $PROD_LOCAL_DIR/env, which `set -a; . var/prod-local/env` loads for manage.py.
#
# Environment: PROD_LOCAL_DIR, PROD_LOCAL_HTTPS_PORT (443), PROD_LOCAL_HTTP_PORT (80),
# PROD_LOCAL_HOST (localhost). On another port than 443, absolute links in feeds say http:
# Wagtail's Site has a port but no scheme.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$(pwd)"
STATE="$(mkdir -p "${PROD_LOCAL_DIR:-var/prod-local}" && cd "${PROD_LOCAL_DIR:-var/prod-local}" && pwd)"
HOST="${PROD_LOCAL_HOST:-localhost}"
HTTPS_PORT="${PROD_LOCAL_HTTPS_PORT:-443}"
HTTP_PORT="${PROD_LOCAL_HTTP_PORT:-80}"
WEB_PORT=8090          # gunicorn
CACHE_PORT=6091        # Varnish
REDIS_PORT=6390
SEARCH_PORT=9280       # the first of three nodes
PYTHON="$REPO/.venv/bin/python"
RUN="$STATE/run"
LOG="$STATE/log"
ENV_FILE="$STATE/env"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
as_postgres() { if [ -z "$SUDO" ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
say() { printf 'prod-local: %s\n' "$*"; }
die() { printf 'prod-local: %s\n' "$*" >&2; exit 1; }

search_cluster() {
    SEARCH_NODE_DIR="$STATE/search" SEARCH_NODE_PORT="$SEARCH_PORT" SEARCH_NODE_COUNT=3 \
        SEARCH_NODE_CLUSTER_NAME=newsroom-prod-local SEARCH_NODE_KEEP_DATA=1 \
        deploy/search-node/search-node.sh "$@"
}

running() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

wait_until() { # wait_until SECONDS WHAT COMMAND...
    local seconds="$1" what="$2"
    shift 2
    for _ in $(seq 1 "$((seconds * 4))"); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.25
    done
    die "$what did not come up in ${seconds}s (logs: $LOG)"
}

install_packages() {
    local missing=()
    command -v pg_ctlcluster >/dev/null || missing+=(postgresql postgresql-contrib)
    command -v redis-server >/dev/null || missing+=(redis-server)
    command -v varnishd >/dev/null || missing+=(varnish)
    command -v nginx >/dev/null || missing+=(nginx)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v envsubst >/dev/null || missing+=(gettext-base)
    command -v curl >/dev/null || missing+=(curl)
    if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
        missing+=(openjdk-17-jdk-headless maven)
    fi
    if [ "${#missing[@]}" -gt 0 ]; then
        say "installing from Debian: ${missing[*]}"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
    make --no-print-directory install
}

write_environment() {
    [ -f "$ENV_FILE" ] && return 0
    say "generating $ENV_FILE (a new secret key and database password)"
    local secret password demo_password
    secret="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')"
    password="$("$PYTHON" -c 'import secrets; print(secrets.token_hex(16))')"
    demo_password="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(12))')"
    local site_url="https://$HOST"
    [ "$HTTPS_PORT" = 443 ] || site_url="$site_url:$HTTPS_PORT"
    umask 077
    cat >"$ENV_FILE" <<EOF
DJANGO_SETTINGS_MODULE=newsroom.settings.production
DJANGO_SECRET_KEY=$secret
DJANGO_ALLOWED_HOSTS=$HOST
WAGTAILADMIN_BASE_URL=$site_url
DATABASE_URL=postgres://newsroom_prod_local:$password@127.0.0.1:5432/newsroom_prod_local
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
ELASTICSEARCH_URL=http://127.0.0.1:$SEARCH_PORT,http://127.0.0.1:$((SEARCH_PORT + 1)),http://127.0.0.1:$((SEARCH_PORT + 2))
NEWSROOM_SEARCH_REPLICAS=1
NEWSROOM_SEARCH_INDEX_PREFIX=newsroom-articles
NEWSROOM_SEARCH_CIRCUIT_FILE=$RUN/search.circuit
NEWSROOM_FRONT_CACHES=http://127.0.0.1:$CACHE_PORT
DJANGO_STATIC_ROOT=$STATE/static
DJANGO_MEDIA_ROOT=$STATE/media
GUNICORN_BIND=127.0.0.1:$WEB_PORT
GUNICORN_WORKERS=3
EMAIL_HOST=localhost
# The demo's accounts (admin, writer, desk, approver...) sign in with this.
NEWSROOM_DEMO_PASSWORD=$demo_password
EOF
    umask 022
}

load_environment() {
    set -a
    # shellcheck disable=SC1090
    . "$ENV_FILE"
    set +a
}

start_postgresql() {
    local version
    version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    $SUDO pg_ctlcluster "$version" main start 2>/dev/null || true
    wait_until 30 PostgreSQL pg_isready -q -h 127.0.0.1
    local password="${DATABASE_URL#*newsroom_prod_local:}"
    password="${password%%@*}"
    if ! as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'newsroom_prod_local'" | grep -q 1; then
        as_postgres psql -q -c "CREATE ROLE newsroom_prod_local LOGIN"
    fi
    # The password of the environment file, whichever came first.
    as_postgres psql -q -c "ALTER ROLE newsroom_prod_local PASSWORD '$password'"
    if ! as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'newsroom_prod_local'" | grep -q 1; then
        as_postgres createdb -O newsroom_prod_local newsroom_prod_local
    fi
}

start_redis() {
    running redis && return 0
    mkdir -p "$STATE/redis"
    # A cache: nothing is saved to disk, the oldest keys make room.
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$STATE/redis" --save "" \
        --appendonly no --maxmemory 256mb --maxmemory-policy allkeys-lru \
        --daemonize yes --pidfile "$RUN/redis.pid" --logfile "$LOG/redis.log"
    wait_until 10 Redis redis-cli -p "$REDIS_PORT" ping
}

tls_certificate() {
    [ -f "$STATE/tls/certificate.pem" ] && return 0
    mkdir -p "$STATE/tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$HOST" \
        -addext "subjectAltName=DNS:$HOST,IP:127.0.0.1" -addext "basicConstraints=critical,CA:TRUE" \
        -keyout "$STATE/tls/key.pem" -out "$STATE/tls/certificate.pem" 2>/dev/null
}

start_web() {
    running gunicorn && return 0
    "$REPO/.venv/bin/gunicorn" -c deploy/gunicorn.conf.py --daemon --pid "$RUN/gunicorn.pid" \
        --access-logfile "$LOG/gunicorn.access.log" --error-logfile "$LOG/gunicorn.log" \
        --capture-output
    wait_until 60 gunicorn curl -sf "http://127.0.0.1:$WEB_PORT/healthz"
}

start_background() {
    if ! running worker; then
        nohup "$PYTHON" manage.py newsroom_worker >>"$LOG/worker.log" 2>&1 &
        echo $! >"$RUN/worker.pid"
    fi
    if ! running scheduler; then
        # A process group of its own: stopping it stops the loop and whatever step it is in.
        setsid nohup bash -c 'while true; do deploy/scheduled.sh; sleep 60; done' \
            >>"$LOG/scheduler.log" 2>&1 &
        echo $! >"$RUN/scheduler.pid"
    fi
}

start_front_cache() {
    running varnish && return 0
    sed "s/\.port = \"8000\";/.port = \"$WEB_PORT\";/" deploy/varnish/newsroom.vcl >"$STATE/newsroom.vcl"
    mkdir -p "$STATE/varnish"
    varnishd -n "$STATE/varnish" -a "127.0.0.1:$CACHE_PORT" -T "127.0.0.1:$((CACHE_PORT + 1))" \
        -f "$STATE/newsroom.vcl" -s malloc,256m -P "$RUN/varnish.pid"
    wait_until 20 Varnish curl -s -o /dev/null "http://127.0.0.1:$CACHE_PORT/healthz"
}

start_nginx() {
    running nginx && return 0
    mkdir -p "$STATE/nginx"
    SERVER_NAME="$HOST" HTTPS_PORT="$HTTPS_PORT" HTTP_PORT="$HTTP_PORT" \
        TLS_CERTIFICATE="$STATE/tls/certificate.pem" TLS_KEY="$STATE/tls/key.pem" \
        STATIC_ROOT="$DJANGO_STATIC_ROOT" MEDIA_ROOT="$DJANGO_MEDIA_ROOT" \
        FRONT_CACHE="127.0.0.1:$CACHE_PORT" WEB="127.0.0.1:$WEB_PORT" ACCESS_LOG="$LOG/nginx.access.log" \
        envsubst '$SERVER_NAME $HTTPS_PORT $HTTP_PORT $TLS_CERTIFICATE $TLS_KEY $STATIC_ROOT $MEDIA_ROOT $FRONT_CACHE $WEB $ACCESS_LOG' \
        <deploy/nginx/newsroom.conf.template >"$STATE/nginx/newsroom.conf"
    cat >"$STATE/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $RUN/nginx.pid;
error_log $LOG/nginx.error.log;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $STATE/nginx/body;
    proxy_temp_path $STATE/nginx/proxy;
    fastcgi_temp_path $STATE/nginx/fastcgi;
    uwsgi_temp_path $STATE/nginx/uwsgi;
    scgi_temp_path $STATE/nginx/scgi;
    include $STATE/nginx/newsroom.conf;
}
EOF
    nginx -q -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -e "$LOG/nginx.error.log"
    wait_until 20 nginx curl -sf --cacert "$STATE/tls/certificate.pem" \
        "https://$HOST:$HTTPS_PORT/healthz"
}

start() {
    mkdir -p "$RUN" "$LOG"
    install_packages
    write_environment
    load_environment
    start_postgresql
    start_redis
    say "starting the search cluster (3 nodes)"
    search_cluster start
    say "releasing (deploy/release.sh)"
    deploy/release.sh
    say "building the demo newsroom"
    HOST="$HOST" PORT="$HTTPS_PORT" "$PYTHON" manage.py build_demo_site
    say "indexing the demo"
    "$PYTHON" manage.py search_reindex
    # The rebuild warmed every shard copy with readers' searches before moving the aliases;
    # this checks that the index matches the database.
    "$PYTHON" manage.py search_check
    say "running the tasks the demo queued (reference index, admin search, purges)"
    "$PYTHON" manage.py newsroom_worker --batch --no-startup-delay --no-reload >>"$LOG/worker.log" 2>&1
    start_web
    start_background
    start_front_cache
    tls_certificate
    start_nginx
    say "up: $WAGTAILADMIN_BASE_URL/ (certificate: $STATE/tls/certificate.pem)"
    say "sign in at $WAGTAILADMIN_BASE_URL/admin/ as admin, password NEWSROOM_DEMO_PASSWORD in $ENV_FILE"
}

stop_pid() { # stop_pid NAME [SIGNAL]
    running "$1" || { rm -f "$RUN/$1.pid"; return 0; }
    local pid
    pid="$(cat "$RUN/$1.pid")"
    kill "-${2:-TERM}" "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    rm -f "$RUN/$1.pid"
}

stop() {
    [ -d "$RUN" ] || { say "not started"; return 0; }
    stop_pid nginx QUIT
    stop_pid varnish
    if running scheduler; then kill -TERM -- "-$(cat "$RUN/scheduler.pid")" 2>/dev/null || true; fi
    stop_pid scheduler
    stop_pid worker
    stop_pid gunicorn
    search_cluster stop || true
    stop_pid redis
    say "stopped (PostgreSQL and $STATE are left as they are)"
}

status() {
    local name code=0
    for name in nginx varnish gunicorn worker scheduler redis; do
        if running "$name"; then say "$name: running"; else say "$name: stopped"; code=3; fi
    done
    if search_cluster status >/dev/null 2>&1; then say "search: 3 nodes"; else say "search: down"; code=3; fi
    return "$code"
}

case "${1:-}" in
start) start ;;
start-redis) mkdir -p "$RUN" "$LOG" && start_redis ;;
search) shift && search_cluster "$@" ;;
stop) stop ;;
status) status ;;
*) die "usage: $0 start|stop|status|start-redis|search COMMAND..." ;;
esac
