"""Arabic pages read in the right order in Chromium: measured on the rendered glyphs."""

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import override

from tests.factories import ArticlePageFactory
from tests.factories.stories import paragraphs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = "41/2025/TT-BCT"
QUOTE = "Lương Thanh Bình, người phát ngôn."

# The x position of each character of an element's text, as Chromium laid it out.
CHARACTER_POSITIONS = """element => {
  const text = element.firstChild;
  return Array.from(text.data, (_, i) => {
    const range = document.createRange();
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    return range.getBoundingClientRect().left;
  });
}"""


def is_left_to_right(positions):
    return all(left < right for left, right in itertools.pairwise(positions))


def test_document_numbers_and_vietnamese_text_keep_their_order_inside_arabic(
    live_server, section, browser_page
):
    story = ArticlePageFactory(
        parent=section,
        publication_date=datetime(2026, 11, 29, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        title_ar="تعميم جديد",
        slug_ar="taamim-jadid",
        standfirst_ar="تعميم جديد بشأن قواعد المنشأ.",
        body_ar=paragraphs(f"يدخل التعميم {NUMBER} حيز التنفيذ.", QUOTE),
    )
    with override("ar"):
        browser_page.goto(live_server.url + story.get_url())
    assert browser_page.locator("html").get_attribute("dir") == "rtl"

    number = browser_page.locator(".prose bdi", has_text=NUMBER)
    assert number.inner_text() == NUMBER
    assert is_left_to_right(number.evaluate(CHARACTER_POSITIONS))
    # The Arabic words before it in the text lie to its right, as Arabic reads.
    words_before = browser_page.locator(".prose p").first.evaluate(
        """p => {
          const range = document.createRange();
          range.selectNodeContents(p.firstChild);
          return range.getBoundingClientRect().left;
        }"""
    )
    assert words_before >= number.bounding_box()["x"] + number.bounding_box()["width"] - 1
    # Without the isolation Chromium shows it as "TT-BCT/41/2025", as the issue saw it.
    bare = browser_page.evaluate(
        """number => {
          const p = document.createElement("p");
          p.textContent = `يدخل التعميم ${number} حيز التنفيذ.`;
          document.querySelector(".prose").append(p);
          const text = p.firstChild, start = p.textContent.indexOf(number);
          const at = i => {
            const range = document.createRange();
            range.setStart(text, start + i); range.setEnd(text, start + i + 1);
            return range.getBoundingClientRect().left;
          };
          return [at(0), at(number.length - 1)];
        }""",
        NUMBER,
    )
    assert not is_left_to_right(bare)

    quote = browser_page.locator(".prose bdi", has_text="Lương Thanh Bình")
    positions = quote.evaluate(CHARACTER_POSITIONS)
    assert is_left_to_right(positions)  # its full stop at its end, on the right

    assert browser_page.locator(".article__meta time").inner_text() == "29 نوفمبر 2026، 09:30"
