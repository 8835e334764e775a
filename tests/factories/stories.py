"""Published stories with each language's text set explicitly, and translations of them."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import ArticlePageFactory
from tests.factories.translations import approve_written_languages

ALL_LANGUAGES = ("vi", "en", "fr", "es", "ru", "zh_hans", "ja", "ko", "ar")


def paragraph(text):
    """A body of one paragraph, as raw StreamField blocks."""
    return paragraphs(text)


def paragraphs(*texts):
    """A body of one paragraph per text, as raw StreamField blocks."""
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


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


def french_text(story, **changes) -> dict:
    """A faithful French translation of ``story``, its blocks paired with the source's."""
    source_body = story.body_vi.get_prep_value()
    body = paragraphs("La résolution n° 47/NQ-CP du 15 avril 2024 vise 1 200 entreprises.")
    body[0]["id"] = source_body[0]["id"]
    return {
        "title": "Conférence sur les exportations durables",
        "slug": "conference-exportations-durables",
        "standfirst": "Une conférence sur les exportations durables.",
        "body": body,
        **changes,
    }
