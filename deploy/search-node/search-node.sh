#!/usr/bin/env bash
# A local Elasticsearch 8.19.21 node for development, tests and CI.
#
#   deploy/search-node/search-node.sh start    build if needed, start in the background, wait until healthy
#   deploy/search-node/search-node.sh stop     SIGTERM, then SIGKILL after a timeout
#   deploy/search-node/search-node.sh status   exit 0 if running, 3 if not
#   deploy/search-node/search-node.sh restart
#
# Environment:
#   SEARCH_NODE_DIR             state directory: pid, log, throwaway data (default <repo>/var/search-node)
#   SEARCH_NODE_PORT            HTTP port (default 9200); the transport port is this + 100
#   SEARCH_NODE_TRANSPORT_PORT  transport port (default SEARCH_NODE_PORT + 100)
#   SEARCH_NODE_START_TIMEOUT   seconds to wait for the cluster to be yellow (default 60)
#   SEARCH_NODE_STOP_TIMEOUT    seconds to wait after SIGTERM before SIGKILL (default 30)
#   SEARCH_NODE_KEEP_DATA=1     keep the data of the previous run (by default it is wiped at start)
#   SEARCH_NODE_USER            user to run as when started by root (default searchnode, created if missing)
#   SEARCH_NODE_JAVA_OPTS       extra JVM options
#   JAVA_HOME / MVN             which java and which mvn to use
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STATE_DIR="${SEARCH_NODE_DIR:-$REPO/var/search-node}"
PORT="${SEARCH_NODE_PORT:-9200}"
TRANSPORT_PORT="${SEARCH_NODE_TRANSPORT_PORT:-$((PORT + 100))}"
START_TIMEOUT="${SEARCH_NODE_START_TIMEOUT:-60}"
STOP_TIMEOUT="${SEARCH_NODE_STOP_TIMEOUT:-30}"
RUN_USER="${SEARCH_NODE_USER:-searchnode}"
MVN="${MVN:-mvn}"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

PID_FILE="$STATE_DIR/search-node.pid"
LOG_FILE="$STATE_DIR/search-node.log"
NODE_HOME="$STATE_DIR/home" # data and config of the node: wiped at each start unless SEARCH_NODE_KEEP_DATA=1
MAIN_CLASS=org.elasticsearch.node.NewsroomSearchNode
case "$STATE_DIR" in "" | "/") echo "search-node: refusing [$STATE_DIR] as the state directory" >&2; exit 1 ;; esac
URL="http://127.0.0.1:$PORT"

say() { printf 'search-node: %s\n' "$*"; }
die() { printf 'search-node: %s\n' "$*" >&2; exit 1; }

http_ok() { # GET a URL; succeed on a 2xx answer
    if command -v curl >/dev/null 2>&1; then
        curl -sf -o /dev/null --max-time 5 "$1"
    else
        python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$1" >/dev/null 2>&1
    fi
}

running_pid() { # print the pid of our running node, if any; remove a stale pid file
    local pid
    [ -f "$PID_FILE" ] || return 1
    pid="$(tr -dc '0-9' <"$PID_FILE")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS"; then
        echo "$pid"
        return 0
    fi
    rm -f "$PID_FILE"
    return 1
}

needs_build() {
    [ -d "$HERE/target/classes" ] && [ -d "$HERE/target/lib" ] && [ -f "$HERE/target/.built" ] || return 0
    [ -n "$(find "$HERE/src" "$HERE/pom.xml" -newer "$HERE/target/.built" -print -quit)" ]
}

build() {
    command -v "$MVN" >/dev/null 2>&1 || die "Maven ($MVN) is needed to build the node"
    mkdir -p "$STATE_DIR"
    local log="$STATE_DIR/build.log"
    say "building with Maven (the first time downloads about 120 MB into ~/.m2); output: $log"
    if ! (cd "$HERE" && "$MVN" -q -B -Dstyle.color=never package -DskipTests) >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "build failed (full output: $log)"
    fi
    touch "$HERE/target/.built"
}

# When started by root, run the JVM as an unprivileged user (Elasticsearch refuses root in its own
# bootstrap). Sets RUN_AS to a command prefix; empty means the current user.
choose_user() {
    RUN_AS=()
    [ "$(id -u)" -eq 0 ] || return 0
    local user="$RUN_USER"
    if ! id "$user" >/dev/null 2>&1; then
        if ! useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user" >/dev/null 2>&1; then
            say "warning: could not create user $user; trying nobody"
            user=nobody
        fi
    fi
    if ! id "$user" >/dev/null 2>&1; then
        say "warning: no unprivileged user available; running the node as root"
        return 0
    fi
    if command -v setpriv >/dev/null 2>&1; then
        RUN_AS=(setpriv "--reuid=$user" "--regid=$(id -g "$user")" --init-groups --)
    elif command -v runuser >/dev/null 2>&1; then
        RUN_AS=(runuser -u "$user" --)
    else
        say "warning: neither setpriv nor runuser found; running the node as root"
        return 0
    fi
    chown -R "$user:$(id -g "$user")" "$STATE_DIR"
    # The user must be able to read the classes and jars and to write the state directory, which a
    # private parent directory (a home, pytest's tmp_path) can prevent.
    if ! "${RUN_AS[@]}" test -r "$HERE/target/lib" -a -x "$HERE/target/lib" -a -r "$HERE/target/classes" 2>/dev/null; then
        say "warning: user $user cannot read $HERE/target; running the node as root"
        RUN_AS=()
        return 0
    fi
    if ! "${RUN_AS[@]}" test -w "$STATE_DIR" -a -x "$STATE_DIR" 2>/dev/null; then
        say "warning: user $user cannot reach $STATE_DIR; running the node as root"
        RUN_AS=()
        return 0
    fi
    RUN_USER_EFFECTIVE="$user"
}

