"""Writing to the search index: syncing pages, rebuilding behind aliases, finding drift."""

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.utils import timezone
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk, scan
from modeltranslation.utils import build_localized_fieldname

from content.models import ArticlePage, SectionPage
from search.index.client import search_client
from search.index.documents import article_document
from search.index.facts import load_facts
from search.index.mapping import (
    ArticleDocument,
    alias_name,
    article_index,
    languages,
    versioned_index_name,
)
from search.index.signals import index_changed
from search.index.story_urls import StoryUrls
from search.models import IndexChange

BULK_CHUNK = 500
ADMIN_TIMEOUT = 30


def _pages_for_documents(page_ids: Iterable[int]) -> Any:
    # Bodies are read raw by ``load_facts``: parsing nine StreamFields per page is costly.
    bodies = [build_localized_fieldname("body", code) for code in languages()]
    return (
        ArticlePage.objects.filter(pk__in=list(page_ids))
        .select_related("lead_unit", "hero_image")
        .defer("body", *bodies)
    )


def _section_of(page: ArticlePage, sections: list[SectionPage]) -> SectionPage | None:
    return next((s for s in sections if page.path.startswith(s.path)), None)


def document_actions(
    page_ids: Iterable[int],
    index_for: Callable[[str], str],
    deletes: bool = True,
    only_language: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Bulk actions that make each language's index hold exactly the published pages.

    A page published in a language is (re)indexed there; in every other language its
    document is deleted, which also covers unpublished, deleted and untranslated pages.
    """
    page_ids = set(page_ids)
    wanted = [only_language] if only_language else languages()
    published = {
        language: set(
            ArticlePage.objects.filter(pk__in=page_ids)
            .published_in(language)
            .values_list("pk", flat=True)
        )
        for language in wanted
    }
    pages = {page.pk: page for page in _pages_for_documents(page_ids)}
    urls = StoryUrls()
    facts = load_facts(list(pages.values()), published, urls)
    sections = list(SectionPage.objects.all())
    for language in wanted:
        for page_id in sorted(page_ids):
            if page_id in published[language]:
                page = pages[page_id]
                yield {
                    "_op_type": "index",
                    "_index": index_for(language),
                    "_id": str(page_id),
                    "_source": article_document(
                        page, language, _section_of(page, sections), urls, facts[page_id]
                    ),
                }
            elif deletes:
                yield {"_op_type": "delete", "_index": index_for(language), "_id": str(page_id)}


@dataclass
class SyncResult:
    """What a bulk write could not do: its errors, and the pages they concern."""

    errors: list[str] = field(default_factory=list)
    failed_page_ids: set[int] = field(default_factory=set)


def _run_bulk(actions: Iterable[dict[str, Any]], client: Elasticsearch) -> SyncResult:
    result = SyncResult()
    _ok, errors = bulk(client, actions, chunk_size=BULK_CHUNK, raise_on_error=False)
    for error in cast(list[dict[str, Any]], errors):  # a list, since errors are not raised
        ((op, detail),) = error.items()
        if op == "delete" and detail.get("status") == 404:
            continue  # already absent: that is what was wanted
        result.errors.append(f"{op} {detail.get('_id')}: {detail.get('error')}")
        result.failed_page_ids.add(int(detail.get("_id")))
    return result


def story_sources(page_ids: Iterable[int], language: str) -> dict[int, dict[str, Any]]:
    """The documents these pages would have in ``language``'s index, built from the database."""
    actions = document_actions(page_ids, alias_name, deletes=False, only_language=language)
    return {int(action["_id"]): action["_source"] for action in actions}


def sync_pages(page_ids: Iterable[int]) -> SyncResult:
    """Bring every language's index in line with the database for these pages."""
    client = search_client()
    page_ids = set(page_ids)
    result = _run_bulk(document_actions(page_ids, alias_name), client)
    index_changed.send(
        sender=ArticleDocument, page_ids=frozenset(page_ids - result.failed_page_ids)
    )
    return result


def ensure_indices() -> list[str]:
    """Create an aliased index for each language that has none; return those created."""
    # Creating an index waits on the cluster: longer than a reader's search may.
    client = search_client().options(request_timeout=ADMIN_TIMEOUT)
    created = []
    version = timezone.now()
    for language in languages():
        if not client.indices.exists_alias(name=alias_name(language)):
            name = versioned_index_name(language, version)
            article_index(name, language).create(using=client)
            client.indices.put_alias(index=name, name=alias_name(language))
            created.append(name)
    return created


def indexable_page_ids() -> list[int]:
    """Pages published in at least one language."""
    return list(ArticlePage.objects.live().public().values_list("pk", flat=True))


@dataclass
class RebuildResult:
    """The new index of each language, the old ones removed, and what was indexed."""

    indices: dict[str, str]
    removed: list[str]
    documents: int
    errors: list[str]


def rebuild_indices(progress: Callable[[int, int], None] | None = None) -> RebuildResult:
    """Build new versioned indices, fill them with bulk requests, then swap every alias at once.

    Readers keep querying the old indices until the single ``_aliases`` request moves all
    aliases; no alias ever points at two indices. The old indices are then deleted.
    """
    client = search_client()
    started = timezone.now()
    new = {language: versioned_index_name(language, started) for language in languages()}

    def create(language: str) -> None:
        index = article_index(new[language], language)
        index.settings(refresh_interval="-1")  # no refreshes while loading: readers use the old
        index.create(using=client)

    with ThreadPoolExecutor(max_workers=len(new)) as creator:
        list(creator.map(create, new))  # each creation waits on the cluster, not on us

    page_ids = indexable_page_ids()
    # Documents are built on this thread (the ORM stays here) while a second thread sends
    # the previous chunk: building and indexing overlap instead of taking turns.
    errors: list[str] = []
    with ThreadPoolExecutor(max_workers=1) as sender:
        sending: Future[SyncResult] | None = None
        for start in range(0, len(page_ids), BULK_CHUNK):
            chunk = page_ids[start : start + BULK_CHUNK]
            actions = list(document_actions(chunk, new.__getitem__, deletes=False))
            if sending:
                errors.extend(sending.result().errors)
            sending = sender.submit(_run_bulk, actions, client)
            if progress:
                progress(min(start + BULK_CHUNK, len(page_ids)), len(page_ids))
        if sending:
            errors.extend(sending.result().errors)
    client.indices.put_settings(
        index=",".join(new.values()), settings={"index": {"refresh_interval": None}}
    )

    old = _indices_behind_aliases(client)
    actions = [
        {"remove": {"index": index, "alias": alias_name(language)}}
        for language, indices in old.items()
        for index in indices
    ] + [{"add": {"index": name, "alias": alias_name(language)}} for language, name in new.items()]
    client.indices.update_aliases(actions=actions)
    removed = [index for indices in old.values() for index in indices]
    if removed:
        client.indices.delete(index=",".join(removed), ignore_unavailable=True)
    _replay_changes_since(started)
    client.indices.refresh(index=",".join(new.values()))
    index_changed.send(sender=ArticleDocument, page_ids=None)
    return RebuildResult(new, removed, len(page_ids), errors)


def _indices_behind_aliases(client: Elasticsearch) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for language in languages():
        alias = alias_name(language)
        if client.indices.exists_alias(name=alias):
            found[language] = sorted(client.indices.get_alias(name=alias))
    return found


def _replay_changes_since(moment: datetime) -> None:
    """Changes drained into the old indices while the new ones filled must reach the new ones."""
    changed = IndexChange.objects.filter(created_at__gte=moment).values_list("page_id", flat=True)
    if changed:
        sync_pages(set(changed))


@dataclass
class Drift:
    """Per language: pages the index lacks, documents it should not have, outdated ones."""

    missing: dict[str, set[int]] = field(default_factory=dict)
    extra: dict[str, set[int]] = field(default_factory=dict)
    stale: dict[str, set[int]] = field(default_factory=dict)

    def page_ids(self) -> set[int]:
        return set().union(*self.missing.values(), *self.extra.values(), *self.stale.values())

    def is_clean(self) -> bool:
        return not self.page_ids()


def find_drift() -> Drift:
    """Compare each language's index with the stories published in that language."""
    client = search_client()
    drift = Drift()
    for language in languages():
        client.indices.refresh(index=alias_name(language))  # count writes not yet searchable
        expected = dict(
            ArticlePage.objects.published_in(language).values_list("pk", "live_revision_id")
        )
        indexed = {
            int(hit["_source"]["page_id"]): hit["_source"].get("revision_id") or None
            for hit in scan(
                client,
                index=alias_name(language),
                query={"query": {"match_all": {}}},
                _source=["page_id", "revision_id"],
            )
        }
        drift.missing[language] = set(expected) - set(indexed)
        drift.extra[language] = set(indexed) - set(expected)
        drift.stale[language] = {
            pk
            for pk in set(expected) & set(indexed)
            if str(expected[pk] or "") != (indexed[pk] or "")
        }
    return drift
