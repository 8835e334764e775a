"""Background tasks of search, run by the django-tasks worker (``manage.py db_worker``)."""

from django.utils import timezone
from django_tasks import task

from search.models import IndexChange


@task()
def drain_index_outbox() -> dict:
    """Drain the outbox; if rows must wait for a retry, come back when the first is due."""
    from search.outbox import drain_all

    result = drain_all()
    next_due = (
        IndexChange.objects.pending()
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    backend = drain_index_outbox.get_backend()
    if next_due is not None and backend.supports_defer:
        drain_index_outbox.using(run_after=max(next_due, timezone.now())).enqueue()
    return {"synced": result.synced, "retrying": result.retrying, "failed": result.failed}
