"""Signals of the translation workflow, for other apps (search re-indexes on these)."""

from django.dispatch import Signal

# Sent after a translation's approved text went live on its page: sender=Translation,
# translation=the Translation.
translation_published = Signal()
