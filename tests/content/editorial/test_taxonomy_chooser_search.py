"""The chooser modal of topics, regions and units finds a name in any language.

A writer searches in the words they know; the results, and what the modal hands back to the
editor, read in the writer's admin language.
"""

import json
import re

import pytest
from django.urls import reverse

from content.models import MinistryUnit, OfficialDocument, Region, Topic
from tests.factories import (
    MinistryUnitFactory,
    OfficialDocumentFactory,
    RegionFactory,
    TopicFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_admin")]


def chooser_url(model, view, **query):
    url = reverse(model.snippet_viewset.chooser_viewset.get_url_name(view))
    return url, query


def search(client, model, text):
    """The names the modal lists for ``text``, as the writer reads them."""
    url, query = chooser_url(model, "choose_results", q=text, multiple="1")
    response = client.get(url, query)
    assert response.status_code == 200
    html = response.content.decode()
    found = response.context["results"]
    names = {item.pk: (item.name_en, item.name_vi) for item in found}
    # Each result shows its English name, the admin's language, never its Vietnamese one.
    assert all(english in html and vietnamese not in html for english, vietnamese in names.values())
    return [english for english, _vietnamese in names.values()]


@pytest.fixture
def trade(db):
    return TopicFactory(name_vi="Thương mại quốc tế", name_en="International trade")


def test_a_topic_is_found_by_part_of_its_name_in_the_admin_language(client, writer, trade):
    TopicFactory(name_vi="Du lịch", name_en="Tourism")
    client.force_login(writer)
    assert search(client, Topic, "trad") == ["International trade"]


def test_a_topic_is_found_by_its_name_in_another_language_and_shown_in_the_admin_language(
    client, writer, trade
):
    client.force_login(writer)
    assert search(client, Topic, "thương mại") == ["International trade"]


def test_regions_and_units_are_searched_the_same_way(client, writer):
    RegionFactory(name_vi="Châu Âu", name_en="Europe")
    MinistryUnitFactory(name_vi="Cục Xúc tiến thương mại", name_en="Trade Promotion Agency")
    MinistryUnitFactory(name_vi="Văn phòng Bộ", name_en="Ministry Office")
    client.force_login(writer)
    assert search(client, Region, "châu") == ["Europe"]
    assert search(client, MinistryUnit, "promotion") == ["Trade Promotion Agency"]


def test_a_search_with_no_match_lists_nothing(client, writer, trade):
    client.force_login(writer)
    assert search(client, Topic, "zzz") == []


def test_the_search_reads_the_same_few_rows_however_many_topics_there_are(
    client, writer, django_assert_max_num_queries
):
    TopicFactory.create_batch(40)
    client.force_login(writer)
    url, query = chooser_url(Topic, "choose_results", q="topic", multiple="1")
    with django_assert_max_num_queries(12):
        response = client.get(url, query)
    results = response.context["results"]
    assert results.paginator.count == 40
    assert len(results) == 10  # a page of the modal


def test_the_modal_hands_several_topics_back_by_name_in_the_admin_language(client, writer, trade):
    tourism = TopicFactory(name_vi="Du lịch", name_en="Tourism")
    client.force_login(writer)
    url, _query = chooser_url(Topic, "chosen_multiple")
    response = client.get(url, {"id": [trade.pk, tourism.pk]})
    result = json.loads(response.content)["result"]
    assert {(item["id"], item["string"]) for item in result} == {
        (str(trade.pk), "International trade"),
        (str(tourism.pk), "Tourism"),
    }


def test_a_name_in_the_modal_chooses_that_topic_at_once_even_among_several(client, writer, trade):
    client.force_login(writer)
    url, query = chooser_url(Topic, "choose_results", multiple="1")
    html = client.get(url, query).content.decode()
    # Each name is a link that chooses it; its checkbox, for several, is named by it.
    link = re.search(r'<a data-chooser-modal-choice href="([^"]+)">', html)
    assert link, "no name links to its choice"
    assert f'aria-labelledby="chooser-modal-title-{trade.pk}"' in html
    result = json.loads(client.get(link.group(1).replace("&amp;", "&")).content)["result"]
    assert result == [
        {"id": str(trade.pk), "string": "International trade", "edit_url": result[0]["edit_url"]}
    ]


def test_an_official_document_is_found_by_part_of_its_number_or_its_title_in_any_language(
    client, writer
):
    decree = OfficialDocumentFactory(
        number="15/2026/ND-CP",
        title_vi="Nghị định về xuất khẩu gạo",
        title_en="Decree on rice exports",
    )
    OfficialDocumentFactory(number="07/2025/TT-BCT", title_vi="Thông tư về xuất xứ hàng hoá")
    client.force_login(writer)
    for words in ("15/2026", "ND-CP", "xuất khẩu gạo", "rice export"):
        url, query = chooser_url(OfficialDocument, "choose_results", q=words, multiple="1")
        response = client.get(url, query)
        assert response.status_code == 200
        assert list(response.context["results"]) == [decree]
