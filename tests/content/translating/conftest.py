"""A story written in Vietnamese, and the people who translate and review it."""

import pytest

from content.editorial import reviewer_group_name, translator_group_name
from content.models import ArticlePage
from content.translating.workflow import request_translations
from tests.factories import UserFactory
from tests.search.stories import published_story


def paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


@pytest.fixture
def story(section):
    return published_story(
        section,
        {
            "vi": (
                "Hội nghị về xuất khẩu bền vững",
                "Nghị quyết số 47/NQ-CP ngày 15/4/2024 đặt mục tiêu 1.200 doanh nghiệp.",
            )
        },
    )


@pytest.fixture
def french_translator(roles):
    return UserFactory(username="translator-fr", groups=[translator_group_name("fr")])


@pytest.fixture
def arabic_translator(roles):
    return UserFactory(username="translator-ar", groups=[translator_group_name("ar")])


@pytest.fixture
def french_reviewer(roles):
    return UserFactory(username="reviewer-fr", groups=[reviewer_group_name("fr")])


@pytest.fixture
def arabic_reviewer(roles):
    return UserFactory(username="reviewer-ar", groups=[reviewer_group_name("ar")])


@pytest.fixture
def requested(story, desk_editor):
    """The story's French and Arabic translations, requested by its desk editor."""
    french, arabic = request_translations([story], ["fr", "ar"], desk_editor)
    return {"fr": french, "ar": arabic}


def french_text(story: ArticlePage, **changes) -> dict:
    """A faithful French translation of ``story``, its blocks paired with the source's."""
    source_body = story.body_vi.get_prep_value()
    body = paragraphs("La résolution n° 47/NQ-CP du 15 avril 2024 vise 1 200 entreprises.")
    body[0]["id"] = source_body[0]["id"]
    return {
        "title": "Conférence sur les exportations durables",
        "slug": "conference-exportations-durables",
        "standfirst": "Une conférence sur les exportations durables.",
        "body": body,
        **changes,
    }
