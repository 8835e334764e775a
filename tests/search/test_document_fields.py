"""Every field of a story's document, in its languages and with names fallen back to.

Indexing reads plain rows rather than pages to be fast on thousands of stories; what the
index holds must stay what the page says: titles, terms in the reader's language or its
fallbacks, the hero image and its feed enclosure, cited documents, bylines and the source.
"""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from content.models import LISTING_IMAGE_SPEC, ArticlePage
from search.index import alias_name, rebuild_indices, search_client, story_sources
from search.index.documents import FEED_IMAGE_SPEC, story_uid
from tests.factories import (
    AuthorFactory,
    MinistryUnitFactory,
    OfficialDocumentFactory,
    RegionFactory,
    TopicFactory,
)
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db

LANGUAGES = ("vi", "en", "ar")


@pytest.fixture
def story(section):
    """A story in Vietnamese, English and Arabic with every relation a document carries."""
    story = published_story(
        section,
        {
            "vi": ("Hiệp định cảng", "Cảng biển."),
            "en": ("Harbour accord", "The harbour."),
            "ar": ("اتفاق الميناء", "الميناء."),
        },
        kind="press_release",
        hero_credit="AP",
        hero_alt_text_vi="Cảng lúc bình minh",
        hero_alt_text_en="The harbour at dawn",
        hero_caption_en="Cranes at the harbour",
        source_name="Vietnam News Agency",
        source_url="https://example.org/harbour",
        embargoed_until=timezone.now() - timedelta(hours=2),
        lead_unit=MinistryUnitFactory(name_vi="Vụ Thị trường", name_en="Markets Department"),
    )
    story.hero_image = get_image_model().objects.create(title="harbour", file=get_test_image_file())
    story.coordinating_units.add(MinistryUnitFactory(name_vi="Cục Xúc tiến", name_en="Promotion"))
    story.topics.add(TopicFactory(name_vi="Thương mại", name_en="Trade", name_ar="التجارة"))
    story.regions.add(RegionFactory(name_vi="Châu Á", name_en="Asia"))
    story.documents.add(OfficialDocumentFactory(number="47/NQ-CP", title_en="Resolution 47"))
    story.tags.add("ports", "shipping lanes")
    story.bylines.create(author=AuthorFactory(name="Nguyễn An"), sort_order=0)
    story.bylines.create(author=AuthorFactory(name="Lê Bình"), sort_order=1)
    story.save_revision().publish()
    return ArticlePage.objects.get(pk=story.pk)


def expected_document(story, section, language):
    """What the index must hold for ``story`` in ``language``, read from the page itself."""
    fallback = {"vi": "vi", "en": "en", "ar": "en"}[language]  # the frame's order: ar, en, vi
    lead = story.lead_unit
    coordinating = story.coordinating_units.get()
    topic, region = story.topics.get(), story.regions.get()
    document = story.documents.get()
    feed_image = story.hero_image.get_rendition(FEED_IMAGE_SPEC)
    with override(language):
        url = story.get_url()
        kind = str(document.get_kind_display())
    names = {
        "units": [getattr(lead, f"name_{fallback}"), getattr(coordinating, f"name_{fallback}")],
        "topics": [getattr(topic, f"name_{language}")],
        "regions": [getattr(region, f"name_{fallback}")],
    }
    slugs = {
        "units": [lead.slug, coordinating.slug],
        "topics": [topic.slug],
        "regions": [region.slug],
    }
    alt = {"vi": "Cảng lúc bình minh", "en": "The harbour at dawn", "ar": ""}[language]
    terms = {}
    for kind_of_term in ("units", "topics", "regions"):
        terms[kind_of_term] = slugs[kind_of_term]
        terms[f"{kind_of_term}_labels"] = [
            f"{slug}|{name}"
            for slug, name in zip(slugs[kind_of_term], names[kind_of_term], strict=True)
        ]
        terms[f"{kind_of_term[:-1]}_names"] = names[kind_of_term]
    return {
        "page_id": str(story.pk),
        "revision_id": str(story.live_revision_id),
        "uid": story_uid(story.translation_key, language),
        "language": language,
        "url": url,
        "image_url": story.hero_image.get_rendition(LISTING_IMAGE_SPEC).url,
        "image_alt": alt,
        "title": {"vi": "Hiệp định cảng", "en": "Harbour accord", "ar": "اتفاق الميناء"}[language],
        "standfirst": {"vi": "Hiệp định cảng", "en": "Harbour accord", "ar": "اتفاق الميناء"}[
            language
        ],
        "body": {"vi": "Cảng biển.", "en": "The harbour.", "ar": "الميناء."}[language],
        "kind": "press_release",
        "section": str(section.pk),
        "section_slug": section.slug_in(language),
        "section_label": f"{section.pk}|{getattr(section, f'title_{fallback}')}",
        **terms,
        "tags": ["ports", "shipping lanes"],
        "tag_slugs": ["ports", "shipping-lanes"],
        "authors": ["Nguyễn An", "Lê Bình"],
        "document_numbers": ["47/NQ-CP"],
        "publication_date": story.publication_date,
        "last_published_at": story.last_published_at,
        "embargoed_until": story.embargoed_until,
        "body_html": (
            '<div class="w-block-paragraph block-paragraph"><div class="prose"><p>'
            + {"vi": "Cảng biển.", "en": "The harbour.", "ar": "الميناء."}[language]
            + "</p></div> </div>"
        ),
        "hero": {
            "url": feed_image.url,
            "width": feed_image.width,
            "height": feed_image.height,
            "type": "image/png",
            "length": feed_image.file.size,
            "alt": alt,
            "caption": "Cranes at the harbour" if language == "en" else "",
            "credit": "AP",
        },
        "cited_documents": [
            {
                "number": "47/NQ-CP",
                "kind": kind,
                "title": {"vi": document.title_vi, "en": "Resolution 47", "ar": document.title}[
                    language
                ],
                "issuing_body": document.issuing_body,
                "date_signed": "2025-03-14",
            }
        ],
        "source": {"name": "Vietnam News Agency", "url": "https://example.org/harbour"},
    }


def comparable(document):
    """``document`` as it travels to the index: dates as ISO strings, tags in their order."""
    sent = json.loads(json.dumps(document, default=lambda value: value.isoformat()))
    sent["body_html"] = " ".join(sent["body_html"].split())
    return sent


def test_each_language_document_holds_every_field_of_the_page(story, section):
    for language in LANGUAGES:
        built = story_sources([story.pk], language)[story.pk]
        assert comparable(built) == comparable(expected_document(story, section, language))


def test_a_rebuild_indexes_the_same_documents(search_index, story, section):
    rebuild_indices()
    client = search_client()
    for language in LANGUAGES:
        held = client.get(index=alias_name(language), id=str(story.pk))["_source"]
        assert comparable(held) == comparable(expected_document(story, section, language))


def test_a_story_without_image_source_or_relations_has_empty_fields(section):
    story = published_story(section, {"en": ("Bare", "Nothing else.")})
    built = story_sources([story.pk], "en")[story.pk]
    assert built["image_url"] == "" and built["hero"] is None and built["source"] is None
    assert built["units"] == [story.lead_unit.slug] and built["topics"] == []
    assert built["tags"] == [] and built["authors"] == [] and built["cited_documents"] == []
