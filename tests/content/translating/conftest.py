"""A story written in Vietnamese, and the people who translate and review it."""

import pytest

from content.editorial import reviewer_group_name, translator_group_name
from content.translating import request_translations
from tests.factories import UserFactory
from tests.factories.stories import published_story


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
