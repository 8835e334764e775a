"""On a phone the header is one row with a menu button; on a laptop the menu is simply there."""

import pytest

from tests.browser.accessibility import VIEWPORTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_phone_gets_a_one_row_header_whose_menu_button_opens_sections_and_languages(
    live_server, section, chromium
):
    context = chromium.new_context(viewport=VIEWPORTS["mobile"])
    page = context.new_page()
    page.goto(live_server.url + "/en/")
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 90
    section_link = page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Foreign affairs", exact=True
    )
    assert not section_link.is_visible()

    menu = page.locator("summary", has_text="Menu")  # a disclosure: <details>'s own button
    assert menu.is_visible() and menu.bounding_box()["height"] >= 44  # a thumb's target
    menu.click()
    assert section_link.is_visible()
    assert page.get_by_role("link", name="Tiếng Việt").is_visible()
    assert page.get_by_role("searchbox").is_visible()
    context.close()


def test_a_laptop_shows_sections_languages_and_search_without_a_button(
    live_server, section, chromium
):
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(live_server.url + "/en/")
    assert not page.locator(".site-menu__button").is_visible()
    section_link = page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Foreign affairs", exact=True
    )
    assert section_link.is_visible()
    assert page.get_by_role("searchbox").is_visible()
    # A window narrowed to a phone's width folds the menu again.
    page.set_viewport_size(VIEWPORTS["mobile"])
    page.wait_for_function("!document.querySelector('details.site-menu').open")
    assert not section_link.is_visible()
    context.close()
