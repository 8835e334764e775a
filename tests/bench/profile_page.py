"""Where a rendered reader page spends its worker's time: the WSGI app called in-process.

As `make bench-site` serves it (production settings on its SQLite demo, a Redis of its own,
Django's page cache off), without gunicorn and HTTP around it, so that what is measured is
the page's own cost. Run from the repository's root, after `make bench-site` built the demo:

    .venv/bin/python -m tests.bench.profile_page [article|section|home|/path/] [--requests N]
        [--profile]

Prints the median milliseconds per request of three timed rounds, and of the process's CPU
(steadier than the clock on a busy machine: Redis and SQLite's waits are not in it); with
``--profile``, the functions that cost most (cumulative and own time) under cProfile.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from statistics import median

from tests.bench.reader_paths import pages
from tests.bench.site_bench import STATE_DIR, bench_environment
from tests.production_server import ROOT, RedisServer, free_port


def environ(path: str) -> dict:
    """A WSGI environ for an anonymous GET of ``path``, as gunicorn hands one to a worker."""
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_ACCEPT": "text/html",
        "HTTP_USER_AGENT": "profile_page",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def request(application, path: str) -> None:
    status = []
    body = application(environ(path), lambda s, headers, exc_info=None: status.append(s))
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    if not status[0].startswith("200"):
        raise RuntimeError(f"{path}: {status[0]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("page", nargs="?", default="article")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--lines", type=int, default=45)
    options = parser.parse_args()
    if not (STATE_DIR / "db.sqlite3").exists():
        sys.exit("Build the demo first: make bench-site")

    redis = RedisServer(free_port(), STATE_DIR)
    redis.start()
    try:
        env = bench_environment(redis)
        path = options.page if options.page.startswith("/") else pages(env)[options.page]
        os.environ.update(env)
        sys.path.insert(0, str(ROOT / "site"))
        from newsroom.wsgi import application

        for _ in range(50):  # warm: templates, site roots, the frame's fragments
            request(application, path)
        rounds, cpu = [], []
        for _ in range(3):
            started, started_cpu = time.perf_counter(), time.process_time()
            for _ in range(options.requests):
                request(application, path)
            rounds.append((time.perf_counter() - started) * 1000 / options.requests)
            cpu.append((time.process_time() - started_cpu) * 1000 / options.requests)
        print(
            f"{options.page} {path}: median {median(rounds):.2f} ms per request, "
            f"{median(cpu):.2f} ms of the worker's CPU "
            f"(rounds {', '.join(f'{r:.2f}' for r in rounds)}; {options.requests} each)"
        )
        if options.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(options.requests):
                request(application, path)
            profiler.disable()
            for order in ("cumulative", "tottime"):
                stats = pstats.Stats(profiler).strip_dirs().sort_stats(order)
                stats.print_stats(options.lines)
    finally:
        redis.stop()


if __name__ == "__main__":
    main()
