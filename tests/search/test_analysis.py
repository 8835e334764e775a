"""Each language's analysis, pinned: the development node and production must cut words alike.

These are the outputs of Elasticsearch's official analyzers (and the ICU, SmartCN, Kuromoji
and Nori plugins) that production runs; the development node reimplements the same names on
the same Lucene classes, and these tests keep that promise honest.
"""

import uuid

import pytest
from elasticsearch import Elasticsearch

from search.index import article_index, languages


@pytest.fixture(scope="module")
def analysis_client(search_node):
    """One index per language, created once: analysis tests only read their settings."""
    client = Elasticsearch(search_node, request_timeout=30)
    prefix = f"test-analysis-{uuid.uuid4().hex[:8]}"
    for language in languages():
        article_index(f"{prefix}-{language}", language).create(using=client)
    client.prefix = prefix
    yield client
    client.indices.delete(index=f"{prefix}-*", ignore_unavailable=True)


@pytest.fixture
def tokens(analysis_client):
    def analyse(language, field, text):
        index = f"{analysis_client.prefix}-{language}"
        answer = analysis_client.indices.analyze(index=index, field=field, text=text)
        return [token["token"] for token in answer["tokens"]]

    return analyse


@pytest.mark.parametrize(
    ("language", "field", "text", "expected"),
    [
        ("vi", "title", "Bộ Công Thương", ["bộ", "công", "thương"]),
        ("vi", "title.folded", "Bộ Công Thương", ["bo", "cong", "thuong"]),
        ("vi", "title.folded", "Đà Nẵng", ["da", "nang"]),
        (
            "en",
            "title",
            "The ministries were negotiating agreements",
            ["ministri", "were", "negoti", "agreement"],
        ),
        (
            "fr",
            "title",
            "Les relations économiques internationales",
            ["relation", "econom", "international"],
        ),
        ("fr", "title", "l'accord", ["acord"]),
        (
            "es",
            "title",
            "Las exportaciones agrícolas crecieron",
            ["exportacion", "agricol", "crecieron"],
        ),
        (
            "ru",
            "title",
            "Министерство иностранных дел заключило соглашения",
            ["министерств", "иностра", "дел", "заключ", "соглашен"],
        ),
        ("ar", "title", "وزارة الخارجية والتجارة", ["زار", "خارج", "تجار"]),
        (
            "zh-hans",
            "title",
            "中华人民共和国外交部发表声明",
            ["中华人民共和国", "外交部", "发表", "声明"],
        ),
        ("ja", "title", "外務省の発表によると", ["外務省", "発表", "よる"]),
        ("ko", "title", "외교부는 협정을 체결했다", ["외교", "부", "협정", "체결"]),
    ],
)
def test_each_language_is_analysed_as_production_does(tokens, language, field, text, expected):
    assert tokens(language, field, text) == expected


def test_document_numbers_are_kept_whole_and_split_into_parts(tokens):
    assert tokens("vi", "document_numbers.whole", "2387/QĐ-BCT") == ["2387/qd-bct"]
    assert tokens("vi", "document_numbers.parts", "2387/QĐ-BCT") == ["2387", "qđ", "bct"]


def test_titles_are_cut_into_prefixes_for_autocomplete(tokens):
    assert tokens("en", "title.autocomplete", "Coffee talks")[:6] == [
        "c",
        "co",
        "cof",
        "coff",
        "coffe",
        "coffee",
    ]
