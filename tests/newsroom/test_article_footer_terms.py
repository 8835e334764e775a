"""An article's footer: its units, topics, regions and tags, in order and the reader's language.

The four are read in one query (``content.models.article_terms``); what a reader sees must be
what reading them one relation at a time showed: every term of each, none of another
article's, sorted as before, named in the reader's language or marked where it fell back.
"""

import pytest
from django.utils.translation import gettext, override

from content.models import Tag
from tests.factories import (
    ArticlePageFactory,
    MinistryUnitFactory,
    RegionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def facts(html: str, label: str, language: str = "en") -> str:
    """The footer's entry under ``label`` (its ``<dd>``), or "" when the footer has none."""
    with override(language):
        label = gettext(label)
    footer = html.split('class="article-facts"')[1].split("</dl>")[0]
    if f"<dt>{label}</dt>" not in footer:
        return ""
    return footer.split(f"<dt>{label}</dt>")[1].split("</dd>")[0]


def page_in(client, story, language: str) -> str:
    with override(language):
        response = client.get(type(story).objects.get(pk=story.pk).get_url())
    assert response.status_code == 200
    return response.content.decode()


def test_each_relation_lists_its_own_terms_sorted_by_their_names_in_the_reader_s_language(
    client, section
):
    story = ArticlePageFactory(parent=section)
    story.topics.add(
        TopicFactory(name_en="Maritime affairs", name_vi="Biển đảo"),
        TopicFactory(name_en="Agriculture", name_vi="Nông nghiệp"),
    )
    story.regions.add(RegionFactory(name_en="ASEAN", name_vi="ASEAN"))
    story.coordinating_units.add(MinistryUnitFactory(name_en="Trade Promotion Agency"))
    story.tags.add("zeta", "alpha")
    story.save()
    other = ArticlePageFactory(parent=section)  # its terms are on its own page only
    other.topics.add(TopicFactory(name_en="Energy"))
    other.regions.add(RegionFactory(name_en="Africa"))
    other.save()

    english = page_in(client, story, "en")
    topics = facts(english, "Topics")
    assert topics.index("Agriculture") < topics.index("Maritime affairs")
    assert "Energy" not in english
    assert "ASEAN" in facts(english, "Regions and markets")
    assert "Africa" not in english
    assert "Trade Promotion Agency" in facts(english, "In coordination with")
    tags = facts(english, "Tags")
    assert tags.index(">zeta<") < tags.index(">alpha<")  # as the editor gave them

    vietnamese = facts(page_in(client, story, "vi"), "Topics", "vi")
    assert vietnamese.index("Biển đảo") < vietnamese.index("Nông nghiệp")


def test_a_term_without_the_reader_s_name_shows_the_english_one(client, section):
    story = ArticlePageFactory(
        parent=section, title_fr="Une histoire", slug_fr="une-histoire", standfirst_fr="Un résumé."
    )
    story.topics.add(TopicFactory(name_en="Trade agreements", name_fr=None))
    story.regions.add(RegionFactory(name_en="Europe", name_fr="Europe occidentale"))
    Tag.objects.create(name="summit", slug="summit", label_en="Summit", label_fr="Sommet")
    Tag.objects.create(name="g20", slug="g20", label_en="G20 summit")
    story.tags.add("summit", "g20")
    story.save()

    french = page_in(client, story, "fr")
    with override("fr"):
        topics, regions, tags = (
            gettext(label) for label in ("Topics", "Regions and markets", "Tags")
        )
    assert "<bdi>Trade agreements</bdi>" in facts(french, topics)
    assert "<bdi>Europe occidentale</bdi>" in facts(french, regions)
    assert "<bdi>Sommet</bdi>" in facts(french, tags)
    assert '<bdi><span lang="en" dir="auto">G20 summit</span></bdi>' in facts(french, tags)


def test_an_article_with_no_terms_has_no_empty_entries(client, section):
    story = ArticlePageFactory(parent=section)
    english = page_in(client, story, "en")
    for label in ("Topics", "Regions and markets", "In coordination with", "Tags"):
        assert facts(english, label) == ""


def test_a_preview_names_the_terms_of_the_revision_previewed(client, section):
    published = TopicFactory(name_en="Published topic")
    drafted = TopicFactory(name_en="Drafted topic")
    story = ArticlePageFactory(parent=section)
    story.topics.add(published)
    story.save_revision().publish()

    draft = type(story).objects.get(pk=story.pk)
    draft.topics = [drafted]  # in the revision being previewed, not saved
    with override("en"):
        html = draft.make_preview_request().content.decode()
        live = page_in(client, story, "en")
    assert "Drafted topic" in facts(html, "Topics")
    assert "Published topic" not in facts(html, "Topics")
    assert "Published topic" in facts(live, "Topics")
