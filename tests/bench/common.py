"""What the benchmarks share: Django set up on the corpus database, timing and percentiles.

A benchmark runs as a module from the repository's root (``python -m tests.bench.x``) and
calls ``bootstrap()`` before it imports anything of the project's.
"""

import os
import statistics
import sys
import time
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CORPUS_SIZE = int(os.environ.get("BENCH_CORPUS_SIZE", "10000"))


def bootstrap() -> None:
    sys.path.insert(0, str(ROOT / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'search.sqlite3'}")
    django.setup()


def prepare(index_prefix: str = "bench") -> str:
    """Migrate the corpus database, point search at the node; return the node's URL."""
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    port = os.environ.get("SEARCH_NODE_PORT", "9200")  # as `make search-node` reads it
    url = os.environ.get("ELASTICSEARCH_URL") or f"http://127.0.0.1:{port}"
    # A real cache, as production has: Wagtail keeps the site root paths in it.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.NEWSROOM_SEARCH = {
        **settings.NEWSROOM_SEARCH,
        "url": url,
        "index_prefix": index_prefix,
    }
    return url


def build_corpus() -> int:
    from tests.bench.corpus import CorpusBuilder

    started = time.perf_counter()
    stories = CorpusBuilder(CORPUS_SIZE).build()
    print(
        f"Corpus: {stories} stories in {len(settings.LANGUAGES)} languages "
        f"(ready in {time.perf_counter() - started:.0f} s)"
    )
    return stories


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, (time.perf_counter() - start) * 1000


def latency_line(name, samples, unit="queries", width=34):
    return (
        f"  {name:<{width}} median {statistics.median(samples):7.1f} ms"
        f"   p95 {percentile(samples, 0.95):7.1f} ms   ({len(samples)} {unit})"
    )
