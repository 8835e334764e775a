#!/usr/bin/env bash
# A local Elasticsearch 8.19.21 node, or a cluster of them, for development, tests and CI.
#
#   deploy/search-node/search-node.sh start         build if needed, start in the background, wait until healthy
#   deploy/search-node/search-node.sh stop          SIGTERM, then SIGKILL after a timeout
#   deploy/search-node/search-node.sh status        exit 0 if every node runs, 3 if not
#   deploy/search-node/search-node.sh restart
#   deploy/search-node/search-node.sh start-node I  (re)start node I of the cluster, keeping its data; wait until it joined
#   deploy/search-node/search-node.sh stop-node I   stop node I (SIGTERM, then SIGKILL)
#   deploy/search-node/search-node.sh kill-node I   SIGKILL node I: a node that died
#
# With SEARCH_NODE_COUNT=N (default 1) it starts N nodes that form one cluster, numbered
# 0 .. N-1: node I listens on HTTP port SEARCH_NODE_PORT + I and transport port
# SEARCH_NODE_TRANSPORT_PORT + I, and keeps its state in $SEARCH_NODE_DIR/node-I. `start` waits
# until the cluster has N nodes and is green. With N=1 (the default) it is one node with
# `discovery.type: single-node`, its state directly in $SEARCH_NODE_DIR, started when yellow.
#
# Environment:
#   SEARCH_NODE_DIR             state directory: pid, log, throwaway data (default <repo>/var/search-node)
#   SEARCH_NODE_COUNT           number of nodes (default 1); 3 for a cluster like production's
#   SEARCH_NODE_PORT            HTTP port of the first node (default 9200); the transport port is this + 100
#   SEARCH_NODE_TRANSPORT_PORT  transport port of the first node (default SEARCH_NODE_PORT + 100)
#   SEARCH_NODE_CLUSTER_NAME    cluster name (default newsroom-dev)
#   SEARCH_NODE_START_TIMEOUT   seconds to wait for the cluster to be healthy (default 60; 120 for a cluster)
#   SEARCH_NODE_STOP_TIMEOUT    seconds to wait after SIGTERM before SIGKILL (default 30)
#   SEARCH_NODE_KEEP_DATA=1     keep the data of the previous run (by default `start` wipes it)
#   SEARCH_NODE_USER            user to run as when started by root (default searchnode, created if missing)
#   SEARCH_NODE_JAVA_OPTS       extra JVM options (after ours: -Xmx here overrides the default heap)
#   JAVA_HOME / MVN             which java and which mvn to use
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STATE_DIR="${SEARCH_NODE_DIR:-$REPO/var/search-node}"
COUNT="${SEARCH_NODE_COUNT:-1}"
PORT="${SEARCH_NODE_PORT:-9200}"
TRANSPORT_PORT="${SEARCH_NODE_TRANSPORT_PORT:-$((PORT + 100))}"
CLUSTER_NAME="${SEARCH_NODE_CLUSTER_NAME:-newsroom-dev}"
STOP_TIMEOUT="${SEARCH_NODE_STOP_TIMEOUT:-30}"
RUN_USER="${SEARCH_NODE_USER:-searchnode}"
MVN="${MVN:-mvn}"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
MAIN_CLASS=org.elasticsearch.node.NewsroomSearchNode

say() { printf 'search-node: %s\n' "$*"; }
die() { printf 'search-node: %s\n' "$*" >&2; exit 1; }

case "$STATE_DIR" in "" | "/") die "refusing [$STATE_DIR] as the state directory" ;; esac
case "$COUNT" in '' | *[!0-9]* | 0) die "SEARCH_NODE_COUNT must be a positive number, not [$COUNT]" ;; esac
if [ "$COUNT" -eq 1 ]; then
    START_TIMEOUT="${SEARCH_NODE_START_TIMEOUT:-60}"
    # One node: today's heap, and its state directly in the state directory.
    HEAP=(-Xms512m -Xmx1g)
else
    # Three JVMs starting at once share two cores: they need longer, and less heap each.
    START_TIMEOUT="${SEARCH_NODE_START_TIMEOUT:-120}"
    HEAP=(-Xms256m -Xmx512m)
fi

# Where node I keeps its pid, log and data, its ports and its name.
node_dir() { if [ "$COUNT" -eq 1 ]; then echo "$STATE_DIR"; else echo "$STATE_DIR/node-$1"; fi; }
pid_file() { echo "$(node_dir "$1")/search-node.pid"; }
log_file() { echo "$(node_dir "$1")/search-node.log"; }
node_home() { echo "$(node_dir "$1")/home"; } # data and config: wiped by `start` unless SEARCH_NODE_KEEP_DATA=1
http_port() { echo $((PORT + $1)); }
node_url() { echo "http://127.0.0.1:$((PORT + $1))"; }
node_name() { echo "search-node-$((PORT + $1))"; }

nodes() { seq 0 $((COUNT - 1)); }

