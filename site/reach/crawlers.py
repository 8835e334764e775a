"""Whether a user agent is a known bot, by the crawler-user-agents package's maintained list."""

from functools import lru_cache

from crawleruseragents import is_crawler


@lru_cache(maxsize=2048)
def _matches_a_crawler(user_agent: str) -> bool:
    # The list is about 600 patterns: browsers' user agents repeat, so each is matched once
    # per process. The string stays in this process's memory only.
    return is_crawler(user_agent)


def is_bot(user_agent: str) -> bool:
    """A user agent that is empty, absurdly long, or matches a known crawler."""
    if not user_agent or len(user_agent) > 512:
        return True
    return _matches_a_crawler(user_agent)
