"""References a translation copies verbatim: official-document numbers, links, addresses.

Each is found in text and compared in a normalized form (Đ and D, a link's final slash).
"""

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from .mentions import Mention

_DASHES = "-\u2010\u2011\u2013"  # hyphen-minus, hyphen, non-breaking hyphen, en dash
_CODE = r"[A-ZĐ][A-Za-zĐđ]*"  # a kind or an issuer: NQ, QĐ, CP, BCT, TTg
_DASH_CHARACTERS = re.escape(_DASHES)  # inside a class, a bare "-" would make a range
_DASH = f"[{_DASH_CHARACTERS}]"

# 15/2024/NĐ-CP and 05/2022/QH15 (with the year), 47/NQ-CP and 2387/QĐ-BCT (kind/issuer),
# 57-KL/TW (party documents: number-kind/issuer). See content.document_numbers for the rules
# by kind; here any well-formed number counts, since a translation must not alter any.
_DOCUMENT_NUMBER = re.compile(
    rf"(?<![\d/{_DASH_CHARACTERS}])(?<!\d[.,])\d{{1,5}}(?:"
    rf"/\d{{4}}/{_CODE}\d*(?:{_DASH}{_CODE})*"
    rf"|/{_CODE}(?:{_DASH}{_CODE})+"
    rf"|{_DASH}{_CODE}/{_CODE}(?:{_DASH}{_CODE})*"
    r")"
)
_DOCUMENT_KEY = str.maketrans({"Đ": "D", "đ": "d", "\u2010": "-", "\u2011": "-", "\u2013": "-"})

# A link ends at a space, a quote, or punctuation and letters of scripts that write no space
# after it (CJK, kana, Hangul, the Arabic comma).
_URL = re.compile(
    r"(?:https?://|www\.)"
    r"[^\s<>\"'“”‘’«»\x00\u060c\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]+",
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?'\"]}"
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"(?![A-Za-z0-9-])"
)


def document_number_key(number: str) -> str:
    """The number as compared: Đ and D are one letter, and all dashes one dash."""
    return number.translate(_DOCUMENT_KEY)


def find_document_numbers(text: str) -> list[Mention]:
    return [
        Mention(match.group(), document_number_key(match.group()), match.start(), match.end())
        for match in _DOCUMENT_NUMBER.finditer(text)
    ]


def url_key(url: str) -> str:
    """The link as compared: scheme, host case, escapes and a final slash do not count."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    key = parts.netloc.lower() + unquote(parts.path).rstrip("/")
    if parts.query:
        key += "?" + unquote(parts.query)
    if parts.fragment:
        key += "#" + unquote(parts.fragment)
    return key


def _trim_url(url: str) -> str:
    while url and (
        url[-1] in _URL_TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))
    ):
        url = url[:-1]
    return url


def find_urls(text: str) -> list[Mention]:
    mentions = []
    for match in _URL.finditer(text):
        url = _trim_url(match.group())
        if url.lower() not in ("www.", "http://", "https://"):
            mentions.append(Mention(url, url_key(url), match.start(), match.start() + len(url)))
    return mentions


def find_emails(text: str) -> list[Mention]:
    return [
        Mention(match.group(), match.group().lower(), match.start(), match.end())
        for match in _EMAIL.finditer(text)
    ]


def link_targets(hrefs: Iterable[str]) -> tuple[list[Mention], list[Mention]]:
    """Rich text's link targets as (links, email addresses); mailto: targets are addresses."""
    urls, emails = [], []
    for href in hrefs:
        if href.lower().startswith("mailto:"):
            address = unquote(href[len("mailto:") :].split("?", 1)[0])
            emails.append(Mention(address, address.lower()))
        else:
            urls.append(Mention(href, url_key(href)))
    return urls, emails
