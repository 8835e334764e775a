"""Official documents: numbers must fit their kind and dates must exist."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from content.document_numbers import NUMBERING_RULES
from content.models import OfficialDocument
from tests.factories import OfficialDocumentFactory

pytestmark = pytest.mark.django_db


def document(kind, number, signed=datetime.date(2025, 6, 2)):
    return OfficialDocument(
        kind=kind, number=number, title="T", issuing_body="Chính phủ", date_signed=signed
    )


@pytest.mark.parametrize(
    ("kind", "number", "signed"),
    [
        ("resolution", "47/NQ-CP", datetime.date(2025, 4, 15)),
        ("resolution", "57-NQ/TW", datetime.date(2024, 12, 22)),
        ("decision", "2387/QD-BCT", datetime.date(2025, 8, 1)),
        ("decision", "1492/QĐ-TTg", datetime.date(2025, 8, 1)),
        ("conclusion", "57-KL/TW", datetime.date(2025, 6, 30)),
        ("decree", "31/2025/ND-CP", datetime.date(2025, 2, 10)),
        ("circular", "12/2025/TT-BCT", datetime.date(2025, 5, 20)),
        ("directive", "07/CT-TTg", datetime.date(2025, 1, 9)),
    ],
)
def test_numbers_that_fit_their_kind_are_accepted(kind, number, signed):
    document(kind, number, signed).full_clean()


@pytest.mark.parametrize(
    ("kind", "number"),
    [
        ("decision", "47/NQ-CP"),  # a resolution's number given to a decision
        ("resolution", "2387/QD-BCT"),
        ("conclusion", "57/KL-TW"),
        ("decree", "31/ND-CP"),  # decrees carry their year
        ("circular", "TT-BCT"),
        ("directive", "07 CT-TTg"),
        ("decision", "2387/QD-"),
    ],
)
def test_numbers_that_do_not_fit_their_kind_are_refused_with_an_example(kind, number):
    with pytest.raises(ValidationError) as error:
        document(kind, number).full_clean()
    message = error.value.message_dict["number"][0]
    assert number in message
    assert NUMBERING_RULES[kind].examples in message


def test_a_decree_signed_in_another_year_than_its_number_says_is_refused():
    with pytest.raises(ValidationError) as error:
        document("decree", "31/2024/ND-CP", datetime.date(2025, 2, 10)).full_clean()
    assert "2024" in error.value.message_dict["date_signed"][0]


def test_a_document_cannot_be_signed_in_the_future():
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        document("decision", "1/QD-BCT", tomorrow).full_clean()
    with translation.override("en"):  # the message is lazy: read it in English
        assert "future" in error.value.message_dict["date_signed"][0]


def test_two_documents_cannot_share_a_number():
    OfficialDocumentFactory(number="2387/QD-BCT")
    with pytest.raises(ValidationError) as error:
        document("decision", "2387/QD-BCT").full_clean()
    assert "number" in error.value.message_dict


class TestAdminForm:
    """Through the snippet admin: a clear form error, and nothing saved."""

    @pytest.fixture
    def add_url(self):
        return reverse("wagtailsnippets_content_officialdocument:add")

    def post(self, client, url, **overrides):
        data = {
            "kind": "decision",
            "number": "2387/QD-BCT",
            "issuing_body_vi": "Bộ Công Thương",
            "title_vi": "Quyết định phê duyệt đề án",
            "date_signed": "2025-08-01",
        }
        data.update(overrides)
        return client.post(url, data)

    def test_a_valid_document_is_saved(self, admin_client, add_url):
        response = self.post(admin_client, add_url)
        assert response.status_code == 302
        assert OfficialDocument.objects.get().number == "2387/QD-BCT"

    def test_a_date_that_does_not_exist_is_a_form_error(self, admin_client, add_url):
        response = self.post(admin_client, add_url, date_signed="2025-04-47")
        assert response.status_code == 200
        assert "date_signed" in response.context["form"].errors
        assert not OfficialDocument.objects.exists()

    def test_february_the_thirtieth_is_a_form_error(self, admin_client, add_url):
        response = self.post(admin_client, add_url, date_signed="2025-02-30")
        assert "date_signed" in response.context["form"].errors
        assert not OfficialDocument.objects.exists()

    def test_a_malformed_number_is_a_form_error(self, admin_client, add_url):
        response = self.post(admin_client, add_url, number="2024/NQ-CP")
        assert response.status_code == 200
        errors = response.context["form"].errors["number"]
        assert "2387/QD-BCT" in errors[0]
        assert not OfficialDocument.objects.exists()
