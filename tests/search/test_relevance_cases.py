"""The kinds of query that readers miss with naive ranking, each on a small story set.

The benchmark (make bench-relevance) scores the same kinds on 10,000 stories; these tests
pin each behaviour down where a failure is easy to read.
"""

import pytest

from search.reader import SearchRequest, elasticsearch_search
from search.reader.suggestions import elasticsearch_title_suggestions
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db


def search(language, query):
    return elasticsearch_search(SearchRequest(language=language, query=query))


def ids(result):
    return [hit.page_id for hit in result.hits]


def test_a_short_chinese_word_is_found_inside_a_longer_one(search_index, section, refresh):
    # The dictionary keeps 留学生 (students abroad) whole; a reader types 留学 (study abroad).
    story = published_story(
        section, {"zh_hans": ("在华越南留学生人数创新高", "越南留学生在中国高校学习。")}
    )
    refresh()
    assert ids(search("zh-hans", "留学")) == [story.pk]


def test_a_story_about_a_word_ranks_above_a_passing_mention(search_index, section, refresh):
    passing = published_story(
        section, {"en": ("Durian fair in Hanoi", "Stalls, music and a coffee corner.")}
    )
    about = published_story(
        section,
        {"en": ("Coffee reaches Jordan", "Coffee exports doubled. Coffee houses want more.")},
    )
    refresh()
    assert ids(search("en", "coffee")) == [about.pk, passing.pk]


def test_arabic_words_match_with_or_without_the_article(search_index, section, refresh):
    story = published_story(
        section, {"ar": ("القهوة الفيتنامية في الأردن", "تزايد الطلب على القهوة والمحامص.")}
    )
    refresh()
    assert ids(search("ar", "قهوة")) == [story.pk]
    assert ids(search("ar", "المحامص")) == [story.pk]


def test_a_misspelt_word_among_good_ones_is_corrected(search_index, section, refresh):
    for n in range(3):
        published_story(section, {"en": (f"Free trade agreement talks, round {n}", "Tariffs.")})
    published_story(section, {"en": ("Israel and Viet Nam sign a deal", "Trade grows.")})
    refresh()
    result = search("en", "Isreal free trade agreement")
    assert result.total >= 3
    assert result.suggestion == "israel free trade agreement"


def test_document_numbers_and_known_names_are_never_rewritten(search_index, section, refresh):
    published_story(section, {"es": ("Almería compra café vietnamita", "Decisión 1123/QĐ-TTg.")})
    published_story(section, {"es": ("Almacenes de café en Almendralejo", "Decisión 1124.")})
    refresh()
    assert search("es", "Almería").suggestion == ""
    assert search("es", "1123/QD-TTg").suggestion == ""


def test_autocomplete_prefers_the_words_in_the_order_typed(search_index, section, refresh):
    scattered = published_story(
        section, {"en": ("Coffee prices and exports of pepper", "Markets.")}, days_ago=1
    )
    typed = published_story(
        section, {"en": ("Exports of coffee to Jordan grow", "Roasters.")}, days_ago=30
    )
    refresh()
    suggestions = elasticsearch_title_suggestions("en", "exports of cof")
    assert [s.page_id for s in suggestions] == [typed.pk, scattered.pk]


def test_korean_autocomplete_completes_a_half_typed_word(search_index, section, refresh):
    # Korean's morphological tokenizer would read the syllable 커 as a verb (크 + 어).
    coffee = published_story(section, {"ko": ("베트남 커피, 한국 시장 공략", "커피 수출.")})
    published_story(section, {"ko": ("베트남 쌀 수출 증가", "쌀.")})
    refresh()
    suggestions = elasticsearch_title_suggestions("ko", "베트남 커")
    assert [s.page_id for s in suggestions] == [coffee.pk]
