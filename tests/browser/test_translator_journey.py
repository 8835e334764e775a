"""A translator's journey in a real browser: from the queue, side by side, to the reviewer."""

import pytest

from content.editorial import translator_group_name
from content.models import TranslationStatus
from content.translating import request_translations
from tests.factories import UserFactory
from tests.factories.stories import published_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_translator_translates_side_by_side_saves_and_submits(
    live_server, section, desk_editor, browser_page
):
    story = published_story(section, {"vi": ("Hội nghị xuất khẩu", "Có 1.200 doanh nghiệp.")})
    (translation,) = request_translations([story], ["fr"], desk_editor)
    translator = UserFactory(groups=[translator_group_name("fr")])

    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", translator.username)
    page.fill("input[name=password]", "password")
    page.click("button[type=submit]")
    page.goto(live_server.url + "/admin/translations/")
    page.locator("#queue-requested").get_by_role("link").first.click()
    page.wait_for_url(f"**/admin/translations/{translation.pk}/")

    # The source is beside each target field, the body block by block.
    assert "Có 1.200 doanh nghiệp." in page.locator(".translation-source").all_inner_texts()[-1]
    page.fill("input[name=segment__title]", "Conférence sur les exportations")
    page.fill("textarea[name=segment__standfirst]", "Conférence sur les exportations")
    editor = page.locator(".translation-target [contenteditable=true]").first
    editor.click()
    page.keyboard.type("1 200 entreprises y participent.")
    # The editor writes its content into the form's hidden input a moment after typing.
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[name^=segment__body__]')]"
        ".some(input => input.value.includes('1 200 entreprises'))"
    )
    page.click("button[name=save]")
    page.wait_for_url(f"**/admin/translations/{translation.pk}/")
    translation.refresh_from_db()
    assert translation.status == TranslationStatus.IN_PROGRESS
    assert "1 200 entreprises" in translation.draft["body"][0]["value"]
    assert not type(story).objects.get(pk=story.pk).title_fr  # the page is untouched

    page.click("button[name=submit]")
    page.wait_for_url("**/admin/translations/")
    assert page.locator("#queue-submitted").get_by_text(story.title).count() == 1
    translation.refresh_from_db()
    assert translation.status == TranslationStatus.SUBMITTED
