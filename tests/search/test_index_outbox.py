"""The index outbox: every publishing event reaches the index, and nothing waits on it."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from search.index import alias_name, drain_all, find_drift, reset_circuit, search_client
from search.models import IndexChange
from tests.factories.stories import paragraph, published_story
from tests.factories.translations import approve_text

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:1"


def indexed_ids(language):
    client = search_client()
    client.indices.refresh(index=alias_name(language))
    hits = client.search(index=alias_name(language), query={"match_all": {}}, size=100)
    return {int(hit["_id"]) for hit in hits["hits"]["hits"]}


def test_publishing_queues_a_change_and_the_drain_indexes_it(search_index, section, refresh):
    story = published_story(section, {"vi": ("Tin gạo", "Gạo."), "en": ("Rice news", "Rice.")})
    assert IndexChange.objects.pending().filter(page_id=story.pk).exists()
    assert indexed_ids("vi") == set()
    refresh()
    assert indexed_ids("vi") == {story.pk}
    assert indexed_ids("en") == {story.pk}
    assert indexed_ids("fr") == set()
    assert not IndexChange.objects.pending().exists()


def test_a_language_added_later_appears_in_that_languages_index(search_index, section, refresh):
    story = published_story(section, {"vi": ("Tin gạo", "Gạo.")})
    refresh()
    approve_text(
        story, "fr", title="Le riz", slug="le-riz", standfirst="Le riz.", body=paragraph("Riz.")
    )
    refresh()
    assert indexed_ids("fr") == {story.pk}


def test_unpublishing_and_deleting_remove_every_language(search_index, section, refresh):
    kept = published_story(section, {"vi": ("Giữ lại", "A."), "en": ("Kept", "A.")})
    unpublished = published_story(section, {"vi": ("Gỡ xuống", "B."), "en": ("Withdrawn", "B.")})
    deleted = published_story(section, {"vi": ("Xoá", "C."), "en": ("Deleted", "C.")})
    refresh()
    unpublished.unpublish()
    deleted.delete()
    refresh()
    assert indexed_ids("vi") == indexed_ids("en") == {kept.pk}


def test_moving_a_section_updates_its_stories_urls(search_index, home, section, refresh):
    story = published_story(section, {"vi": ("Tin", "Nội dung.")})
    refresh()
    section.slug_vi = section.slug = "doi-ngoai-moi"
    section.save_revision().publish()
    refresh()
    source = search_client().get(index=alias_name("vi"), id=story.pk)["_source"]
    assert "/doi-ngoai-moi/" in source["url"]


def test_publishing_succeeds_when_elasticsearch_is_unreachable(search_index, settings, section):
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": UNREACHABLE}
    reset_circuit()
    story = published_story(section, {"vi": ("Tin khi mất kết nối", "Nội dung.")})
    assert story.live

    result = drain_all()
    assert result.retrying == 1
    change = IndexChange.objects.get(page_id=story.pk)
    assert change.status == IndexChange.Status.PENDING
    assert change.attempts == 1
    assert change.last_error
    assert change.next_attempt_at > timezone.now()


def test_a_postponed_change_is_indexed_once_elasticsearch_is_back(
    search_index, settings, section, refresh
):
    node = settings.NEWSROOM_SEARCH["url"]
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": UNREACHABLE}
    reset_circuit()
    story = published_story(section, {"vi": ("Tin chờ", "Nội dung.")})
    drain_all()

    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": node}
    reset_circuit()
    assert drain_all().synced == 0  # not due yet: it backs off
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        refresh()
    assert indexed_ids("vi") == {story.pk}
    assert find_drift().is_clean()


def test_each_language_document_carries_the_storys_url_in_that_language(
    search_index, section, refresh
):
    from django.utils.translation import override

    story = published_story(section, {"vi": ("Tin gạo", "Gạo."), "en": ("Rice news", "Rice.")})
    refresh()
    for language in ("vi", "en"):
        source = search_client().get(index=alias_name(language), id=story.pk)["_source"]
        with override(language):  # a path: the host is the one of the site the reader asks
            assert source["url"] == story.get_url_parts()[2]


def test_a_translation_not_yet_approved_is_not_in_its_languages_index(
    search_index, section, refresh, roles, desk_editor
):
    from content.editorial import translator_group_name
    from content.translating import request_translations, save_draft, submit
    from tests.factories import UserFactory

    story = published_story(section, {"vi": ("Tin gạo", "Gạo.")})
    translator = UserFactory(groups=[translator_group_name("fr")])
    (french,) = request_translations([story], ["fr"], desk_editor)
    block_id = story.body_vi.get_prep_value()[0]["id"]
    save_draft(
        french,
        {
            "title": "Le riz",
            "slug": "le-riz",
            "standfirst": "Le riz.",
            "body": [{**paragraph("Riz.")[0], "id": block_id}],
        },
        translator,
    )
    submit(french, translator)
    refresh()
    assert indexed_ids("vi") == {story.pk}
    assert indexed_ids("fr") == set()
