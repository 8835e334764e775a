"""A story's topics, regions, units and documents are chosen through searchable choosers.

The editor shows what is chosen by name, in the person's admin language, with an "Add" button
that opens Wagtail's snippet chooser modal; the chosen items post as the field's values.
"""

import html
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from content.models import ArticlePage
from tests.content.admin_forms import add_form_data, edit_form_data
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    MinistryUnitFactory,
    OfficialDocumentFactory,
    RegionFactory,
    TopicFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_admin")]

CHOOSERS = {
    "topics": "Add topics",
    "regions": "Add regions",
    "coordinating_units": "Add ministry units",
    "documents": "Add official documents",
}


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=["content", "articlepage", section.pk])


def edit_url(story):
    return reverse("wagtailadmin_pages:edit", args=[story.pk])


def chooser_of(response, field):
    """The rendered chooser of ``field`` in the editor's HTML."""
    editor = response.content.decode()
    start = editor.index(f'<select name="{field}"')
    opening = editor.rindex('data-controller="newsroom-multiple-chooser"', 0, start)
    return editor[opening : editor.index("</template>", start)]


def errors_of(response):
    with translation.override("en"):
        return {
            name: [str(error) for error in errors]
            for name, errors in response.context["form"].errors.items()
        }


def test_the_editor_offers_a_chooser_for_topics_regions_and_units(client, section, writer):
    client.force_login(writer)
    response = client.get(add_url(section))
    for field, button in CHOOSERS.items():
        chooser = chooser_of(response, field)
        assert button in chooser
        # The "Add" button opens Wagtail's snippet chooser modal, several at once.
        attribute = chooser.split('data-newsroom-multiple-chooser-modal-value="')[1]
        modal = json.loads(html.unescape(attribute.split('"')[0]))
        assert modal["_type"] == "wagtail.snippets.widgets.SnippetChooser"
        assert "/admin/snippets/choose/content/" in json.dumps(modal)
    assert "content/admin/multiple_chooser.js" in response.content.decode()


def test_the_chosen_items_show_by_name_in_the_admin_language_each_removable(
    client, section, writer
):
    story = ArticlePageFactory(parent=section, live=False, owner=writer)
    trade = TopicFactory(name_vi="Thương mại", name_en="Trade")
    story.topics.set([trade])
    story.regions.set([RegionFactory(name_vi="Châu Âu", name_en="Europe")])
    story.save_revision(user=writer)
    client.force_login(writer)
    response = client.get(edit_url(story))
    topics = chooser_of(response, "topics")
    assert '<span class="newsroom-chooser__name">Trade</span>' in topics
    assert 'aria-label="Remove Trade"' in topics
    assert "Thương mại" not in topics.split("</select>")[1]
    assert 'aria-label="Remove Europe"' in chooser_of(response, "regions")
    # Without JavaScript, the multiple select is the field, the chosen topic selected in it.
    assert f'<option value="{trade.pk}" selected>Trade</option>' in topics


def test_chosen_items_are_saved_with_a_draft(client, section, writer):
    topics = TopicFactory.create_batch(2)
    region = RegionFactory()
    units = MinistryUnitFactory.create_batch(2)
    decree = OfficialDocumentFactory(number="15/2026/ND-CP")
    client.force_login(writer)
    data = add_form_data(
        client,
        section,
        title_vi="Bản nháp có chủ đề",
        topics=[str(topic.pk) for topic in topics],
        regions=[str(region.pk)],
        coordinating_units=[str(unit.pk) for unit in units],
        documents=[str(decree.pk)],
    )
    assert client.post(add_url(section), data).status_code == 302
    draft = ArticlePage.objects.get().get_latest_revision_as_object()
    assert set(draft.topics.all()) == set(topics)
    assert list(draft.regions.all()) == [region]
    assert set(draft.coordinating_units.all()) == set(units)
    assert list(draft.documents.all()) == [decree]


def test_chosen_items_are_live_once_published(client, section, writer, approver):
    AuthorFactory(user=writer)  # who signs the story
    story = ArticlePageFactory(parent=section, live=False, owner=writer)
    story.save_revision(user=writer)
    topic, region, unit = TopicFactory(), RegionFactory(), MinistryUnitFactory()
    client.force_login(approver)
    data = edit_form_data(
        client,
        story,
        topics=[str(topic.pk)],
        regions=[str(region.pk)],
        coordinating_units=[str(unit.pk)],
    )
    data["action-publish"] = "publish"
    response = client.post(edit_url(story), data)
    assert response.status_code == 302
    published = ArticlePage.objects.get(pk=story.pk)
    assert published.live
    assert list(published.topics.all()) == [topic]
    assert list(published.regions.all()) == [region]
    assert list(published.coordinating_units.all()) == [unit]


def test_an_unknown_topic_is_refused_and_nothing_is_saved(client, section, writer):
    known = TopicFactory()
    client.force_login(writer)
    data = add_form_data(
        client,
        section,
        title_vi="Bản nháp có chủ đề lạ",
        topics=[str(known.pk), "999999"],
        regions=["not-a-number"],
    )
    response = client.post(add_url(section), data)
    assert response.status_code == 200
    errors = errors_of(response)
    assert "999999" in errors["topics"][0]
    assert "not-a-number" in errors["regions"][0]
    assert not ArticlePage.objects.exists()


def test_an_unknown_unit_leaves_the_story_as_it_was(client, section, writer):
    story = ArticlePageFactory(parent=section, live=False, owner=writer)
    story.save_revision(user=writer)
    revisions = story.revisions.count()
    topic = TopicFactory()
    client.force_login(writer)
    data = edit_form_data(client, story, topics=[str(topic.pk)], coordinating_units=["999999"])
    response = client.post(edit_url(story), data)
    assert response.status_code == 200
    assert "999999" in errors_of(response)["coordinating_units"][0]
    assert story.revisions.count() == revisions
    assert (
        topic
        not in ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object().topics.all()
    )


def editor_queries(client, story):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(edit_url(story)).status_code == 200
    return len(queries)


def test_the_editor_reads_each_taxonomy_once_however_many_items_are_chosen(client, section, writer):
    story = ArticlePageFactory(parent=section, live=False, owner=writer)

    def choose(count):
        story.topics.set(TopicFactory.create_batch(count))
        story.regions.set(RegionFactory.create_batch(count))
        story.coordinating_units.set(MinistryUnitFactory.create_batch(count))
        story.save_revision(user=writer)

    choose(1)
    choose(1)  # the editor reads one revision more once the story has an earlier one
    client.force_login(writer)
    editor_queries(client, story)  # what the first request reads once, cached after
    one_each = editor_queries(client, story)
    choose(12)
    assert editor_queries(client, story) == one_each


def test_a_vietnamese_admin_reads_the_chooser_in_vietnamese(client, section, writer):
    UserProfile.objects.update_or_create(user=writer, defaults={"preferred_language": "vi"})
    story = ArticlePageFactory(parent=section, live=False, owner=writer)
    story.topics.set([TopicFactory(name_vi="Thương mại", name_en="Trade")])
    story.save_revision(user=writer)
    client.force_login(writer)
    topics = chooser_of(client.get(edit_url(story)), "topics")
    assert "Thêm chủ đề" in topics
    assert 'aria-label="Bỏ chọn Thương mại"' in topics