check_index() { # a node index given on the command line
    case "${1:-}" in '' | *[!0-9]*) die "name a node by its index, 0 to $((COUNT - 1))" ;; esac
    [ "$1" -lt "$COUNT" ] || die "no node $1: SEARCH_NODE_COUNT is $COUNT (nodes 0 to $((COUNT - 1)))"
}

http_ok() { # GET a URL; succeed on a 2xx answer
    if command -v curl >/dev/null 2>&1; then
        curl -sf -o /dev/null --max-time 5 "$1"
    else
        python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$1" >/dev/null 2>&1
    fi
}

http_get() { # print the body of a 2xx answer
    if command -v curl >/dev/null 2>&1; then
        curl -sf --max-time 5 "$1"
    else
        python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$1" 2>/dev/null
    fi
}

alive() { # whether a pid runs (a zombie, which nobody may have reaped yet, does not)
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    [ "${stat%% *}" != Z ]
}

running_pid() { # print the pid of node I if it runs; remove a stale pid file
    local pid file
    file="$(pid_file "$1")"
    [ -f "$file" ] || return 1
    pid="$(tr -dc '0-9' <"$file")"
    if [ -n "$pid" ] && alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS"; then
        echo "$pid"
        return 0
    fi
    rm -f "$file"
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
    RUN_USER_EFFECTIVE=""
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
    local log
    log="$(log_file "$1")"
    if [ -f "$log" ]; then
        say "last lines of $log:" >&2
        tail -n 40 "$log" >&2
    fi
}

discovery_args() { # a cluster's nodes find each other on their transport ports, by name
    [ "$COUNT" -gt 1 ] || return 0
    local i hosts="" names=""
    for i in $(nodes); do
        hosts+="${hosts:+,}127.0.0.1:$((TRANSPORT_PORT + i))"
        names+="${names:+,}$(node_name "$i")"
    done
    echo "discovery.seed_hosts=$hosts"
    echo "cluster.initial_master_nodes=$names"
}

# Make node I's state directory ready (before choose_user, which hands it to the node's user).
prepare() {
    local i="$1" wipe="$2" home
    home="$(node_home "$i")"
    if http_ok "$(node_url "$i")/"; then
        die "something else already answers at $(node_url "$i") (set SEARCH_NODE_PORT to use other ports)"
    fi
    mkdir -p "$(node_dir "$i")"
    if [ "$wipe" = 1 ] && [ "${SEARCH_NODE_KEEP_DATA:-0}" != 1 ]; then rm -rf "$home"; fi
    mkdir -p "$home/tmp"
    : >"$(log_file "$i")"
    rm -f "$(pid_file "$i")"
}

