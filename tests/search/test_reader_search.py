"""Reader search on Elasticsearch: per-language results, folding, numbers, facets, suggestions."""

import pytest

from content.models import OfficialDocument
from search.index import search_client
from search.reader import SearchRequest, elasticsearch_search, related_articles, title_suggestions
from search.reader.queries import build_search
from tests.factories import OfficialDocumentFactory, TopicFactory
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db


def titles(result):
    return [str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in result.hits]


def search(language, query="", **filters):
    return elasticsearch_search(SearchRequest(language=language, query=query, **filters))


@pytest.fixture
def newsroom(search_index, section, refresh):
    coffee = published_story(
        section,
        {
            "vi": ("Bộ Công Thương quảng bá cà phê Việt Nam tại Pháp", "Cà phê robusta đặc sản."),
            "en": ("Ministry promotes Vietnamese coffee in France", "Specialty robusta coffee."),
        },
    )
    rice = published_story(
        section,
        {"vi": ("Xuất khẩu gạo sang Philippines tăng mạnh", "Gạo thơm được ưa chuộng.")},
        days_ago=3,
    )
    refresh()
    return {"coffee": coffee, "rice": rice}


def test_results_come_only_from_the_readers_language(newsroom):
    assert titles(search("en", "rice")) == []
    assert titles(search("vi", "gạo")) == [newsroom["rice"].title_vi]


def test_vietnamese_without_diacritics_finds_the_accented_story(newsroom):
    assert titles(search("vi", "Bo Cong Thuong ca phe")) == [newsroom["coffee"].title_vi]


def test_exact_diacritics_rank_above_folded_matches(search_index, section, refresh):
    exact = published_story(section, {"vi": ("Tin về gạo", "Giá gạo xuất khẩu.")})
    folded_only = published_story(section, {"vi": ("Tin về gao", "Gao là tên một địa danh.")})
    refresh()
    assert titles(search("vi", "gạo")) == [exact.title_vi, folded_only.title_vi]


def test_english_search_matches_other_inflections(search_index, section, refresh):
    story = published_story(
        section, {"en": ("Trade negotiations concluded", "The ministries negotiated for a year.")}
    )
    refresh()
    assert titles(search("en", "negotiating ministry")) == [story.title_en]


def test_a_document_number_is_found_whole_and_by_its_number(search_index, section, refresh):
    document = OfficialDocumentFactory(number="2387/QD-BCT")
    story = published_story(section, {"vi": ("Triển khai đề án", "Theo Quyết định 2387/QD-BCT.")})
    story.documents.add(document)
    story.save_revision().publish()
    published_story(section, {"vi": ("Tin khác", "Năm 2024 có 15 quyết định mới.")})
    refresh()
    assert titles(search("vi", "2387/QD-BCT"))[0] == story.title_vi
    assert titles(search("vi", "2387")) == [story.title_vi]
    assert OfficialDocument.objects.count() == 1


def test_a_hit_shows_its_date_and_section_and_carries_no_body(newsroom):
    hit = search("en", "coffee").hits[0]
    assert hit.publication_date == newsroom["coffee"].publication_date
    assert hit.section == "Foreign affairs"
    # The body stays in the index: a page of results reads only what a hit shows.
    response = build_search(SearchRequest(language="en", query="coffee"), search_client()).execute()
    assert "body" not in response.hits[0].to_dict()
    assert "body_html" not in response.hits[0].to_dict()


def test_matches_are_highlighted_and_escaped(search_index, section, refresh):
    published_story(section, {"en": ("Rice <b>trade</b> talks", "Rice exports to Asia.")})
    refresh()
    hit = search("en", "rice").hits[0]
    assert "<mark>Rice</mark>" in hit.title
    assert "&lt;b&gt;" in hit.title


def test_facets_count_the_results_and_filters_narrow_them(search_index, section, refresh):
    trade, culture = TopicFactory(slug="trade"), TopicFactory(slug="culture")
    for index in range(3):
        story = published_story(section, {"en": (f"Rice story {index}", "Rice and trade.")})
        story.topics.add(trade if index else culture)
        story.save_revision().publish()
    refresh()
    result = search("en", "rice")
    counts = {value.key: value.count for value in result.facets["topic"]}
    assert counts == {"trade": 2, "culture": 1}
    assert result.facets["year"][0].count == 3
    assert len(search("en", "rice", topic="culture").hits) == 1
    assert search("en", "rice", topic="no-such-topic").hits == []


def test_sorting_by_date_puts_the_newest_first(search_index, section, refresh):
    older = published_story(section, {"en": ("Rice rice rice", "Rice.")}, days_ago=10)
    newer = published_story(section, {"en": ("Rice report", "Exports.")}, days_ago=1)
    refresh()
    assert titles(search("en", "rice", sort="date")) == [newer.title_en, older.title_en]


def test_did_you_mean_offers_a_correction_for_a_misspelling(newsroom):
    result = search("en", "cofee")
    assert result.suggestion == "coffee"


def test_autocomplete_completes_titles_from_the_first_letters(newsroom):
    suggestions = title_suggestions("en", "Vietnamese cof")
    assert [s.title for s in suggestions] == [newsroom["coffee"].title_en]


def test_related_stories_share_words_with_the_story(search_index, section, refresh):
    story = published_story(section, {"en": ("Coffee exports to France", "Robusta coffee beans.")})
    like = published_story(section, {"en": ("Coffee fair in Paris", "Robusta coffee tasting.")})
    published_story(section, {"en": ("Consular warning", "Job scams abroad.")})
    refresh()
    assert [hit.page_id for hit in related_articles(story, "en")] == [like.pk]


def test_stories_dated_in_the_future_are_not_found(search_index, section, refresh):
    published_story(section, {"en": ("Rice tomorrow", "Rice.")}, days_ago=-1)
    refresh()
    assert search("en", "rice").hits == []


def test_a_document_number_pasted_with_an_en_dash_is_the_same_number(
    client, search_index, section, refresh
):
    story = published_story(section, {"vi": ("Triển khai đề án", "Theo Quyết định 2387/QĐ-BCT.")})
    published_story(section, {"vi": ("Năm 2387 trước Công nguyên", "Bảo tàng BCT trưng bày.")})
    refresh()
    response = client.get("/vi/search/", {"q": "2387/QĐ\u2013BCT"})
    assert [hit.page_id for hit in response.context["result"].hits] == [story.pk]
