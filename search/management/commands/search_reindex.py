"""Rebuild every language's index into new versioned indices, then swap the aliases at once.

Every request waits ``NEWSROOM_SEARCH["admin_timeout"]`` (``ELASTICSEARCH_ADMIN_TIMEOUT``), not
the readers' timeout, and is retried with back-off on transient errors. A failure deletes the
new indices and exits non-zero with one line naming the step. ``--prune`` only deletes the
indices of ours no alias points to, which a successful rebuild also does at its end.
``--if-missing`` rebuilds only when a language has no index: what a release runs, so that a
new installation gets its indices and an upgrade keeps the ones it has. Bodies rendered
before are reused while nothing they read has changed (``search.index.body_cache``);
``--rerender`` renders every body again. The new indices answer readers' searches on every
shard copy before the aliases move to them (``search.warm_up``): no reader meets a cold index.
"""

import logging
import sys
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from search.index import (
    READ_ERRORS,
    ReindexFailed,
    SearchUnavailable,
    languages_without_index,
    one_line,
    prune_orphan_indices,
    rebuild_indices,
)
from search.warm_up import warm_up


def progress_bar(done: int, total: int, width: int = 40) -> None:
    filled = int(width * done / total) if total else width
    sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} pages")
    sys.stdout.flush()


@contextmanager
def quiet_node_pool():
    """The client logs each retried failure; the command reports one line, or success."""
    logger = logging.getLogger("elastic_transport.node_pool")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Only delete the indices of ours that no alias points to; rebuild nothing.",
        )
        parser.add_argument(
            "--rerender",
            action="store_true",
            help="Forget the bodies rendered before, and render every body again.",
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Rebuild only if a language has no index (a new installation); else do nothing.",
        )

    def handle(self, *args, prune=False, if_missing=False, rerender=False, **options):
        show_progress = options["verbosity"] > 0 and sys.stdout.isatty()
        try:
            with quiet_node_pool():
                if prune:
                    self.prune()
                elif if_missing and not languages_without_index():
                    self.stdout.write("Every language has its index: nothing to rebuild.")
                else:
                    self.rebuild(show_progress, rerender)
        except (ReindexFailed, SearchUnavailable) as error:
            raise CommandError(f"search_reindex: {' '.join(str(error).split())}") from error

    def prune(self):
        pruned = prune_orphan_indices()
        for index in pruned:
            self.stdout.write(f"deleted {index}")
        self.stdout.write(self.style.SUCCESS(f"{len(pruned)} unaliased indices removed."))

    def rebuild(self, show_progress, rerender):
        result = rebuild_indices(
            progress=progress_bar if show_progress else None,
            rerender=rerender,
            before_swap=self.warm,
        )
        if show_progress:
            self.stdout.write("")
        for language, index in result.indices.items():
            self.stdout.write(f"{language}: {index}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {result.documents} pages; aliases swapped; "
                f"{len(result.removed)} old indices removed; "
                f"{len(result.pruned)} unaliased indices pruned."
            )
        )
        for message in result.errors:
            self.stderr.write(message)

    def warm(self, indices):
        """Readers' searches on the new indices before readers get them; never fails a rebuild."""
        try:
            report = warm_up(indices)
        except READ_ERRORS as error:
            self.stderr.write(f"search_reindex: the new indices were not warmed: {one_line(error)}")
            return
        self.stdout.write(report.summary())
        for failure in report.failures:
            self.stderr.write(f"search_reindex: not warmed: {failure}")
