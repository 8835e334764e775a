"""What the index tells the rest of search: its documents changed, the outbox was drained.

The index imports nothing of syndication or of the tasks; they learn of its changes here.
Receivers are connected in ``search.signal_handlers.register_signal_handlers``.
"""

from django.dispatch import Signal

index_changed = Signal()
"""Documents in the index were written or deleted: whatever was rendered from it is stale.

Sent at once by ``sync_pages`` and ``rebuild_indices`` (sender ``ArticleDocument``) with
``page_ids``: a frozenset of the stories whose documents were written or deleted, or
``None`` after every index was rebuilt.
"""

outbox_drained = Signal()
"""Changes from the outbox are in the index, and the outbox rows saying so are committed.

Sent by ``drain`` once its transaction commits (sender ``IndexChange``) with ``page_ids``:
a frozenset of the stories synced (those that failed are left out). Editors' changes
reach the index this way only; repairs and rebuilds do not send it.
"""
