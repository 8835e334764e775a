"""Document numbers, URLs, numbers and Latin words keep their order inside Arabic text."""

from wagtail.rich_text import RichText

from content.bidi import isolate, isolate_left_to_right_runs


def test_a_circular_number_in_arabic_text_is_isolated_whole():
    assert isolate("أصدرت الوزارة التعميم 41/2025/TT-BCT بشأن التصدير") == (
        'أصدرت الوزارة التعميم <bdi dir="ltr">41/2025/TT-BCT</bdi> بشأن التصدير'
    )


def test_every_kind_of_document_number_is_isolated_without_the_arabic_full_stop():
    text = isolate("القرار 164/NQ-CP والاستنتاج 57-KL/TW والقرار 1492/QĐ-TTg.")
    assert text == (
        'القرار <bdi dir="ltr">164/NQ-CP</bdi> والاستنتاج <bdi dir="ltr">57-KL/TW</bdi>'
        ' والقرار <bdi dir="ltr">1492/QĐ-TTg</bdi>.'
    )


def test_a_url_is_isolated_without_the_sentence_punctuation_after_it():
    assert isolate("راجع https://example.gov.vn/van-ban?so=41. ثم") == (
        'راجع <bdi dir="ltr">https://example.gov.vn/van-ban?so=41</bdi>. ثم'
    )


def test_numbers_and_a_run_of_latin_words_are_isolated_each():
    assert isolate("بلغت 1,200 شركة و12.5% في إطار Hiệp định EVFTA، كما") == (
        'بلغت <bdi dir="ltr">1,200</bdi> شركة و<bdi dir="ltr">12.5%</bdi> في إطار '
        '<bdi dir="ltr">Hiệp định EVFTA</bdi>، كما'
    )


def test_vietnamese_text_with_no_arabic_letter_keeps_its_punctuation_at_its_end():
    assert isolate("Lương Thanh Bình, người phát ngôn.") == (
        '<bdi dir="ltr">Lương Thanh Bình, người phát ngôn.</bdi>'
    )


def test_plain_text_is_escaped_and_markup_keeps_its_tags_and_attributes():
    assert isolate("<script>") == '<bdi dir="ltr">&lt;script&gt;</bdi>'
    html = '<p>وقع <a href="https://x.vn/a-1">Hiệp định</a> <bdi>CPTPP</bdi> <code>A-1</code></p>'
    assert isolate_left_to_right_runs(html) == (
        '<p>وقع <a href="https://x.vn/a-1"><bdi dir="ltr">Hiệp định</bdi></a> <bdi>CPTPP</bdi>'
        " <code>A-1</code></p>"
    )


def test_arabic_text_alone_is_left_as_it_is():
    assert isolate("الوزارة تنفي الشائعات") == "الوزارة تنفي الشائعات"


def test_rich_text_is_isolated_as_markup_not_escaped():
    assert isolate(RichText("<p>تعميم 41/2025/TT-BCT</p>")) == (
        '<p>تعميم <bdi dir="ltr">41/2025/TT-BCT</bdi></p>'
    )
