"""`make bench-search`: our Elasticsearch search against Wagtail's database backend, side by side.

On one corpus of generated stories in nine languages it prints bulk indexing throughput
(a rebuild with no body rendered before, then the median of rebuilds that find the bodies
kept, as a reindex after publishing does), search latency (median and p95, with and
without facets) and, on the judged query set, each backend's top-1 and top-3 hit rates and
mean reciprocal rank (tests/bench/relevance.py).
"""

import os
import random
import statistics

from tests.bench.common import bootstrap, build_corpus, latency_line, prepare, timed

bootstrap()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from search.reader import (  # noqa: E402
    SearchRequest,
    database_search,
    elasticsearch_search,
)
from tests.bench.corpus import judged_queries, vocabulary  # noqa: E402
from tests.bench.relevance import report  # noqa: E402

REBUILD_RUNS = 3
QUERIES_PER_LANGUAGE = int(os.environ.get("BENCH_QUERIES_PER_LANGUAGE", "25"))


def varied_queries():
    rng = random.Random(7)
    queries = []
    for code, _name in settings.LANGUAGES:
        words = vocabulary(code)
        for _ in range(QUERIES_PER_LANGUAGE):
            queries.append((code, " ".join(rng.sample(words, rng.randint(1, 3)))))
    return queries


def main():
    prepare()
    stories = build_corpus()

    from search.index import rebuild_indices
    from search.models import RenderedBody

    RenderedBody.objects.all().delete()
    cold, elapsed_cold = timed(rebuild_indices)
    runs = [timed(rebuild_indices) for _ in range(REBUILD_RUNS)]
    result = runs[0][0]
    elapsed = statistics.median(ms for _result, ms in runs)
    rate = result.documents / (elapsed / 1000)
    print(f"\nBulk indexing (one rebuild rendering every body, then the median of {REBUILD_RUNS})")
    print(
        f"  search_reindex, bodies rendered    {cold.documents / (elapsed_cold / 1000):7.0f}",
        end="",
    )
    print(f" documents/s  ({cold.documents} in {elapsed_cold / 1000:.1f} s)")
    print(f"  search_reindex, bodies kept        {rate:7.0f} documents/s", end="")
    print(f"  ({result.documents} in {elapsed / 1000:.1f} s)")
    _none, elapsed_db = timed(call_command, "update_index", verbosity=0)
    rate_db = stories / (elapsed_db / 1000)
    print(f"  Wagtail database backend           {rate_db:7.0f} documents/s", end="")
    print(f"  ({stories} in {elapsed_db / 1000:.1f} s)")

    queries = varied_queries()

    def latencies(search, **options):
        return [
            timed(search, SearchRequest(language=language, query=query, **options))[1]
            for language, query in queries
        ]

    for search in (elasticsearch_search, database_search):
        search(SearchRequest(language="vi", query="warm up"))
    print(f"\nSearch latency ({len(queries)} varied queries over nine languages)")
    es_facets = latencies(elasticsearch_search)
    es_plain = latencies(elasticsearch_search, facets=False)
    db_plain = latencies(database_search)
    print(latency_line("Elasticsearch, with facets", es_facets))
    print(latency_line("Elasticsearch, without facets", es_plain))
    print(latency_line("Wagtail database, without facets", db_plain))
    print("  Wagtail database, with facets      (the database backend cannot count facets)")
    ratio = statistics.median(db_plain) / statistics.median(es_plain)
    print(f"  median ratio database / Elasticsearch (no facets): {ratio:.1f}x")

    judged = judged_queries()
    print(f"\nRelevance on {len(judged)} judged queries (make bench-relevance runs only this)")
    report(judged)


if __name__ == "__main__":
    main()
