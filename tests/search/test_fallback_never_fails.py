"""Readers never get a 500 when Elasticsearch is away: the database answers, with a notice.

The fallback runs on Wagtail's database backend only (never on Elasticsearch), and finds
words of languages written without spaces (Chinese, Japanese, Korean) as substrings, Arabic
words with or without their article, and inflected words (Russian, French, Spanish, Arabic)
in other forms than the one typed; and words typed without their marks.
"""

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from search.checks import fallback_search_runs_on_the_database
from search.index import reset_circuit
from search.reader import SearchRequest, database_search, fallback_backend
from search.reader.fallback import matched_part
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def node_away(settings):
    """``ELASTICSEARCH_URL`` set, and nothing listening there."""
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": UNREACHABLE}
    reset_circuit()
    yield
    reset_circuit()


@pytest.fixture
def no_node(settings):
    """The embedded default: no ``ELASTICSEARCH_URL`` at all."""
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": None}
    reset_circuit()


@pytest.fixture
def stories(section):
    rice = published_story(
        section,
        {"vi": ("Xuất khẩu gạo tăng", "Gạo thơm."), "en": ("Rice exports rise", "Fragrant rice.")},
    )
    coffee = published_story(
        section,
        {"vi": ("Cà phê sang Pháp", "Cà phê."), "en": ("Coffee goes to France", "Robusta.")},
    )
    return {"rice": rice, "coffee": coffee}


def hit_ids(response):
    return [hit.page_id for hit in response.context["result"].hits]


def test_reader_search_answers_from_the_database_with_a_notice(client, stories, node_away):
    response = client.get("/en/search/", {"q": "rice"})
    assert response.status_code == 200
    assert hit_ids(response) == [stories["rice"].pk]
    assert response.context["result"].degraded
    assert "simplified mode" in response.content.decode()


def test_the_search_feed_answers_from_the_database(client, stories, node_away):
    response = client.get("/en/feeds/search.rss", {"q": "rice"})
    assert response.status_code == 200
    body = response.content.decode()
    assert stories["rice"].title_en in body
    assert stories["coffee"].title_en not in body


def test_autocomplete_answers_from_the_database(client, stories, node_away):
    response = client.get("/en/search/suggest/", {"q": "coff"})
    assert response.status_code == 200
    assert response.json() == {
        "results": [{"title": stories["coffee"].title_en, "url": stories["coffee"].url}]
    }


def test_a_story_edited_while_the_node_is_away_is_found_by_its_new_words(
    client, stories, node_away
):
    story = stories["rice"]
    story.title_vi = story.title = story.standfirst_vi = "Gạo thơm lài sang Pháp"
    story.save_revision().publish()
    assert hit_ids(client.get("/vi/search/", {"q": "lài"})) == [story.pk]
    assert hit_ids(client.get("/vi/search/", {"q": "tăng"})) == []


def test_the_fallback_backend_is_a_database_backend():
    assert type(fallback_backend()).__module__.startswith("modelsearch.backends.database")
    assert fallback_search_runs_on_the_database(None) == []


def test_an_elasticsearch_backend_for_the_fallback_is_a_system_error(settings, stories):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "modelsearch.backends.elasticsearch8", "URLS": [UNREACHABLE]}
    }
    errors = fallback_search_runs_on_the_database(None)
    assert [error.id for error in errors] == ["search.E004"]
    assert all(error.level == checks.ERROR for error in errors)
    # And the fallback refuses it rather than waiting on Elasticsearch.
    with pytest.raises(ImproperlyConfigured):
        database_search(SearchRequest(language="en", query="rice"))


@pytest.fixture
def cjk(section):
    return {
        "ja_title": published_story(
            section, {"ja": ("コーヒーの輸出が増加", "ベトナム産の豆。")}, days_ago=3
        ),
        "ja_body": published_story(
            section, {"ja": ("農産物の輸出", "ベトナムのコーヒーが日本で人気です。")}
        ),
        "ja_other": published_story(section, {"ja": ("米の輸出", "ジャスミン米。")}),
        "zh": published_story(section, {"zh_hans": ("农产品出口", "越南咖啡在中国很受欢迎。")}),
        "zh_other": published_story(section, {"zh_hans": ("大米出口", "香米。")}),
        "ko": published_story(section, {"ko": ("농산물 수출", "베트남 커피를 좋아합니다.")}),
        "vi": published_story(section, {"vi": ("Cà phê", "Cà phê Việt Nam. コーヒー 咖啡")}),
    }