tail_log() {
    if [ -f "$LOG_FILE" ]; then
        say "last lines of $LOG_FILE:" >&2
        tail -n 40 "$LOG_FILE" >&2
    fi
}

start() {
    local pid
    if pid="$(running_pid)"; then
        say "already running (pid $pid) at $URL; nothing to do"
        return 0
    fi
    if http_ok "$URL/"; then
        die "something else already answers at $URL (set SEARCH_NODE_PORT to use another port)"
    fi
    if needs_build; then build; fi

    mkdir -p "$STATE_DIR"
    if [ "${SEARCH_NODE_KEEP_DATA:-0}" != 1 ]; then rm -rf "$NODE_HOME"; fi
    mkdir -p "$NODE_HOME/tmp"
    : >"$LOG_FILE"
    rm -f "$PID_FILE"

    RUN_USER_EFFECTIVE=""
    choose_user

    local java_opts=(
        -Xms512m -Xmx1g
        -XX:+UseG1GC
        -XX:-OmitStackTraceInFastThrow
        -Dfile.encoding=UTF-8
        # As the official 8.19 image (bundled JDK 24): ES's ISO calendar provider, then CLDR.
        -Djava.locale.providers=SPI,CLDR
        "-Djava.io.tmpdir=$NODE_HOME/tmp"
        -Dio.netty.noUnsafe=true
        -Dio.netty.noKeySetOptimization=true
        -Dio.netty.recycler.maxCapacityPerThread=0
        -Dlog4j.shutdownHookEnabled=false
        -Dlog4j2.disable.jmx=true
        -Dlog4j2.formatMsgNoLookups=true
        -Djna.nosys=true
    )
    # shellcheck disable=SC2206
    local extra_opts=(${SEARCH_NODE_JAVA_OPTS:-})

    say "starting on $URL (transport $TRANSPORT_PORT${RUN_USER_EFFECTIVE:+, user $RUN_USER_EFFECTIVE}); log: $LOG_FILE"
    local started_at=$SECONDS
    # setsid: the node must not die with the shell (or CI step) that started it.
    setsid ${RUN_AS[@]+"${RUN_AS[@]}"} "$JAVA" "${java_opts[@]}" ${extra_opts[@]+"${extra_opts[@]}"} \
        -cp "$HERE/target/classes:$HERE/target/lib/*" "$MAIN_CLASS" \
        "home=$NODE_HOME" "pidfile=$PID_FILE" "http.port=$PORT" "transport.port=$TRANSPORT_PORT" \
        "node.name=search-node-$PORT" \
        </dev/null >>"$LOG_FILE" 2>&1 &
    local launcher=$!

    while :; do
        if http_ok "$URL/_cluster/health?wait_for_status=yellow&timeout=1s"; then
            pid="$(running_pid || echo "$launcher")"
            say "up in $((SECONDS - started_at)) s (pid $pid)"
            return 0
        fi
        if ! kill -0 "$launcher" 2>/dev/null && ! running_pid >/dev/null; then
            tail_log
            rm -f "$PID_FILE"
            die "the node exited during start"
        fi
        if [ $((SECONDS - started_at)) -ge "$START_TIMEOUT" ]; then
            tail_log
            stop >/dev/null 2>&1 || true
            kill -KILL "$launcher" 2>/dev/null || true
            die "not healthy after ${START_TIMEOUT}s; stopped it"
        fi
        sleep 0.5
    done
}

stop() {
    local pid
    if ! pid="$(running_pid)"; then
        say "not running"
        return 0
    fi
    say "stopping (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$waited" -ge $((STOP_TIMEOUT * 2)) ]; then
            say "still running after ${STOP_TIMEOUT}s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    rm -f "$PID_FILE"
    say "stopped"
}

status() {
    local pid
    if pid="$(running_pid)"; then
        if http_ok "$URL/_cluster/health?timeout=1s"; then
            say "running (pid $pid) at $URL"
        else
            say "running (pid $pid) but not answering at $URL"
        fi
        return 0
    fi
    say "not running"
    return 3
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    restart) stop && start ;;
    *)
        echo "usage: $0 start|stop|status|restart" >&2
        exit 2
        ;;
esac
