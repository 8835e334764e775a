"""Translation QA: what a translation must carry over from its source, field by field."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.functional import Promise

from content.translating.checks import (
    Check,
    FieldPair,
    TermRule,
    check_fields,
    check_text,
    read_numbers,
)

SOURCE_VI = (
    "Theo Quyết định số 2387/QĐ-BCT ngày 15 tháng 4 năm 2024, xuất khẩu gạo đạt 1.234,5 nghìn "
    "tấn. Chi tiết tại https://moit.gov.vn/van-ban/2387-qd-bct, liên hệ báo chí: "
    "baochi@moit.gov.vn."
)

CORRECT_TRANSLATIONS = {
    "en": (
        "Under Decision No. 2387/QD-BCT of April 15, 2024, rice exports reached 1,234.5 "
        "thousand tonnes. Details at https://moit.gov.vn/van-ban/2387-qd-bct; press enquiries: "
        "baochi@moit.gov.vn."
    ),
    "fr": (
        "Selon la décision n° 2387/QD-BCT du 15 avril 2024, les exportations de riz ont atteint "
        "1\u202f234,5 milliers de tonnes. Détails sur https://moit.gov.vn/van-ban/2387-qd-bct\u202f;"
        " presse\u202f: baochi@moit.gov.vn."
    ),
    "es": (
        "Según la Decisión n.º 2387/QD-BCT del 15 de abril de 2024, las exportaciones de arroz "
        "alcanzaron 1.234,5 miles de toneladas. Más información en "
        "https://moit.gov.vn/van-ban/2387-qd-bct; prensa: baochi@moit.gov.vn."
    ),
    "ru": (
        "Согласно решению № 2387/QD-BCT от 15 апреля 2024 г., экспорт риса достиг "
        "1\u00a0234,5 тыс. тонн. Подробности: https://moit.gov.vn/van-ban/2387-qd-bct, "
        "пресс-служба: baochi@moit.gov.vn."
    ),
    "zh-hans": (
        "根据2024年4月15日第2387/QD-BCT号决定，大米出口量达到1,234.5千吨。"
        "详情见https://moit.gov.vn/van-ban/2387-qd-bct，媒体联系：baochi@moit.gov.vn。"
    ),
    "ja": (
        "2024年4月15日付の決定第2387/QD-BCT号により、コメの輸出量は1,234.5千トンに達した。"
        "詳細はhttps://moit.gov.vn/van-ban/2387-qd-bct、報道関係の問い合わせはbaochi@moit.gov.vnまで。"
    ),
    "ko": (
        "2024년 4월 15일 자 결정 제2387/QD-BCT호에 따라 쌀 수출량은 1,234.5천 톤에 달했다. "
        "자세한 내용은 https://moit.gov.vn/van-ban/2387-qd-bct 에서, 언론 문의는 "
        "baochi@moit.gov.vn 으로 하면 된다."
    ),
    "ar": (
        "بموجب القرار رقم 2387/QD-BCT الصادر في 15 أبريل 2024، بلغت صادرات الأرز 1,234.5 ألف "
        "طن. التفاصيل على https://moit.gov.vn/van-ban/2387-qd-bct وللاستفسارات الصحفية: "
        "baochi@moit.gov.vn."
    ),
}


def checks_of(findings):
    return [finding.check for finding in findings]


def test_scrambled_resolution_reference_is_caught():
    findings = check_text(
        "Nghị quyết số 47/NQ-CP ngày 15 tháng 4 năm 2024",
        "Resolution No. 2024/NQ-CP dated April 47, 15",
        "vi",
        "en",
    )

    assert [(f.check, f.expected, f.found) for f in findings] == [
        (Check.INVALID_DATE, "", "April 47, 15"),
        (Check.DOCUMENT_NUMBER, "47/NQ-CP", "2024/NQ-CP"),
        (Check.DATE, "ngày 15 tháng 4 năm 2024", ""),
    ]


def test_scrambled_conclusion_reference_is_caught():
    findings = check_text(
        "Kết luận số 57-KL/TW ngày 30 tháng 6 năm 2024",
        "Conclusion No. 2024-KL/TW dated June 2030, 57",
        "vi",
        "en",
    )

    assert [(f.check, f.expected, f.found) for f in findings] == [
        (Check.INVALID_DATE, "", "June 2030, 57"),
        (Check.DOCUMENT_NUMBER, "57-KL/TW", "2024-KL/TW"),
        (Check.DATE, "ngày 30 tháng 6 năm 2024", ""),
    ]


def test_findings_explain_themselves_in_the_readers_language():
    [finding] = check_text("Nghị quyết 47/NQ-CP", "Resolution 74/NQ-CP", "vi", "en")

    assert isinstance(finding.message, Promise)
    with translation.override("en"):
        assert str(finding.message) == "Document number “47/NQ-CP” was changed to “74/NQ-CP”."


@pytest.mark.parametrize("language", sorted(CORRECT_TRANSLATIONS))
def test_a_faithful_translation_has_no_findings(language):
    assert check_text(SOURCE_VI, CORRECT_TRANSLATIONS[language], "vi", language) == []


@pytest.mark.parametrize("language", sorted(CORRECT_TRANSLATIONS))
def test_a_changed_figure_is_caught_in_every_language(language):
    target = CORRECT_TRANSLATIONS[language].replace("234,5", "234,6").replace("234.5", "234.6")

    [finding] = check_text(SOURCE_VI, target, "vi", language)

    assert finding.check == Check.NUMBER
    assert finding.expected == "1.234,5"


@pytest.mark.parametrize(
    ("language", "written", "value"),
    [
        ("vi", "1.234,5", "1234.5"),
        ("vi", "1 234,5", "1234.5"),
        ("fr", "1\u202f234,5", "1234.5"),
        ("fr", "1\u00a0234\u00a0567", "1234567"),
        ("es", "12.500", "12500"),
        ("ru", "15 000", "15000"),
        ("en", "1,234.5", "1234.5"),
        ("en", "1.234", "1.234"),
        ("zh-hans", "1,234,567.89", "1234567.89"),
        ("ko", "0.5", "0.5"),
        ("ar", "1,234.5", "1234.5"),
        ("ar", "1٬234٫5", "1234.5"),
        ("vi", "2.5", "2.5"),
    ],
)
def test_numbers_are_read_in_the_languages_format(language, written, value):
    assert read_numbers(written, language) == [Decimal(value)]


def test_digits_side_by_side_that_make_no_number_are_several_numbers():
    assert read_numbers("2024 150", "fr") == [Decimal(2024), Decimal(150)]


def test_a_number_only_the_other_convention_can_read_is_read_that_way():
    assert check_text("Đạt 1.234,5 tấn.", "Reached 1.234,5 tonnes.", "vi", "en") == []


def test_a_number_english_readers_would_misread_is_caught():
    [finding] = check_text("Đạt 1.234 tấn.", "Reached 1.234 tonnes.", "vi", "en")

    assert (finding.check, finding.expected, finding.found) == (Check.NUMBER, "1.234", "1.234")


def test_arabic_indic_digits_are_the_same_numbers_and_dates():
    target = (
        "بموجب القرار رقم ٢٣٨٧/QD-BCT الصادر في ١٥ نيسان ٢٠٢٤، بلغت صادرات الأرز ١٬٢٣٤٫٥ ألف "
        "طن. التفاصيل على https://moit.gov.vn/van-ban/2387-qd-bct وللاستفسارات الصحفية: "
        "baochi@moit.gov.vn."
    )

    assert check_text(SOURCE_VI, target, "vi", "ar") == []


def test_a_changed_arabic_indic_number_is_shown_as_written():
    [finding] = check_text("Đạt 1.234,5 tấn.", "بلغت ١٬٢٣٥٫٥ طن.", "vi", "ar")

    assert (finding.check, finding.found) == (Check.NUMBER, "١٬٢٣٥٫٥")


@pytest.mark.parametrize(
    ("source_language", "source", "language", "impossible"),
    [
        ("en", "April 30, 2024", "vi", "ngày 31 tháng 4 năm 2024"),
        ("vi", "ngày 30 tháng 4 năm 2024", "en", "April 31, 2024"),
        ("vi", "ngày 30 tháng 4 năm 2024", "fr", "31 avril 2024"),
        ("vi", "ngày 28 tháng 2 năm 2024", "es", "30 de febrero de 2024"),
        ("vi", "ngày 30 tháng 6 năm 2024", "ru", "31 июня 2024 года"),
        ("vi", "ngày 29 tháng 2 năm 2024", "zh-hans", "2024年2月30日"),
        ("vi", "ngày 28 tháng 2 năm 2023", "ja", "2023年2月29日"),
        ("vi", "ngày 30 tháng 4 năm 2024", "ko", "2024년 4월 31일"),
        ("vi", "ngày 30 tháng 4 năm 2024", "ar", "31 أبريل 2024"),
        ("vi", "ngày 30 tháng 4 năm 2024", "ar", "٣١ نيسان ٢٠٢٤"),
    ],
)
def test_a_date_that_does_not_exist_is_always_a_finding(
    source_language, source, language, impossible
):
    findings = check_text(f"{source}.", f"{impossible}.", source_language, language)

    assert (Check.INVALID_DATE, impossible) in [(f.check, f.found) for f in findings]


def test_an_impossible_date_is_a_finding_even_when_the_source_has_it_too():
    findings = check_text("ngày 31/4/2024", "April 31, 2024", "vi", "en")

    assert checks_of(findings) == [Check.INVALID_DATE]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("ngày 15/4/2024", "on 15 April 2024"),
        ("ngày 15-4-2024", "on April 15th, 2024"),
        ("sáng 15/4", "on the morning of 15 April"),
        ("tháng 4 năm 2024", "in April 2024"),
        ("tháng 4/2024", "in Apr. 2024"),
        ("2024-04-15", "2024-04-15"),
    ],
)
def test_dates_are_compared_as_values_not_as_written(source, target):
    assert check_text(source, target, "vi", "en") == []


def test_a_month_and_a_count_are_not_taken_for_a_broken_date():
    source = "Tháng 4 năm 2024, 15 doanh nghiệp đã ký; trong tháng 5, thêm 12 doanh nghiệp."
    target = "In April 2024, 15 companies signed; in May, 12 more followed."

    assert check_text(source, target, "vi", "en") == []


def test_a_shifted_date_is_a_changed_date():
    [finding] = check_text("ngày 15 tháng 4 năm 2024", "15 avril 2025", "vi", "fr")

    assert (finding.check, finding.expected, finding.found) == (
        Check.DATE,
        "ngày 15 tháng 4 năm 2024",
        "15 avril 2025",
    )


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Quyết định 2387/QĐ-BCT", "Decision 2387/QD-BCT"),
        ("Quyết định 1492/QĐ-TTg", "Decision 1492/QĐ-TTg"),
        ("Nghị định số 15/2024/NĐ-CP", "Decree No. 15/2024/ND-CP"),
        ("Chỉ thị 12/CT-TTg", "Directive 12/CT-TTg"),
        ("Kết luận 57-KL/TW", "Conclusion 57-KL/TW"),
        # French typography puts a non-breaking space after "n°".
        ("Thông tư số 41/2025/TT-BCT", "la circulaire n°\u00a041/2025/TT-BCT"),
        ("Nghị quyết số 164/NQ-CP", "la résolution n°164/NQ-CP"),
    ],
)
def test_document_numbers_with_d_or_stroked_d_are_one_number(source, target):
    assert check_text(source, target, "vi", "en") == []


def test_a_document_number_with_changed_digits_is_caught_despite_the_stroked_d():
    [finding] = check_text("Quyết định 2387/QĐ-BCT", "Decision 2378/QD-BCT", "vi", "en")

    assert (finding.check, finding.expected, finding.found) == (
        Check.DOCUMENT_NUMBER,
        "2387/QĐ-BCT",
        "2378/QD-BCT",
    )


def test_a_number_written_twice_must_be_translated_twice():
    [finding] = check_text("3 tàu và 3 máy bay", "3 ships and aircraft", "vi", "en")

    assert (finding.check, finding.expected, finding.found) == (Check.NUMBER, "3", "")


def test_a_number_the_source_does_not_have_is_caught():
    [finding] = check_text("Ba bên đã ký", "The 3 parties signed", "vi", "en")

    assert (finding.check, finding.expected, finding.found) == (Check.NUMBER, "", "3")


def test_a_changed_link_is_caught():
    [finding] = check_text(
        "Xem https://moit.gov.vn/tin-tuc/gao.",
        "See https://moit.gov.vn/news/rice.",
        "vi",
        "en",
    )

    assert (finding.check, finding.expected, finding.found) == (
        Check.URL,
        "https://moit.gov.vn/tin-tuc/gao",
        "https://moit.gov.vn/news/rice",
    )


def test_a_changed_email_address_is_caught():
    [finding] = check_text("Liên hệ baochi@moit.gov.vn", "Contact press@moit.gov.vn", "vi", "en")

    assert (finding.check, finding.expected, finding.found) == (
        Check.EMAIL,
        "baochi@moit.gov.vn",
        "press@moit.gov.vn",
    )


def test_rich_text_is_read_without_tags_and_with_its_link_targets():
    source = (
        '<p>Xem <a href="https://moit.gov.vn/van-ban">văn bản</a> hoặc '
        '<a href="mailto:baochi@moit.gov.vn">gửi thư</a>.</p><p>15</p><p>4</p>'
    )
    target = (
        '<p>See <a href="https://moit.gov.vn/documents">the text</a> or '
        '<a href="mailto:press@moit.gov.vn">write</a>.</p><p>15</p><p>4</p>'
    )

    findings = check_text(source, target, "vi", "en")

    assert [(f.check, f.expected, f.found) for f in findings] == [
        (Check.URL, "https://moit.gov.vn/van-ban", "https://moit.gov.vn/documents"),
        (Check.EMAIL, "baochi@moit.gov.vn", "press@moit.gov.vn"),
    ]


def test_a_link_kept_as_a_link_target_passes():
    source = '<p>Chi tiết tại <a href="https://moit.gov.vn/van-ban/">đây</a>.</p>'
    target = '<p>Details <a href="https://moit.gov.vn/van-ban">here</a>.</p>'

    assert check_text(source, target, "vi", "en") == []


def test_a_term_with_a_rendering_must_be_translated_so():
    ministry = TermRule("Bộ Công Thương", {"en": "Ministry of Industry and Trade"})
    source = "Bộ Công Thương công bố số liệu."

    [finding] = check_text(source, "The trade ministry published data.", "vi", "en", [ministry])
    passing = check_text(
        source, "The Ministry of Industry and Trade published data.", "vi", "en", [ministry]
    )

    assert (finding.check, finding.expected) == (Check.TERM, "Ministry of Industry and Trade")
    assert passing == []


def test_a_protected_term_must_appear_exactly_as_written():
    brand = TermRule("VinFast", protected=True)

    [finding] = check_text("Xe VinFast", "Vinfast cars", "vi", "en", [brand])

    assert (finding.check, finding.expected) == (Check.TERM, "VinFast")
    assert check_text("Xe VINFAST", "VinFast cars", "vi", "en", [brand]) == []


def test_a_term_counts_only_as_whole_words_where_the_script_has_words():
    asean = TermRule("ASEAN", protected=True)

    assert check_text("Hội nghị ASEANO", "The ASEANO meeting", "vi", "en", [asean]) == []
    assert check_text("Hội nghị ASEAN", "ASEAN의 회의", "vi", "ko", [asean]) == []
    assert checks_of(check_text("Hội nghị ASEAN", "아세안 회의", "vi", "ko", [asean])) == [
        Check.TERM
    ]


def test_a_rendering_for_the_target_language_wins_over_protection():
    asean = TermRule("ASEAN", {"zh-Hans": "东盟"}, protected=True)

    assert check_text("Hội nghị ASEAN", "东盟会议", "vi", "zh-hans", [asean]) == []


def test_field_findings_are_grouped_by_field_and_block():
    pairs = [
        FieldPair("Title", "Nghị quyết 47/NQ-CP", "Resolution 47/NQ-CP"),
        FieldPair("Standfirst", "Xuất khẩu đạt 1.234,5 tấn", "Exports reached 1,243.5 tonnes"),
        ("Body › block 3 (paragraph)", "<p>ngày 15 tháng 4 năm 2024</p>", "<p>April 47</p>"),
        ("Body › block 3 (paragraph)", "liên hệ baochi@moit.gov.vn", "contact us"),
    ]

    grouped = check_fields(pairs, "vi", "en")

    assert list(grouped) == ["Standfirst", "Body › block 3 (paragraph)"]
    assert checks_of(grouped["Standfirst"]) == [Check.NUMBER]
    assert checks_of(grouped["Body › block 3 (paragraph)"]) == [
        Check.INVALID_DATE,
        Check.DATE,
        Check.EMAIL,
    ]


def test_fields_without_findings_give_nothing_to_show():
    assert check_fields([("Title", SOURCE_VI, CORRECT_TRANSLATIONS["en"])], "vi", "en") == {}