# Launch node I in the background (no wait). LAUNCHERS[I] holds the pid of what was launched.
declare -A LAUNCHERS=()
launch() {
    local i="$1" home log
    home="$(node_home "$i")"
    log="$(log_file "$i")"
    local java_opts=(
        "${HEAP[@]}"
        -XX:+UseG1GC
        -XX:-OmitStackTraceInFastThrow
        -Dfile.encoding=UTF-8
        # As the official 8.19 image (bundled JDK 24): ES's ISO calendar provider, then CLDR.
        -Djava.locale.providers=SPI,CLDR
        "-Djava.io.tmpdir=$home/tmp"
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
    local discovery=()
    mapfile -t discovery < <(discovery_args)

    say "starting $(node_name "$i") on $(node_url "$i") (transport $((TRANSPORT_PORT + i))${RUN_USER_EFFECTIVE:+, user $RUN_USER_EFFECTIVE}); log: $log"
    # setsid: the node must not die with the shell (or CI step) that started it.
    setsid ${RUN_AS[@]+"${RUN_AS[@]}"} "$JAVA" "${java_opts[@]}" ${extra_opts[@]+"${extra_opts[@]}"} \
        -cp "$HERE/target/classes:$HERE/target/lib/*" "$MAIN_CLASS" \
        "home=$home" "pidfile=$(pid_file "$i")" "http.port=$(http_port "$i")" \
        "transport.port=$((TRANSPORT_PORT + i))" "node.name=$(node_name "$i")" "cluster.name=$CLUSTER_NAME" \
        ${discovery[@]+"${discovery[@]}"} \
        </dev/null >>"$log" 2>&1 &
    LAUNCHERS[$i]=$!
}

# Wait until HEALTH_PATH answers 2xx from one of the nodes in WAITING; give up if one of them exits.
await() {
    local health_path="$1" started_at="$2" what="$3"
    shift 3
    local i
    while :; do
        for i in "$@"; do
            if http_ok "$(node_url "$i")$health_path"; then
                return 0
            fi
        done
        for i in "$@"; do
            if ! kill -0 "${LAUNCHERS[$i]}" 2>/dev/null && ! running_pid "$i" >/dev/null; then
                tail_log "$i"
                rm -f "$(pid_file "$i")"
                stop_launched "$@"
                die "$(node_name "$i") exited during start"
            fi
        done
        if [ $((SECONDS - started_at)) -ge "$START_TIMEOUT" ]; then
            for i in "$@"; do tail_log "$i"; done
            stop_launched "$@"
            die "not $what after ${START_TIMEOUT}s; stopped what this start launched"
        fi
        sleep 0.5
    done
}

stop_launched() {
    local i
    for i in "$@"; do
        stop_node "$i" >/dev/null 2>&1 || true
        kill -KILL "${LAUNCHERS[$i]}" 2>/dev/null || true
    done
}

start() {
    local i pid missing=()
    for i in $(nodes); do
        if pid="$(running_pid "$i")"; then
            say "$(node_name "$i") already running (pid $pid) at $(node_url "$i")"
        else
            missing+=("$i")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        say "nothing to do"
        return 0
    fi
    if needs_build; then build; fi
    mkdir -p "$STATE_DIR"
    for i in "${missing[@]}"; do prepare "$i" 1; done
    choose_user

    local started_at=$SECONDS
    for i in "${missing[@]}"; do launch "$i"; done
    if [ "$COUNT" -eq 1 ]; then
        await "/_cluster/health?wait_for_status=yellow&timeout=1s" "$started_at" healthy 0
        say "up in $((SECONDS - started_at)) s (pid $(running_pid 0 || echo "${LAUNCHERS[0]}"))"
    else
        await "/_cluster/health?wait_for_nodes=$COUNT&wait_for_status=green&timeout=1s" "$started_at" \
            "a green cluster of $COUNT nodes" "${missing[@]}"
        say "cluster $CLUSTER_NAME of $COUNT nodes green in $((SECONDS - started_at)) s at $(node_url 0) .. $(node_url $((COUNT - 1)))"
    fi
}

# Start node I alone into its running cluster, keeping its data (a restart after a stop or a crash).
start_node() {
    local i="$1" pid
    if pid="$(running_pid "$i")"; then
        say "$(node_name "$i") already running (pid $pid) at $(node_url "$i")"
        return 0
    fi
    if needs_build; then build; fi
    mkdir -p "$STATE_DIR"
    prepare "$i" 0
    choose_user
    local started_at=$SECONDS
    launch "$i"
    # The node answers cluster health once it knows the elected master: it has joined.
    await "/_cluster/health?master_timeout=1s&timeout=1s" "$started_at" "joined" "$i"
    say "$(node_name "$i") joined in $((SECONDS - started_at)) s (pid $(running_pid "$i" || echo "${LAUNCHERS[$i]}"))"
}

# SIGTERM to each given node at once, then wait for them all; SIGKILL after the timeout.
stop_nodes() {
    local i pid pids=() names=()
    for i in "$@"; do
        if pid="$(running_pid "$i")"; then
            pids+=("$pid")
            names+=("$(node_name "$i") (pid $pid)")
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    if [ "${#pids[@]}" -eq 0 ]; then
        say "not running"
        return 0
    fi
    say "stopping ${names[*]}"
    local waited=0
    for pid in "${pids[@]}"; do
        while alive "$pid"; do
            if [ "$waited" -ge $((STOP_TIMEOUT * 2)) ]; then
                say "pid $pid still running after ${STOP_TIMEOUT}s: SIGKILL"
                kill -KILL "$pid" 2>/dev/null || true
                break
            fi
            sleep 0.5
            waited=$((waited + 1))
        done
    done
    for i in "$@"; do rm -f "$(pid_file "$i")"; done
    say "stopped"
}

stop_node() { stop_nodes "$1"; }

stop() {
    # shellcheck disable=SC2046
    stop_nodes $(nodes)
}

kill_node() {
    local i="$1" pid
    if ! pid="$(running_pid "$i")"; then
        say "$(node_name "$i") not running"
        return 0
    fi
    kill -KILL "$pid" 2>/dev/null || true
    local waited=0
    while alive "$pid" && [ "$waited" -lt 200 ]; do
        sleep 0.05
        waited=$((waited + 1))
    done
    rm -f "$(pid_file "$i")"
    say "killed $(node_name "$i") (pid $pid)"
}

status() {
    local i pid down=0
    for i in $(nodes); do
        local name
        name="$(if [ "$COUNT" -eq 1 ]; then echo ""; else echo "$(node_name "$i") "; fi)"
        if pid="$(running_pid "$i")"; then
            if http_ok "$(node_url "$i")/_cluster/health?timeout=1s"; then
                say "${name}running (pid $pid) at $(node_url "$i")"
            else
                say "${name}running (pid $pid) but not answering at $(node_url "$i")"
            fi
        else
            say "${name}not running"
            down=$((down + 1))
        fi
    done
    if [ "$COUNT" -gt 1 ]; then
        for i in $(nodes); do
            local health
            if health="$(http_get "$(node_url "$i")/_cluster/health?timeout=1s")"; then
                say "cluster: $health"
                break
            fi
        done
    fi
    [ "$down" -eq 0 ] || return 3
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    restart) stop && start ;;
    start-node) check_index "${2:-}" && start_node "$2" ;;
    stop-node) check_index "${2:-}" && stop_node "$2" ;;
    kill-node) check_index "${2:-}" && kill_node "$2" ;;
    *)
        echo "usage: $0 start|stop|status|restart, or start-node|stop-node|kill-node INDEX" >&2
        exit 2
        ;;
esac
