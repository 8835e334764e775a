"""A translation's URLs work for everyone the queue lets in, and only for them."""

import pytest

from content.translating import save_draft, submit
from tests.content.translating.test_admin_views import refused
from tests.factories.stories import french_text

pytestmark = pytest.mark.django_db


def editor_url(translation):
    return f"/admin/translations/{translation.pk}/"


def review_url(translation):
    return f"/admin/translations/{translation.pk}/review/"


@pytest.fixture
def submitted_french(requested, french_translator):
    translation = requested["fr"]
    save_draft(translation, french_text(translation.page), french_translator)
    return submit(translation, french_translator, override_reason="Bản dịch đúng.")


@pytest.mark.parametrize(
    ("person", "opened", "taken_to"),
    [
        ("french_reviewer", editor_url, review_url),  # the reviewer, at the translator's link
        ("french_translator", review_url, editor_url),  # the translator, at the review's link
    ],
)
def test_each_is_taken_from_the_others_url_to_their_own(
    client, submitted_french, request, person, opened, taken_to
):
    client.force_login(request.getfixturevalue(person))
    response = client.get(opened(submitted_french))
    assert response.status_code == 302
    assert response["Location"] == taken_to(submitted_french)
    assert client.get(response["Location"]).status_code == 200


def test_a_reviewer_of_another_language_is_refused_both(client, submitted_french, arabic_reviewer):
    client.force_login(arabic_reviewer)
    assert refused(client.get(editor_url(submitted_french)))
    assert refused(client.get(review_url(submitted_french)))
