"""Rebuild every language's index into new versioned indices, then swap the aliases at once."""

import sys

from django.core.management.base import BaseCommand, CommandError

from search.index import SearchUnavailable, rebuild_indices


def progress_bar(done: int, total: int, width: int = 40) -> None:
    filled = int(width * done / total) if total else width
    sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} pages")
    sys.stdout.flush()


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        show_progress = options["verbosity"] > 0 and sys.stdout.isatty()
        try:
            result = rebuild_indices(progress=progress_bar if show_progress else None)
        except SearchUnavailable as error:
            raise CommandError(str(error)) from error
        if show_progress:
            self.stdout.write("")
        for language, index in result.indices.items():
            self.stdout.write(f"{language}: {index}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {result.documents} pages; aliases swapped; "
                f"{len(result.removed)} old indices removed."
            )
        )
        for message in result.errors:
            self.stderr.write(message)
