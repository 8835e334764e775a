"""Background tasks of reach, run by the django-tasks worker."""

from django_tasks import task

from reach.folding import fold


@task()
def fold_reach() -> int:
    """Fold the buffer's closed windows into the daily counts."""
    return fold()