def test_japanese_words_are_found_in_titles_first(client, cjk, no_node):
    response = client.get("/ja/search/", {"q": "コーヒー"})
    assert response.status_code == 200
    assert hit_ids(response) == [cjk["ja_title"].pk, cjk["ja_body"].pk]
    assert not response.context["result"].degraded


def test_chinese_words_are_found_in_the_body(client, cjk, no_node):
    response = client.get("/zh-hans/search/", {"q": "咖啡"})
    assert hit_ids(response) == [cjk["zh"].pk]


def test_korean_words_are_found_with_their_particles(client, cjk, no_node):
    response = client.get("/ko/search/", {"q": "커피"})
    assert hit_ids(response) == [cjk["ko"].pk]


def test_korean_words_typed_with_a_particle_are_found_with_another(client, cjk, no_node):
    response = client.get("/ko/search/", {"q": "커피는"})
    assert hit_ids(response) == [cjk["ko"].pk]


def test_every_word_must_match(client, cjk, no_node):
    assert hit_ids(client.get("/ja/search/", {"q": "コーヒー 日本"})) == [cjk["ja_body"].pk]
    assert hit_ids(client.get("/ja/search/", {"q": "コーヒー 紅茶"})) == []


def test_sorting_by_date_puts_the_newest_first(client, cjk, no_node):
    response = client.get("/ja/search/", {"q": "コーヒー", "sort": "date"})
    assert hit_ids(response) == [cjk["ja_body"].pk, cjk["ja_title"].pk]


def test_cjk_words_are_found_while_the_node_is_away(client, cjk, node_away):
    response = client.get("/ja/search/", {"q": "コーヒー"})
    assert hit_ids(response) == [cjk["ja_title"].pk, cjk["ja_body"].pk]
    assert response.context["result"].degraded
    feed = client.get("/zh-hans/feeds/search.rss", {"q": "咖啡"})
    assert feed.status_code == 200
    assert cjk["zh"].title_zh_hans in feed.content.decode()
    assert cjk["zh_other"].title_zh_hans not in feed.content.decode()


@pytest.fixture
def inflected(section):
    return {
        "ar_coffee": published_story(
            section,
            {"ar": ("القهوة الفيتنامية في مقاهي الأردن", "تستورد المحامص الأردنية البن.")},
        ),
        "ar_scholarships": published_story(
            section, {"ar": ("منح دراسية للطلاب الفيتناميين", "تعلم اللغة العربية في القاهرة.")}
        ),
        "ru_fruit": published_story(
            section, {"ru": ("Вьетнамские фрукты на Дальнем Востоке", "Дуриан и манго.")}
        ),
        "ru_other": published_story(section, {"ru": ("Рис из дельты Меконга", "Экспорт риса.")}),
        "fr_rice": published_story(
            section, {"fr": ("Les exportations de riz progressent", "Riz parfumé.")}
        ),
    }


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("ar", "قهوة", ["ar_coffee"]),  # the story has it only with its article
        ("ar", "المحامص", ["ar_coffee"]),  # typed with the article, found with it
        ("ar", "طلاب فيتناميين", ["ar_scholarships"]),  # both words inflected and prefixed
        ("ar", "اللغة العربية", ["ar_scholarships"]),
        ("ru", "вьетнамским фруктам", ["ru_fruit"]),
        ("ru", "Дальний Восток", ["ru_fruit"]),
        ("ru", "дурианы", ["ru_fruit"]),
        ("fr", "exportation riz", ["fr_rice"]),
    ],
)
def test_inflected_and_prefixed_words_are_found_in_other_forms(
    client, inflected, no_node, language, query, expected
):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    assert hit_ids(response) == [inflected[name].pk for name in expected]


def test_every_inflected_word_must_still_match(client, inflected, no_node):
    assert hit_ids(client.get("/ar/search/", {"q": "قهوة شاي"})) == []
    assert hit_ids(client.get("/ru/search/", {"q": "фрукты Меконга"})) == []


def test_arabic_words_are_found_while_the_node_is_away(client, inflected, node_away):
    response = client.get("/ar/search/", {"q": "قهوة"})
    assert hit_ids(response) == [inflected["ar_coffee"].pk]
    assert response.context["result"].degraded


@pytest.mark.parametrize(
    ("language", "word", "part"),
    [
        ("ru", "торговля", "торгов"),
        ("ru", "ЕАЭС", "ЕАЭС"),  # short: as typed
        ("es", "camarón", "camar"),  # never shorter than five letters
        ("ar", "الهيدروجين", "هيدروج"),
        ("ar", "الأردن", "أردن"),
        ("es", "112/2025/nd-cp", "112/2025/nd-cp"),  # a document number: as typed
        ("en", "exports", "exports"),  # English goes to the backend as typed
        ("vi", "xuất", "xuất"),
        ("ko", "커피를", "커피"),
        ("ko", "설날에", "설날"),
        ("ko", "교민", "교민"),
        ("ko", "를", "를"),
    ],
)
def test_the_part_of_a_word_looked_for(language, word, part):
    assert matched_part(language, word) == part


