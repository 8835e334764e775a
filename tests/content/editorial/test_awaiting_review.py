"""The dashboard's "Awaiting your review" names the language of each story in it."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def language_cells(html):
    """The texts of the Language column (the second) of "Awaiting your review"."""
    panel = html[html.index('id="awaiting-review-section"') :]
    rows = panel[panel.index("<tbody>") : panel.index("</tbody>")].split("<tr>")[1:]
    cells = [row.split("<td")[2].split(">", 1)[1].split("</td>")[0] for row in rows]
    return [" ".join(strip_tags(cell).split()) for cell in cells]


def test_each_story_awaiting_review_shows_its_language(
    client, section, writer, desk_editor, english_admin
):
    for language in ("vi", "en"):
        story = ArticlePageFactory(
            parent=section, live=False, owner=writer, original_language=language
        )
        story.save_revision(user=writer)
        section.get_workflow().start(story, writer)

    client.force_login(desk_editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert sorted(language_cells(html)) == ["English", "Tiếng Việt"]
