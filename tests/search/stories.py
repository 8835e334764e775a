"""Published stories for search tests: each language's text set explicitly."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import ArticlePageFactory
from tests.factories.translations import approve_written_languages

ALL_LANGUAGES = ("vi", "en", "fr", "es", "ru", "zh_hans", "ja", "ko", "ar")


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def published_story(section, texts: dict[str, tuple[str, str]], days_ago=1, **fields):
    """A story published through Wagtail, written in the languages of ``texts``.

    ``texts`` maps a language field suffix (``vi``, ``zh_hans``) to (title, body).
    """
    values = {}
    for language in ALL_LANGUAGES:
        title, body = texts.get(language, (None, None))
        values[f"title_{language}"] = title
        values[f"slug_{language}"] = f"{language}-{abs(hash(title)) % 10**8}" if title else None
        values[f"standfirst_{language}"] = title
        values[f"body_{language}"] = paragraph(body) if body else None
    # Wagtail requires a title in the source language; without a Vietnamese standfirst the
    # story is still not written in Vietnamese.
    original = next(iter(texts))
    values["title"] = values["title_vi"] = values["title_vi"] or values[f"title_{original}"]
    values["slug"] = values["slug_vi"] = values["slug_vi"] or values[f"slug_{original}"]
    values["original_language"] = original.replace("_", "-")
    story = ArticlePageFactory(
        parent=section,
        live=False,
        publication_date=timezone.now() - timedelta(days=days_ago),
        **values,
        **fields,
    )
    story.save_revision().publish()
    # Approved again, now that there is a live revision to have translated from.
    approve_written_languages(type(story).objects.get(pk=story.pk))
    return type(story).objects.get(pk=story.pk)