@pytest.fixture
def numbered(section):
    return {
        "decision": published_story(
            section,
            {
                "vi": ("Lộ trình xuất khẩu mới", "Theo Quyết định 1846/QĐ-BCT của Bộ."),
                "en": ("Decision 1846/QD-BCT sets an export plan", "The plan runs to 2030."),
            },
        ),
        "decree": published_story(
            section, {"vi": ("Nghị định 86/2025/NĐ-CP có hiệu lực", "Áp dụng từ tháng Bảy.")}
        ),
        "other": published_story(section, {"vi": ("Quyết định 11846/QĐ-BCT", "Khác.")}),
        "dashed": published_story(section, {"vi": ("Thông tư 07/2026/TT\u2013BNG", "Lãnh sự.")}),
    }


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("vi", "1846/QD-BCT", ["decision"]),  # typed with D, written with Đ in the body
        ("vi", "1846/QĐ-BCT", ["decision"]),
        ("vi", "1846", ["decision"]),  # a whole number: not inside 11846
        ("en", "1846/qd-bct", ["decision"]),
        ("vi", "86/2025/nd-cp", ["decree"]),
        ("vi", "86/2025/NĐ-CP hiệu lực", ["decree"]),  # with words, every one must match
        ("vi", "184", []),
        ("vi", "07/2026/TT-BNG", ["dashed"]),  # typed with a hyphen, written with an en dash
        ("vi", "1846/QĐ\u2013BCT", ["decision"]),  # and the other way round
    ],
)
def test_document_numbers_are_found_as_written_or_typed(
    client, numbered, no_node, language, query, expected
):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    assert hit_ids(response) == [numbered[name].pk for name in expected]


@pytest.fixture
def vietnamese(section):
    return {
        "trade": published_story(
            section, {"vi": ("Thương mại Việt Nam – Úc tăng mạnh", "Hàng nông sản dẫn đầu.")}
        ),
        "market": published_story(
            section, {"vi": ("Đoàn doanh nghiệp mở thị trường cho trái cây", "Sang Úc.")}
        ),
        "supply": published_story(section, {"vi": ("Chuỗi cung ứng nông sản", "Kết nối.")}),
        "pepper": published_story(
            section, {"fr": ("Le poivre obtient une indication géographique", "Protégée.")}
        ),
        "cashew": published_story(
            section, {"en": ("Cashew processors open plants in Côte d'Ivoire", "Jobs.")}
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thuong mai", ["trade"]),  # typed without the marks
        ("thương mại", ["trade"]),  # as written
        ("Thuong mại", ["trade"]),  # both at once
        ("doan doanh nghiep", ["market"]),  # đ typed as d
        ("thi truong", ["market"]),
        ("chuoi cung ung", ["supply"]),  # letters with two marks each
    ],
)
def test_vietnamese_words_typed_without_marks_are_found(
    client, vietnamese, no_node, query, expected
):
    response = client.get("/vi/search/", {"q": query})
    assert response.status_code == 200
    assert hit_ids(response) == [vietnamese[name].pk for name in expected]


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("fr", "indication geographique", ["pepper"]),  # found again without the marks
        ("fr", "indications géographiques", ["pepper"]),  # as typed, inflected
        ("fr", "geographique riz", []),  # every word must still match
        ("en", "cote d'ivoire cashew", ["cashew"]),
        ("en", "cashew processors", ["cashew"]),  # as typed: found at once
    ],
)
def test_french_and_english_words_typed_without_marks_are_found(
    client, vietnamese, no_node, language, query, expected
):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    assert hit_ids(response) == [vietnamese[name].pk for name in expected]


def test_unmarked_words_are_whole_words_and_every_one_must_match(client, vietnamese, node_away):
    # "mai" is a whole word of the trade story only; "thuong" alone of "thương" (not "trường").
    assert hit_ids(client.get("/vi/search/", {"q": "ma"})) == []
    assert hit_ids(client.get("/vi/search/", {"q": "thuong trai"})) == []
    response = client.get("/vi/search/", {"q": "trai cay"})
    assert hit_ids(response) == [vietnamese["market"].pk]
    assert response.context["result"].degraded
