"""Readers' searches, counted per language and day, and those that found nothing, as text.

The search page is served from the front cache too, so it counts itself through the beacon,
like a story. What it sends is signed by the server (``search_signature``): the normalised
query and whether it found anything, so that nobody can write into the ministry's list of
search gaps by hand. A query that looks like it holds something personal (an address, a
telephone or document number) is counted as a search, never kept as text.
"""

import hashlib
import hmac
import re
import unicodedata

from django.conf import settings

MAX_QUERY_LENGTH = 100
PERSONAL = re.compile(r"@|\d[\d\s.-]{5,}\d|https?:|www\.", re.IGNORECASE)
PUNCTUATION_AT_ENDS = re.compile(r"^[\W_]+|[\W_]+$")


def normalised_query(query: str) -> str:
    """The query as the gaps report groups it: NFKC, case-folded, single-spaced, trimmed."""
    text = unicodedata.normalize("NFKC", query).casefold()
    text = PUNCTUATION_AT_ENDS.sub("", " ".join(text.split()))
    return text[:MAX_QUERY_LENGTH].strip()


def keepable_query(query: str) -> str:
    """The normalised query, or "" when it may hold something personal."""
    text = normalised_query(query)
    return "" if PERSONAL.search(text) else text


def search_signature(language: str, found: bool, query: str) -> str:
    message = f"reach-search|{language}|{int(found)}|{query}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:20]


def signature_holds(language: str, found: bool, query: str, signature: str) -> bool:
    return hmac.compare_digest(search_signature(language, found, query), signature)
