"""Reach hears of feed pulls from search's ``feed_pulled`` signal and counts them."""

from reach import buffer
from search.syndication.feeds import feed_pulled

PUBLIC = 0


def count_feed_pull(sender, language, feed, partner_id, items, **kwargs) -> None:
    """One pull of ``feed`` by a partner (or the public), and the stories it delivered."""
    who = partner_id or PUBLIC
    buffer.count(f"f:{language}:{who}:{feed}")
    if items:
        buffer.count(f"i:{language}:{who}:{feed}", items)


def register_signal_handlers() -> None:
    feed_pulled.connect(count_feed_pull, dispatch_uid="reach.count_feed_pull")
