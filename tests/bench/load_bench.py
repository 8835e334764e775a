"""`make bench-load`: the stack `make prod-local` runs, under load, and with its parts failing.

1. **Front cache.** Home, a section, an article, a search and a feed, each for
   ``BENCH_SECONDS`` (60) of wrk (2 threads, 32 connections) at Varnish, and for
   ``BENCH_TLS_SECONDS`` (15) through nginx over TLS, as readers get them. Requests per
   second, p50, p99, failures.
2. **Django's page cache.** Home, section and article from the stack's gunicorn, Varnish
   bypassed: what a web machine serves from Django's cache (Redis) alone.
3. **Renders.** Article and section pages straight from gunicorn (2 sync workers, nothing
   cached), measured by the plain-Wagtail anchor's own script in the same sitting as the
   anchor itself (``../shared/bench/anchor-wagtail``, when it is there), with the ratios.
4. **Faults under load.** Redis stopped in the middle of 20 s of uncached page loads, then
   started again; one of the three search nodes killed in the middle of 20 s of searches,
   then started again. Each must cost no failed request.
5. **Hung search nodes.** Every node frozen while 24 searches arrive at once: the searches'
   times and 5xx, and home, section and article read through Varnish meanwhile (p99).

Needs the stack up (``make prod-local``; ``make bench-load`` starts it) and wrk.
"""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from tests.bench.anchor import AnchorSitting
from tests.bench.reader_paths import pages
from tests.production_server import ROOT, environment_file, gunicorn

STATE = ROOT / os.environ.get("PROD_LOCAL_DIR", "var/prod-local")
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
# nginx with TLS in front of Varnish: what it adds, in a shorter run (BENCH_TLS_SECONDS).
TLS_SECONDS = int(os.environ.get("BENCH_TLS_SECONDS", "15"))
FAULT_SECONDS = 20
LUA = Path(__file__).with_name("wrk_summary.lua")
VARNISH = "http://127.0.0.1:6091"
TARGETS = {"front cache req/s": 10_000, "django cache req/s": 1_500, "render ratio": 1.5}


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    failed: int
    socket_errors: int

    def line(self, name: str) -> str:
        return (
            f"  {name:<34} {self.requests_per_second:>9,.0f} req/s  p50 {self.p50_ms:>7.1f} ms  "
            f"p99 {self.p99_ms:>7.1f} ms  failed {self.failed}  socket errors {self.socket_errors}"
        )


def wrk(url: str, seconds: int, *headers: str, connections: int = 32) -> Load:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
    ]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    summary = json.loads(output.split("SUMMARY ", 1)[1].splitlines()[0])
    return Load(
        requests_per_second=summary["requests"] / summary["seconds"],
        p50_ms=summary["p50_us"] / 1000,
        p99_ms=summary["p99_us"] / 1000,
        failed=summary["failed"],
        socket_errors=summary["socket_errors"],
    )


def stack_environment() -> dict[str, str]:
    env_file = STATE / "env"
    if not env_file.exists():
        sys.exit(f"No stack: {env_file} is missing. Run `make prod-local` first.")
    return environment_file(env_file)


def front_cache(env: dict[str, str], paths: dict[str, str]) -> list[Load]:
    site = env["WAGTAILADMIN_BASE_URL"]
    host = re.sub(r"^https?://", "", site)
    print(
        f"\n1. Front cache, {SECONDS} s of wrk per page at Varnish, {TLS_SECONDS} s through "
        "nginx (2 threads, 32 connections)"
    )
    loads = []
    for name, path in paths.items():
        through_nginx = wrk(site + path, TLS_SECONDS)
        at_varnish = wrk(VARNISH + path, SECONDS, f"Host: {host}", "X-Forwarded-Proto: https")
        print(through_nginx.line(f"{name} (nginx, TLS)"))
        print(at_varnish.line(f"{name} (Varnish)"))
        loads += [through_nginx, at_varnish]
    return loads


def django_cache(env: dict[str, str], paths: dict[str, str]) -> list[Load]:
    """The stack's own gunicorn, Varnish bypassed: pages from Django's page cache."""
    workers = env["GUNICORN_WORKERS"]
    print(f"\n2. Django's page cache alone ({workers} gunicorn workers), {SECONDS} s per page")
    host = re.sub(r"^https?://", "", env["WAGTAILADMIN_BASE_URL"])
    web = "http://" + env["GUNICORN_BIND"]
    loads = []
    for name in ("home", "section", "article"):
        load = wrk(web + paths[name], SECONDS, f"Host: {host}", "X-Forwarded-Proto: https")
        print(load.line(f"{name} (gunicorn)"))
        loads.append(load)
    return loads


def renders(env: dict[str, str], paths: dict[str, str]) -> None:
    print("\n3. Renders: gunicorn alone (2 sync workers), nothing cached")
    if not AnchorSitting.available():
        print("  (no anchor: ratios not measured)")
        return
    sitting = AnchorSitting(STATE / "bench-load.jsonl", "load")
    sitting.measure_anchor()
    # Plain HTTP on the loopback, as the anchor is measured: no redirect to HTTPS, and every
    # request rendered (no page cache).
    direct = {
        **os.environ,
        **env,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "NEWSROOM_PAGE_CACHE": "false",
    }
    with gunicorn(direct, workers=2) as server:
        sitting.measure(
            "newsroom",
            server.url,
            {"article": paths["article"], "index": paths["section"], "feed": paths["feed"]},
        )
    sitting.compare()


def under_fault(name: str, url: str, headers: list[str], fault, repair) -> Load:
    """Wrk for FAULT_SECONDS; ``fault`` a quarter in, ``repair`` three quarters in."""
    found: list[Load] = []
    load = threading.Thread(
        target=lambda: found.append(wrk(url, FAULT_SECONDS, *headers, connections=8))
    )
    load.start()
    time.sleep(FAULT_SECONDS / 4)
    fault()
    time.sleep(FAULT_SECONDS / 2)
    repair()
    load.join()
    print(found[0].line(name))
    return found[0]


