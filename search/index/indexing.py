"""Writing to the search index: syncing pages, rebuilding behind aliases, finding drift."""

import re
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any, TypeVar, cast

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, ConnectionError, ConnectionTimeout, Elasticsearch
from elasticsearch.exceptions import GeneralAvailabilityWarning
from elasticsearch.helpers import bulk, scan

from content.models import ArticlePage
from search.index.body_cache import forget_rendered_bodies, forget_unused
from search.index.client import SearchUnavailable, cluster_options, node_urls, search_client
from search.index.documents import article_document
from search.index.facts import SharedRows, load_facts
from search.index.mapping import (
    ArticleDocument,
    alias_name,
    article_index,
    languages,
    versioned_index_name,
)
from search.index.signals import index_changed
from search.index.story_rows import story_rows
from search.models import IndexChange

BULK_CHUNK = 500
# How often new indices are refreshed while a rebuild loads them. With none ("-1"), the
# refresh before the swap wrote every segment at once: a rebuild took about a tenth longer.
LOADING_REFRESH = "1s"
# Statuses of a node too busy to answer now, which a later attempt may get past.
TRANSIENT_STATUSES = (429, 502, 503, 504)
# After the swap, searches already routed to an old index get this long to finish.
SWAP_GRACE_SECONDS = 1.0
# Reads as the node names its tasks: searches, counts and gets, and their shards' parts.
READ_ACTIONS = "indices:data/read/*"
# How often the node is asked, during the grace, whether any read still runs.
READS_POLL_SECONDS = 0.02

T = TypeVar("T")


class ReindexFailed(Exception):
    """A rebuild or prune step failed; the message names the step, on one line."""


@dataclass(frozen=True)
class AdminPolicy:
    """How long an administrative request waits, and how often it is tried."""

    timeout: float
    attempts: int
    backoff: float


def admin_policy() -> AdminPolicy:
    """``NEWSROOM_SEARCH``'s admin timeout (``ELASTICSEARCH_ADMIN_TIMEOUT``), retries, back-off."""
    config: dict[str, Any] = settings.NEWSROOM_SEARCH
    return AdminPolicy(
        timeout=float(config.get("admin_timeout", 120)),
        attempts=max(1, int(config.get("admin_retries", 5))),
        backoff=float(config.get("admin_backoff", 1.0)),
    )


@cache
def _admin_client(url: str, timeout: float, ca_certs: str) -> Elasticsearch:
    urls = node_urls(url)
    return Elasticsearch(urls, request_timeout=timeout, **cluster_options(urls, ca_certs))


def admin_client() -> Elasticsearch:
    """A client with the admin timeout, for rebuilds; the readers' circuit does not stop it."""
    url = settings.NEWSROOM_SEARCH.get("url")
    if not url:
        raise SearchUnavailable("ELASTICSEARCH_URL is not set.")
    ca_certs = str(settings.NEWSROOM_SEARCH.get("ca_certs") or "")
    return _admin_client(url, admin_policy().timeout, ca_certs)


def one_line(error: BaseException) -> str:
    """``error`` on one line, its type named, for an operator's command output."""
    text = " ".join(str(error).split()) or type(error).__name__
    return (
        f"{type(error).__name__}: {text[:300]}" if type(error).__name__ not in text else text[:300]
    )


def _is_transient(error: Exception) -> bool:
    if isinstance(error, ConnectionError | ConnectionTimeout):  # ConnectionTimeout is not one
        return True
    return isinstance(error, ApiError) and error.meta.status in TRANSIENT_STATUSES


