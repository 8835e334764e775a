"""A body's plain text: every block's words, with cited documents' numbers and titles."""

import pytest

from content.plain_text import block_texts, cited_document_ids, plain_text
from tests.factories import ArticlePageFactory, OfficialDocumentFactory

pytestmark = pytest.mark.django_db


def test_every_kind_of_block_gives_its_words(section):
    document = OfficialDocumentFactory(number="2387/QD-BCT", title_vi="Quyết định về gạo")
    story = ArticlePageFactory(
        parent=section,
        body_vi=[
            {"type": "paragraph", "value": "<p>Giá <b>gạo</b> tăng.</p>"},
            {"type": "heading", "value": "Bước tiếp theo"},
            {
                "type": "pull_quote",
                "value": {"quote": "Thị trường mở", "attribution": "Thứ trưởng"},
            },
            {
                "type": "fact_box",
                "value": {"title": "Số liệu", "items": ["Tăng 12%", "Ba hiệp định"]},
            },
            {"type": "table", "value": {"data": [["Năm", "Tấn"], ["2025", "900"]]}},
            {"type": "document", "value": document.pk},
        ],
    )
    body = type(story).objects.get(pk=story.pk).body_vi
    documents = {document.pk: (document.number, document.title_vi)}
    assert cited_document_ids(body) == {document.pk}
    assert block_texts(body, documents) == [
        "Giá gạo tăng.",
        "Bước tiếp theo",
        "Thị trường mở Thứ trưởng",
        "Số liệu Tăng 12% Ba hiệp định",
        "Năm Tấn 2025 900",
        "2387/QD-BCT Quyết định về gạo",
    ]
    assert plain_text(body, documents).startswith("Giá gạo tăng.\nBước tiếp theo")


def test_an_empty_body_has_no_text():
    assert plain_text(None) == ""
