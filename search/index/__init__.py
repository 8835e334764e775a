"""The search index: per-language Elasticsearch indices of stories, and keeping them current.

Modules, one job each: ``client`` (the connection and its circuit breaker), ``cluster`` (the
cluster's nodes and health, for operators), ``analysis`` (how each language's text is
analysed), ``mapping`` (index names, aliases, the documents' fields), ``story_urls``,
``facts``, ``story_rows``, ``body_html`` and ``body_cache`` (what documents are built from:
a rebuild reads rows, not pages), ``documents`` (a story's document in one language),
``in_flight`` (how many readers' requests wait on the node at once, and whether it looks
hung), ``indexing`` (sync, rebuild, drift), ``outbox`` (recording and draining changes) and
``signals`` (what the index tells others).

Dependencies point one way: the index imports nothing of ``search.reader``,
``search.syndication`` or ``search.tasks``; they learn of its changes through ``signals``.
Outside code imports from ``search.index``, not from its modules.
"""

from search.index.analysis import LANGUAGE_ANALYSIS, LanguageAnalysis
from search.index.body_html import absolute_urls, partner_body_html
from search.index.client import (
    READ_ERRORS,
    UNAVAILABLE_ERRORS,
    SearchUnavailable,
    node_urls,
    read_failure,
    report_failure,
    reset_circuit,
    search_client,
    search_is_configured,
)
from search.index.cluster import ClusterHealth, cluster_health
from search.index.documents import FEED_IMAGE_SPEC, article_document, story_uid
from search.index.facts import StoryFacts, Term, load_facts
from search.index.indexing import (
    Drift,
    RebuildResult,
    ReindexFailed,
    SyncResult,
    admin_client,
    admin_policy,
    ensure_indices,
    find_drift,
    indexable_page_ids,
    languages_without_index,
    one_line,
    prune_orphan_indices,
    rebuild_indices,
    story_sources,
    sync_pages,
)
from search.index.mapping import (
    ArticleDocument,
    alias_name,
    article_document_class,
    article_index,
    languages,
    versioned_index_name,
)
from search.index.outbox import (
    DrainResult,
    drain,
    drain_all,
    next_due,
    record_changes,
    retry_failed,
)
from search.index.signals import index_changed, outbox_drained
from search.index.story_urls import StoryUrls

__all__ = [
    "FEED_IMAGE_SPEC",
    "LANGUAGE_ANALYSIS",
    "READ_ERRORS",
    "UNAVAILABLE_ERRORS",
    "ArticleDocument",
    "ClusterHealth",
    "DrainResult",
    "Drift",
    "LanguageAnalysis",
    "RebuildResult",
    "ReindexFailed",
    "SearchUnavailable",
    "StoryFacts",
    "StoryUrls",
    "SyncResult",
    "Term",
    "absolute_urls",
    "admin_client",
    "admin_policy",
    "alias_name",
    "article_document",
    "article_document_class",
    "article_index",
    "cluster_health",
    "drain",
    "drain_all",
    "ensure_indices",
    "find_drift",
    "index_changed",
    "indexable_page_ids",
    "languages",
    "languages_without_index",
    "load_facts",
    "next_due",
    "node_urls",
    "one_line",
    "outbox_drained",
    "partner_body_html",
    "prune_orphan_indices",
    "read_failure",
    "rebuild_indices",
    "record_changes",
    "report_failure",
    "reset_circuit",
    "retry_failed",
    "search_client",
    "search_is_configured",
    "story_sources",
    "story_uid",
    "sync_pages",
    "versioned_index_name",
]
