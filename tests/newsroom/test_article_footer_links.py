"""An article's footer names its topics, regions, units and tags, each a link readers follow."""

import pytest
from django.utils.translation import override

from content.models import Tag
from tests.factories import (
    ArticlePageFactory,
    TopicFactory,
    TopicIndexPageFactory,
    UnitIndexPageFactory,
)

pytestmark = pytest.mark.django_db


def test_topics_units_and_tags_link_to_their_pages_by_name(client, home, section):
    topics, units = TopicIndexPageFactory(parent=home), UnitIndexPageFactory(parent=home)
    story = ArticlePageFactory(parent=section)
    story.topics.add(TopicFactory(name_en="Diplomacy", slug="diplomacy"))
    story.tags.add("senior officials")
    story.save()
    with override("en"):
        html = client.get(story.get_url()).content.decode()
        topic_url, unit_url = (
            f"{topics.get_url()}diplomacy/",
            f"{units.get_url()}{story.lead_unit.slug}/",
        )
    assert f'<a href="{topic_url}"><bdi>Diplomacy</bdi></a>' in html
    assert f'<a href="{unit_url}"><bdi>{story.lead_unit.name_en}</bdi></a>' in html
    assert 'href="/en/search/?q=senior%20officials"><bdi>senior officials</bdi></a>' in html
    assert client.get(topic_url).status_code == 200
    assert client.get(unit_url).status_code == 200


def test_a_site_without_a_topics_index_names_topics_without_a_dead_link(client, section):
    story = ArticlePageFactory(parent=section)
    story.topics.add(TopicFactory(name_en="Diplomacy", slug="diplomacy"))
    story.save()
    with override("en"):
        html = client.get(story.get_url()).content.decode()
    assert "<li><bdi>Diplomacy</bdi>" in html
    assert "diplomacy/" not in html


def test_tags_show_the_name_readers_of_the_language_see_falling_back_to_english(client, section):
    story = ArticlePageFactory(
        parent=section, title_ar="خبر", slug_ar="khabar", standfirst_ar="موجز"
    )
    Tag.objects.create(
        name="senior-officials",
        slug="senior-officials",
        label_vi="Quan chức cấp cao",
        label_en="Senior officials",
        label_fr="Hauts fonctionnaires",
    )
    story.tags.add("senior-officials")
    story.save()

    def footer_in(language):
        with override(language):
            html = client.get(type(story).objects.get(pk=story.pk).get_url()).content.decode()
        return html.split('class="tag-list"')[1].split("</ul>")[0]

    assert "<bdi>Senior officials</bdi></a>" in footer_in("en")
    assert 'href="/vi/search/?q=senior-officials"><bdi>Quan chức cấp cao</bdi></a>' in footer_in(
        "vi"
    )
    arabic = footer_in("ar")  # no Arabic name: the English one, marked as English
    assert '<bdi><span lang="en" dir="auto">Senior officials</span></bdi>' in arabic
    assert "senior-officials</" not in arabic
