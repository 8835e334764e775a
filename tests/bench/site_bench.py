"""`make bench-site`: readers' pages beside a plain Wagtail 8 site, measured in one sitting.

As the anchor runs (``../shared/bench/anchor-wagtail``): gunicorn with 2 sync workers on
SQLite, on this machine, measured by the anchor's own ``measure.sh``. The newsroom runs its
production settings on the demo, with production's cache (a Redis of the benchmark's own):

- **renders**: article and section pages with Django's page cache off, every request
  rendered, against the anchor's article and index (target: 1.5 times its req/s);
- **cached**: the same pages with the page cache on, as a web machine serves what the front
  cache sends on (target: 1,500 req/s).
"""

import sys
from statistics import median

from tests.bench.anchor import AnchorSitting
from tests.bench.reader_paths import pages
from tests.production_server import (
    ROOT,
    RedisServer,
    free_port,
    gunicorn,
    prepare_database,
    production_environment,
)

STATE_DIR = ROOT / "var" / "bench" / "site"
TARGETS = {"render ratio": 1.5, "cached req/s": 1_500}


def bench_environment(redis: RedisServer) -> dict[str, str]:
    """The production environment the newsroom is measured in: the demo's SQLite, ``redis``."""
    return production_environment(
        f"sqlite:///{STATE_DIR / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(STATE_DIR / "static"),
        DJANGO_MEDIA_ROOT=str(STATE_DIR / "media"),
        REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
    )


def main() -> None:
    if not AnchorSitting.available():
        sys.exit("bench-site needs the anchor (../shared/bench/anchor-wagtail).")
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    redis = RedisServer(free_port(), STATE_DIR)
    redis.start()
    try:
        env = bench_environment(redis)
        prepare_database(env)  # the demo, built once and kept
        paths = pages(env)
        measured = {"article": paths["article"], "index": paths["section"]}
        sitting = AnchorSitting(STATE_DIR / "results.jsonl", "site")
        sitting.measure_anchor()
        with gunicorn({**env, "NEWSROOM_PAGE_CACHE": "false"}, workers=2) as server:
            sitting.measure("newsroom", server.url, measured)
        with gunicorn({**env, "NEWSROOM_PAGE_CACHE": "true"}, workers=2) as server:
            sitting.measure("newsroom-cached", server.url, measured)
    finally:
        redis.stop()
    sitting.compare()
    verdict(sitting.requests_per_second())


def verdict(rps: dict[tuple[str, str], float]) -> None:
    print("\nVerdict")
    for label, page in (("article", "article"), ("index", "section")):
        ratio = rps["newsroom", label] / rps["anchor", label]
        print(
            f"  {page} rendered: {rps['newsroom', label]:,.0f} req/s, the anchor "
            f"{rps['anchor', label]:,.0f}: × {ratio:.2f} (target ≥ {TARGETS['render ratio']})"
        )
    cached = median(rps["newsroom-cached", label] for label in ("article", "index"))
    print(
        f"  cached pages (Django's page cache, median): {cached:,.0f} req/s "
        f"(target ≥ {TARGETS['cached req/s']:,})"
    )


if __name__ == "__main__":
    main()
