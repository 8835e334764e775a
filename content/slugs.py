"""A story's slug in each language, generated, never typed, and kept once readers have it.

Vietnamese and the Latin-script languages get readable ASCII made from their own title:
diacritics dropped, "đ" read as "d". Arabic, Chinese, Japanese, Korean and Russian borrow
the English slug, or the source's while there is no English one (ADR 9 says why). A slug
readers have seen never changes without a redirect from the old address.
"""

import unicodedata

from django.conf import settings
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname

# Languages whose slug is made from their own title.
LATIN_SCRIPT = frozenset({"vi", "en", "fr", "es"})
# The language whose slug the others borrow.
LENDER = "en"
# Long enough to say what the story is about, short enough to share.
MAX_LENGTH = 80

# Letters that Unicode does not decompose into a base letter and a mark.
UNDECOMPOSED = str.maketrans(
    {"đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O"}
)


def ascii_slug(text: str, max_length: int = MAX_LENGTH) -> str:
    """Readable ASCII words of ``text`` joined by hyphens, cut at a word: "Việt Nam", "viet-nam"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSED))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    slug = slugify(bare)
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0]
    return slug


def slug_in(language: str, title: str, lent: str) -> str:
    """The slug for ``language``: from its ``title`` if Latin-script, else ``lent`` (ADR 9)."""
    if language in LATIN_SCRIPT:
        return ascii_slug(title) or lent
    return lent


def lent_slug(page) -> str:
    """The slug the non-Latin languages borrow: the English one, else the source language's."""
    for language in (LENDER, page.original_language, settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        slug = getattr(page, build_localized_fieldname("slug", language), None)
        if slug:
            return slug
    return ""


def free_slug(slug: str, is_taken) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... the first that ``is_taken`` says is free."""
    candidate, number = slug, 1
    while is_taken(candidate):
        number += 1
        candidate = f"{slug}-{number}"
    return candidate
