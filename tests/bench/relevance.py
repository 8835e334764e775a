"""`make bench-relevance`: the judged queries, on Elasticsearch and on the database fallback.

Each judged query names the story a reader wants (tests/search/judged/). Search and
autocomplete queries are scored by the rank of that story (top-1, top-3, mean reciprocal
rank); "did you mean" queries by whether the correction offered is the one expected, which
for an official document number is none at all.
"""

import os
import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from tests.bench.common import bootstrap

bootstrap()

from content.models import ArticlePage  # noqa: E402
from search.reader import SearchRequest, database_search, elasticsearch_search  # noqa: E402
from search.reader.suggestions import (  # noqa: E402
    database_title_suggestions,
    elasticsearch_title_suggestions,
)
from tests.bench.corpus import expected_page_id, judged_queries  # noqa: E402

AUTOCOMPLETE = "autocomplete"
DID_YOU_MEAN = "did-you-mean"


@dataclass(frozen=True)
class Backend:
    name: str
    search: Callable
    suggest_titles: Callable
    corrects: bool  # whether it offers "did you mean"


BACKENDS = (
    Backend("Elasticsearch", elasticsearch_search, elasticsearch_title_suggestions, True),
    Backend("Database fallback", database_search, database_title_suggestions, False),
)


def rank_of(page_ids: list[int], wanted: int) -> int | None:
    return page_ids.index(wanted) + 1 if wanted in page_ids else None


def judge(backend: Backend, query: dict) -> int | None:
    """The expected story's rank (1 = first); for "did you mean", 1 when the offer is right."""
    language, text = query["language"], query["query"]
    if query["kind"] == AUTOCOMPLETE:
        titles = backend.suggest_titles(language, text)
        return rank_of([s.page_id for s in titles], expected_page_id(query["expected"]))
    result = backend.search(SearchRequest(language=language, query=text))
    if query["kind"] == DID_YOU_MEAN:
        return 1 if result.suggestion.lower() == query["suggestion"].lower() else None
    return rank_of([hit.page_id for hit in result.hits], expected_page_id(query["expected"]))


@dataclass
class Scores:
    ranks: list[int | None]

    @property
    def top1(self) -> float:
        return sum(1 for r in self.ranks if r == 1) / len(self.ranks)

    @property
    def top3(self) -> float:
        return sum(1 for r in self.ranks if r and r <= 3) / len(self.ranks)

    @property
    def mrr(self) -> float:
        return statistics.fmean(1 / r if r else 0 for r in self.ranks)

    def line(self) -> str:
        return (
            f"top-1 {self.top1:.2f}   top-3 {self.top3:.2f}   MRR {self.mrr:.2f}"
            f"   ({len(self.ranks)} queries)"
        )


def report(queries: list[dict] | None = None) -> dict[str, Scores]:
    """Print each backend's scores overall and by kind of query, and its misses."""
    queries = queries or judged_queries()
    overall = {}
    for backend in BACKENDS:
        judged = [
            (query, judge(backend, query))
            for query in queries
            if backend.corrects or query["kind"] != DID_YOU_MEAN
        ]
        overall[backend.name] = scores = Scores([rank for _query, rank in judged])
        print(f"\n{backend.name}: {scores.line()}")
        by_kind = defaultdict(list)
        for query, rank in judged:
            by_kind[query["kind"]].append(rank)
        for kind, ranks in sorted(by_kind.items()):
            print(f"    {kind:<18} {Scores(ranks).line()}")
        for query, rank in judged:
            if rank != 1:
                where = f"rank {rank}" if rank else "not found"
                language, kind = query["language"], query["kind"]
                print(f"      miss [{language}] {kind:<16} {where:<9} {query['query']}")
    return overall


def main() -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    from search.index import rebuild_indices, search_client
    from search.index.mapping import alias_name
    from search.reader.fallback import FALLBACK_BACKEND
    from tests.bench.common import build_corpus, prepare

    prepare()
    before = ArticlePage.objects.count()
    stories = build_corpus()
    unindexed = not search_client().indices.exists_alias(name=alias_name("vi"))
    rebuild = stories != before or bool(os.environ.get("BENCH_REBUILD"))
    if unindexed or rebuild:
        rebuild_indices()
    # The corpus is written in bulk, past the signals that keep the fallback's index current
    # in production: without this the database backend would be judged on an empty index.
    stories_indexed = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ArticlePage)
    ).count()
    if rebuild or stories_indexed < stories:
        call_command("update_index", backend_name=FALLBACK_BACKEND, verbosity=0)
    print(f"Relevance on {len(judged_queries())} judged queries")
    report()


if __name__ == "__main__":
    main()