def faults(env: dict[str, str], paths: dict[str, str]) -> list[Load]:
    print(f"\n4. Faults under load ({FAULT_SECONDS} s of wrk, 8 connections, straight to gunicorn)")
    # Every request rendered, so that each one needs PostgreSQL, Redis and the search nodes.
    direct = {
        **os.environ,
        **env,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "NEWSROOM_PAGE_CACHE": "false",
    }
    prod_local = str(ROOT / "deploy" / "prod-local.sh")
    redis_pid = int((STATE / "run" / "redis.pid").read_text())
    loads = []
    with gunicorn(direct, workers=3) as server:
        urllib.request.urlopen(server.url + paths["article"], timeout=30).read()
        loads.append(
            under_fault(
                "article, Redis stopped and started",
                server.url + paths["article"],
                [],
                lambda: os.kill(redis_pid, 15),
                lambda: subprocess.run([prod_local, "start-redis"], check=True),
            )
        )
        loads.append(
            under_fault(
                "search, a search node killed",
                server.url + paths["search"],
                [],
                lambda: subprocess.run([prod_local, "search", "kill-node", "2"], check=True),
                lambda: subprocess.run(
                    [prod_local, "search", "start-node", "2"], check=True, capture_output=True
                ),
            )
        )
        # Only the requests in flight when the cluster goes down may fail: 8 at most.
        loads.append(
            under_fault(
                "section, PostgreSQL restarted",
                server.url + paths["section"],
                [],
                lambda: subprocess.run(postgresql_restart(), shell=True, check=True),  # noqa: S602
                lambda: None,
            )
        )
    return loads


def hung_search_burst(env: dict[str, str], paths: dict[str, str]) -> list[Load]:
    """Every search node frozen, 24 searches at once: what readers of pages get meanwhile.

    Pages come through the front cache, as readers get them; the searches, each with words of
    its own, reach gunicorn (3 sync workers) and wait out the read timeout until the circuit
    opens, then fall back to the database.
    """
    print("\n5. Search nodes hung (SIGSTOP), 24 searches at once; pages through Varnish")
    host = re.sub(r"^https?://", "", env["WAGTAILADMIN_BASE_URL"])
    headers = [f"Host: {host}", "X-Forwarded-Proto: https"]
    seconds = 10
    found: dict[str, Load] = {}
    readers = [
        threading.Thread(
            target=lambda name=name: found.__setitem__(
                name, wrk(VARNISH + paths[name], seconds, *headers, connections=4)
            )
        )
        for name in ("home", "section", "article")
    ]
    for reader in readers:
        reader.start()
    time.sleep(2)
    pids = [
        int(pid.read_text()) for pid in sorted((STATE / "search").glob("node-*/search-node.pid"))
    ]
    searched: list[tuple[int, float]] = []

    def search(number: int) -> None:
        request = urllib.request.Request(
            f"{VARNISH}/en/search/?q=burst+{number}+{time.time_ns()}",
            headers=dict(header.split(": ", 1) for header in headers),
        )
        started = time.monotonic()
        try:
            status = urllib.request.urlopen(request, timeout=30).status
        except urllib.error.HTTPError as error:
            status = error.code
        searched.append((status, time.monotonic() - started))

    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        searchers = [threading.Thread(target=search, args=(n,)) for n in range(24)]
        for searcher in searchers:
            searcher.start()
        for searcher in searchers:
            searcher.join()
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)
    for reader in readers:
        reader.join()
    times = sorted(seconds for _status, seconds in searched)
    failed = sum(1 for status, _seconds in searched if status >= 500)
    print(
        f"  {'24 searches (gunicorn)':<34} median {median(times) * 1000:7.0f} ms  "
        f"p99 {times[-1] * 1000:7.0f} ms  5xx {failed}"
    )
    for name, load in found.items():
        print(load.line(f"{name} (Varnish) meanwhile"))
    return list(found.values())


def postgresql_restart() -> str:
    """The operator's command (``NEWSROOM_PG_RESTART``), else Debian's newest cluster."""
    if command := os.environ.get("NEWSROOM_PG_RESTART"):
        return command
    version = sorted(Path("/usr/lib/postgresql").iterdir(), key=lambda p: int(p.name))[-1].name
    return f"pg_ctlcluster {version} main restart"


def main() -> None:
    env = stack_environment()
    paths = pages(env)
    print("Pages:", ", ".join(f"{name} {path}" for name, path in paths.items()))
    cached = front_cache(env, paths)
    from_django = django_cache(env, paths)
    renders(env, paths)
    faulted = faults(env, paths)
    burst = hung_search_burst(env, paths)
    at_varnish = cached[1::2]
    print("\nVerdict")
    print(
        f"  front cache (Varnish) median over pages: "
        f"{median([load.requests_per_second for load in at_varnish]):,.0f} req/s "
        f"(target ≥ {TARGETS['front cache req/s']:,})"
    )
    print(
        f"  Django's page cache, median over pages: "
        f"{median([load.requests_per_second for load in from_django]):,.0f} req/s "
        f"(target ≥ {TARGETS['django cache req/s']:,})"
    )
    failures = sum(
        load.failed + load.socket_errors for load in cached + from_django + faulted + burst
    )
    print(f"  failed requests, all phases: {failures} (target 0)")
    print(
        f"  pages through Varnish while searches met hung nodes, worst p99: "
        f"{max(load.p99_ms for load in burst):,.0f} ms (target ≤ 500)"
    )


if __name__ == "__main__":
    main()