def with_retries(what: str, call: Callable[[], T], policy: AdminPolicy | None = None) -> T:
    """``call()``, tried again with doubling back-off on transient errors; else ``ReindexFailed``.

    ``what`` names the step in the error, so the one-line message says what failed.
    """
    policy = policy or admin_policy()
    for attempt in range(1, policy.attempts + 1):
        try:
            return call()
        except ReindexFailed:
            raise
        except Exception as error:  # every failure becomes one line naming the step
            if not _is_transient(error):
                raise ReindexFailed(f"{what} failed: {one_line(error)}") from error
            if attempt == policy.attempts:
                raise ReindexFailed(
                    f"{what} failed after {attempt} attempts: {one_line(error)}"
                ) from error
            time.sleep(policy.backoff * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # pragma: no cover


def _published_in(wanted: Iterable[str], page_ids: set[int] | None = None) -> dict[str, set[int]]:
    """Per language, the pages published in it: all of them, or those among ``page_ids``."""
    published = {}
    for language in wanted:
        pages = ArticlePage.objects.published_in(language)
        if page_ids is not None:
            pages = pages.filter(pk__in=page_ids)
        published[language] = set(pages.values_list("pk", flat=True))
    return published


def document_actions(
    page_ids: Iterable[int],
    index_for: Callable[[str], str],
    deletes: bool = True,
    only_language: str | None = None,
    published_in: dict[str, set[int]] | None = None,
    shared: SharedRows | None = None,
) -> Iterator[dict[str, Any]]:
    """Bulk actions that make each language's index hold exactly the published pages.

    A page published in a language is (re)indexed there; in every other language its
    document is deleted, which also covers unpublished, deleted and untranslated pages.
    ``published_in`` says which pages are published in each language, and ``shared`` holds
    what stories share (terms, sections), when the caller asks once for many chunks of
    pages; else both are read for these pages.
    """
    page_ids = set(page_ids)
    wanted = [only_language] if only_language else languages()
    if published_in is None:
        published_in = _published_in(wanted, page_ids)
    shared = shared or SharedRows()
    published = {language: published_in[language] & page_ids for language in wanted}
    rows = story_rows(published)
    facts = load_facts(rows, shared)
    for language in wanted:
        for page_id in sorted(page_ids):
            row = rows[language].get(page_id)
            if row is not None:
                yield {
                    "_op_type": "index",
                    "_index": index_for(language),
                    "_id": str(page_id),
                    "_source": article_document(
                        row, language, shared.section_of(row), shared.urls, facts[page_id]
                    ),
                }
            elif deletes:
                yield {"_op_type": "delete", "_index": index_for(language), "_id": str(page_id)}


@dataclass
class SyncResult:
    """What a bulk write could not do: its errors, and the pages they concern."""

    errors: list[str] = field(default_factory=list)
    failed_page_ids: set[int] = field(default_factory=set)


def _run_bulk(
    actions: Iterable[dict[str, Any]], client: Elasticsearch, policy: AdminPolicy | None = None
) -> SyncResult:
    """Send ``actions``; with a ``policy``, documents a busy node rejects (429) are resent."""
    result = SyncResult()
    _ok, errors = bulk(
        client,
        actions,
        chunk_size=BULK_CHUNK,
        raise_on_error=False,
        max_retries=policy.attempts - 1 if policy else 0,
        initial_backoff=policy.backoff if policy else 2,
    )
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


def sync_pages(page_ids: Iterable[int], client: Elasticsearch | None = None) -> SyncResult:
    """Bring every language's index in line with the database for these pages.

    Writes wait ``write_timeout``, longer than a reader's search: a bulk write to a busy
    cluster may take a few seconds without anything being wrong, and its timeout would count
    against the circuit every reader shares. A hung node still fails it, and counts.
    """
    client = (client or search_client()).options(
        request_timeout=float(settings.NEWSROOM_SEARCH.get("write_timeout") or 10.0)
    )
    page_ids = set(page_ids)
    result = _run_bulk(document_actions(page_ids, alias_name), client)
    index_changed.send(
        sender=ArticleDocument, page_ids=frozenset(page_ids - result.failed_page_ids)
    )
    return result


def ensure_indices() -> list[str]:
    """Create an aliased index for each language that has none; return those created."""
    # Creating an index waits on the cluster: longer than a reader's search may.
    client = admin_client()
    created = []
    version = timezone.now()
    for language in languages():
        if not client.indices.exists_alias(name=alias_name(language)):
            name = versioned_index_name(language, version)
            article_index(name, language).create(using=client)
            client.indices.put_alias(index=name, name=alias_name(language))
            created.append(name)
    return created


def languages_without_index() -> list[str]:
    """The languages whose alias points to no index: a new installation, or a lost one."""
    return sorted(set(languages()) - set(_indices_behind_aliases(admin_client())))


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
    pruned: list[str] = field(default_factory=list)


def rebuild_indices(
    progress: Callable[[int, int], None] | None = None,
    rerender: bool = False,
    before_swap: Callable[[dict[str, str]], None] | None = None,
) -> RebuildResult:
    """Build new versioned indices, fill them with bulk requests, then swap every alias at once.

    Every request uses the admin timeout and is retried on transient errors. The new indices
    are refreshed, their settings restored and their replicas active (green; yellow when the
    cluster has too few nodes for them) before the single ``_aliases`` request moves all
    aliases, so readers never see an empty page; no alias ever points at two indices. The old
    indices are then deleted, and any index of ours no alias points to is pruned. On failure
    the new indices are deleted and ``ReindexFailed`` names the step that failed.

    Bodies rendered before are reused while nothing they read has changed, and those this
    rebuild did not use are forgotten (``body_cache``); ``rerender`` renders every body.
    ``before_swap`` is given the new indices, searchable, by language, before readers are.
    """
    client, policy = admin_client(), admin_policy()
    if rerender:
        forget_rendered_bodies()
    started = timezone.now()
    new = {language: versioned_index_name(language, started) for language in languages()}
    try:
        documents, errors = _load_indices(client, policy, new, progress)
        _make_searchable(client, policy, list(new.values()))
        if before_swap:
            before_swap(new)
        old = with_retries("reading the aliases", lambda: _indices_behind_aliases(client), policy)
        actions = [
            {"remove": {"index": index, "alias": alias_name(language)}}
            for language, indices in old.items()
            for index in indices
        ] + [
            {"add": {"index": name, "alias": alias_name(language)}}
            for language, name in new.items()
        ]
        _swap_aliases(client, policy, new, actions)
    except BaseException:
        _delete_unaliased(client, policy, list(new.values()))
        raise
    removed = [index for indices in old.values() for index in indices]
    if removed:
        _await_reads_routed_before_swap(client)
        with_retries(
            "deleting the old indices (the new ones are live)",
            lambda: client.indices.delete(index=",".join(removed), ignore_unavailable=True),
            policy,
        )
    with_retries(
        "replaying changes made during the rebuild (the new indices are live; "
        "run search_check --repair)",
        lambda: _replay_changes_since(started, client),
        policy,
    )
    with_retries(
        "refreshing the new indices after the replay",
        lambda: client.indices.refresh(index=",".join(new.values())),
        policy,
    )
    pruned = prune_orphan_indices(started_before=started)
    forget_unused(started)  # every body published now was used by this rebuild, or rendered
    index_changed.send(sender=ArticleDocument, page_ids=None)
    return RebuildResult(new, removed, documents, errors, pruned)


def _await_reads_routed_before_swap(client: Elasticsearch) -> None:
    """Let reads that may have found an old index finish: at most ``SWAP_GRACE_SECONDS``.

    The node registers a search (a count, a get) as a task before it resolves the alias, and
    the swap is acknowledged once every node holds the new aliases: from then on, a read that
    found an old index is a running task until it ends. When the node runs no read, nothing
    reads the old indices and they may go at once; a read begun after the swap looks the
    same to the node, so under read load the whole grace is waited, as when the node cannot
    be asked.
    """
    deadline = time.monotonic() + SWAP_GRACE_SECONDS
    while (left := deadline - time.monotonic()) > 0:
        try:
            with warnings.catch_warnings():  # the client calls the tasks API a preview
                warnings.simplefilter("ignore", GeneralAvailabilityWarning)
                running = client.tasks.list(actions=READ_ACTIONS, group_by="none")["tasks"]
        except Exception:  # the grace is the fallback for anything the node cannot say
            time.sleep(left)
            return
        if not running:
            return
        time.sleep(min(READS_POLL_SECONDS, left))


def _create_indices(client: Elasticsearch, policy: AdminPolicy, new: dict[str, str]) -> None:
    def create(language: str) -> None:
        index = article_index(new[language], language)
        # No replicas while loading (readers use the old indices), and refreshes every
        # LOADING_REFRESH: the node writes segments while it waits for the next bulk request,
        # not all of them in the one refresh before the swap.
        # ``_make_searchable`` restores both before the swap.
        index.settings(refresh_interval=LOADING_REFRESH, number_of_replicas=0)

        def attempt() -> None:
            try:
                index.create(using=client)
            except ApiError as error:
                # A creation that timed out may still have happened: that attempt counts.
                if "resource_already_exists_exception" not in str(error):
                    raise

        with_retries(f"creating index {new[language]}", attempt, policy)

    with ThreadPoolExecutor(max_workers=len(new)) as creator:
        list(creator.map(create, new))  # each creation waits on the cluster, not on us


def _load_indices(
    client: Elasticsearch,
    policy: AdminPolicy,
    new: dict[str, str],
    progress: Callable[[int, int], None] | None,
) -> tuple[int, list[str]]:
    """Create the new indices and fill them; return the number of pages and the errors.

    The indices are created on the sending thread while this one reads the database and
    builds the first chunk: creating them waits on the cluster, not on us.
    """

    def send(actions: list[dict[str, Any]]) -> SyncResult:
        # Never into indices that failed to be made: the node would make them unmapped.
        creating.result()
        # Index actions with their ids: sending a chunk again is harmless.
        return with_retries(
            "bulk loading the new indices", lambda: _run_bulk(actions, client, policy), policy
        )

    # Documents are built on this thread (the ORM stays here) while a second thread sends
    # the previous chunk: building and indexing overlap instead of taking turns.
    errors: list[str] = []
    with ThreadPoolExecutor(max_workers=1) as sender:
        creating = sender.submit(_create_indices, client, policy, new)
        page_ids = indexable_page_ids()
        # Who is published where, and what stories share, are read once for the whole rebuild.
        published = _published_in(languages())
        shared = SharedRows()
        sending: Future[SyncResult] | None = None
        for start in range(0, len(page_ids), BULK_CHUNK):
            chunk = page_ids[start : start + BULK_CHUNK]
            actions = list(
                document_actions(
                    chunk, new.__getitem__, deletes=False, published_in=published, shared=shared
                )
            )
            if sending:
                errors.extend(sending.result().errors)
            sending = sender.submit(send, actions)
            if progress:
                progress(min(start + BULK_CHUNK, len(page_ids)), len(page_ids))
        if sending:
            errors.extend(sending.result().errors)
        creating.result()  # with no page to send, its failure is still the rebuild's
    return len(page_ids), errors


def _make_searchable(client: Elasticsearch, policy: AdminPolicy, names: list[str]) -> None:
    """Restore refreshes and replicas, refresh, and wait until every copy that can be is active.

    That is green when the cluster has a data node for each copy of a shard, else yellow
    (one development node with replicas set): swapping the aliases before the replicas are
    active would leave each language on one copy, which one dead node would take away.
    """
    joined = ",".join(names)
    config: dict[str, Any] = settings.NEWSROOM_SEARCH
    replicas = int(config["replicas"])
    with_retries(
        "restoring the new indices' settings",
        lambda: client.indices.put_settings(
            index=joined,
            settings={"index": {"refresh_interval": None, "number_of_replicas": replicas}},
        ),
        policy,
    )
    with_retries("refreshing the new indices", lambda: client.indices.refresh(index=joined), policy)
    wait = max(1, int(policy.timeout))
    data_nodes = with_retries(
        "counting the data nodes", lambda: client.cluster.health()["number_of_data_nodes"], policy
    )
    status = "green" if data_nodes > replicas else "yellow"
    health = with_retries(
        "waiting for the new indices' health",
        lambda: client.options(request_timeout=wait + 10).cluster.health(
            index=joined, wait_for_status=status, timeout=f"{wait}s"
        ),
        policy,
    )
    if health.get("timed_out"):
        raise ReindexFailed(
            f"waiting for the new indices' health failed: still {health.get('status')} "
            f"after {wait}s"
        )


def _swap_aliases(
    client: Elasticsearch, policy: AdminPolicy, new: dict[str, str], actions: list[Any]
) -> None:
    """One ``_aliases`` request; a retry first checks whether a timed-out attempt took effect."""
    tried: list[bool] = []

    def swap() -> None:
        if tried:
            held = client.indices.get_alias(index=",".join(new.values()))
            if all(
                alias_name(lang) in held.get(name, {}).get("aliases", {})
                for lang, name in new.items()
            ):
                return
        tried.append(True)
        client.indices.update_aliases(actions=actions)

    with_retries("swapping the aliases", swap, policy)


def _indices_behind_aliases(client: Elasticsearch) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for language in languages():
        alias = alias_name(language)
        if client.indices.exists_alias(name=alias):
            found[language] = sorted(client.indices.get_alias(name=alias))
    return found


def _replay_changes_since(moment: datetime, client: Elasticsearch) -> None:
    """Changes drained into the old indices while the new ones filled must reach the new ones."""
    changed = IndexChange.objects.filter(created_at__gte=moment).values_list("page_id", flat=True)
    if changed:
        sync_pages(set(changed), client)


def _versioned_pattern() -> re.Pattern[str]:
    """The names ``versioned_index_name`` gives, for this prefix and these languages only."""
    codes = "|".join(re.escape(code) for code in languages())
    prefix = re.escape(str(settings.NEWSROOM_SEARCH["index_prefix"]))
    return re.compile(rf"{prefix}-(?:{codes})-\d{{20}}")


def _unaliased(client: Elasticsearch, pattern: str) -> list[str]:
    """Indices matching ``pattern`` (names or wildcards) that no alias points to."""
    found = client.indices.get_alias(
        index=pattern, expand_wildcards="open,closed", ignore_unavailable=True
    )
    return sorted(name for name, entry in found.items() if not entry.get("aliases"))


def _delete_unaliased(client: Elasticsearch, policy: AdminPolicy, names: list[str]) -> None:
    """After a failure, delete the indices this rebuild made, unless the swap reached them."""

    def delete() -> None:
        orphans = _unaliased(client, ",".join(names))
        if orphans:
            client.indices.delete(index=",".join(orphans), ignore_unavailable=True)

    # The first error is the one to report; a later prune removes what this leaves.
    with suppress(ReindexFailed):
        with_retries("deleting the new indices", delete, policy)


def prune_orphan_indices(started_before: datetime | None = None) -> list[str]:
    """Delete every versioned index of our prefix that no alias points to; return them.

    Only names that ``versioned_index_name`` gives for the configured prefix are considered,
    and an index any alias points to is never deleted. With ``started_before``, only indices
    of rebuilds started earlier: a rebuild that started later may still be filling its own.
    """
    client, policy = admin_client(), admin_policy()
    pattern = _versioned_pattern()
    prefix = settings.NEWSROOM_SEARCH["index_prefix"]
    # The names' versions sort as their times do: compare the 20-digit suffixes.
    limit = f"{started_before:%Y%m%d%H%M%S%f}" if started_before else None

    def prune() -> list[str]:
        orphans = [
            name
            for name in _unaliased(client, f"{prefix}-*")
            if pattern.fullmatch(name) and (limit is None or name[-20:] < limit)
        ]
        if orphans:
            client.indices.delete(index=",".join(orphans), ignore_unavailable=True)
        return orphans

    return with_retries("pruning unaliased indices", prune, policy)


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
