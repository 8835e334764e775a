"""A first draft needs only a title; what review needs is asked for when the story is submitted.

Posts are what the browser sends from the editor as Wagtail renders it (``add_form_data``).
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from content.models import ArticlePage
from tests.content.admin_forms import add_form_data, edit_form_data
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_admin")]


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=["content", "articlepage", section.pk])


def save_draft(client, section, **fields):
    return client.post(add_url(section), add_form_data(client, section, **fields))


def errors_of(response):
    """The editor's errors, read in English, the staff's admin language here."""
    form = response.context["form"]
    with translation.override("en"):
        return {name: [str(error) for error in errors] for name, errors in form.errors.items()}


def test_a_draft_with_only_a_title_is_saved(client, section, writer):
    client.force_login(writer)
    response = save_draft(client, section, title_vi="Bản nháp đầu tiên")
    assert response.status_code == 302
    story = ArticlePage.objects.get()
    assert story.title_vi == "Bản nháp đầu tiên"
    assert story.owner == writer
    assert not story.live


def test_the_writer_signs_a_new_story_left_without_a_byline(client, section, writer):
    author = AuthorFactory(name="Nguyễn Thu Hà", user=writer)
    client.force_login(writer)
    save_draft(client, section, title_vi="Bản nháp có tác giả")
    story = ArticlePage.objects.get()
    assert [byline.author for byline in story.bylines.all()] == [author]
    draft = story.get_latest_revision_as_object()
    assert [byline.author for byline in draft.bylines.all()] == [author]


def test_a_story_saved_without_a_byline_is_signed_by_its_writer_when_next_saved(
    client, section, writer, desk_editor
):
    # Wagtail's autosave creates the story before the writer's own save, which is an edit.
    author = AuthorFactory(user=writer)
    AuthorFactory(user=desk_editor)
    story = ArticlePageFactory(parent=section, live=False, owner=writer)
    story.bylines.all().delete()
    client.force_login(desk_editor)
    client.post(edit_url(story), edit_form_data(client, story))
    assert [byline.author for byline in ArticlePage.objects.get().bylines.all()] == [author]


def test_a_new_story_opens_with_a_paragraph_to_write_in(client, section, writer):
    client.force_login(writer)
    body = client.get(add_url(section)).context["form"].initial["body_vi"]
    assert [block.block_type for block in body] == ["paragraph"]


def test_a_byline_the_writer_chose_is_kept(client, section, writer):
    AuthorFactory(user=writer)
    colleague = AuthorFactory(name="Trần Minh Quân")
    client.force_login(writer)
    data = add_form_data(client, section, title_vi="Bài của đồng nghiệp")
    data.update(
        {
            "bylines-TOTAL_FORMS": "1",
            "bylines-0-author": str(colleague.pk),
            "bylines-0-id": "",
            "bylines-0-ORDER": "1",
            "bylines-0-DELETE": "",
        }
    )
    client.post(add_url(section), data)
    assert [b.author for b in ArticlePage.objects.get().bylines.all()] == [colleague]


def edit_url(story):
    return reverse("wagtailadmin_pages:edit", args=[story.pk])


class TestSubmittingForReview:
    def test_an_empty_paragraph_is_no_body(self, client, section, writer, facts):
        client.force_login(writer)
        data = add_form_data(
            client,
            section,
            title_vi="Chỉ có đoạn trống",
            standfirst_vi="Một câu tóm tắt.",
            lead_unit=str(facts["lead_unit"].pk),
            topics=[str(facts["topic"].pk)],
        )
        assert data["body_vi-count"] == "1"  # the paragraph the editor opened with, empty
        data["action-submit"] = "submit"
        errors = errors_of(client.post(add_url(section), data))
        assert errors["body_vi"] == ["A story needs this in its original language before review."]
        assert not ArticlePage.objects.exists()

    def test_a_title_only_draft_is_refused_with_each_missing_field_named(
        self, client, section, writer
    ):
        client.force_login(writer)
        data = add_form_data(client, section, title_vi="Chưa đủ để duyệt")
        data["action-submit"] = "submit"
        response = client.post(add_url(section), data)
        assert response.status_code == 200
        errors = errors_of(response)
        for field in ("lead_unit", "topics"):
            assert errors[field] == ["A story needs this before it is submitted for review."]
        for field in ("standfirst_vi", "body_vi"):
            assert errors[field] == ["A story needs this in its original language before review."]
        bylines = response.context["form"].formsets["bylines"]
        with translation.override("en"):
            assert "A story needs an author before review: add a byline." in [
                str(error) for error in bylines.non_form_errors()
            ]
        assert not ArticlePage.objects.exists()

    def test_the_errors_sit_next_to_their_fields_in_the_editor(self, client, section, writer):
        client.force_login(writer)
        data = add_form_data(client, section, title_vi="Chưa đủ để duyệt")
        data["action-submit"] = "submit"
        html = client.post(add_url(section), data).content.decode()
        for field in ("lead_unit", "topics"):
            # The panel's id starts with its tab's heading, in whatever language Wagtail
            # first built the editor's panels: only the field's part is stable.
            errors_at = re.search(f'id="panel-child-[\\w-]+-child-{field}-errors"', html).start()
            next_field = html.index("data-field-wrapper", errors_at)
            assert (
                "A story needs this before it is submitted for review."
                in html[errors_at:next_field]
            )

    def test_a_complete_draft_is_submitted(self, client, section, writer, desk_editor, facts):
        client.force_login(writer)
        save_draft(client, section, title_vi="Bản nháp sẽ được gửi")
        story = ArticlePage.objects.get()
        data = edit_form_data(
            client,
            story,
            standfirst_vi="Một câu tóm tắt.",
            lead_unit=str(facts["lead_unit"].pk),
            topics=[str(facts["topic"].pk)],
            **{
                "body_vi-count": "1",
                "body_vi-0-type": "heading",
                "body_vi-0-value": "Một tiêu đề nhỏ",
                "body_vi-0-id": "",
                "body_vi-0-order": "0",
                "body_vi-0-deleted": "",
                "bylines-TOTAL_FORMS": "1",
                "bylines-0-author": str(facts["author"].pk),
                "bylines-0-id": "",
                "bylines-0-ORDER": "1",
                "bylines-0-DELETE": "",
            },
        )
        data["action-submit"] = "submit"
        response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data)
        assert response.status_code == 302
        assert ArticlePage.objects.get().current_workflow_task.name == "Editorial review"


def test_the_editor_holds_only_the_stories_own_language(client, section, writer):
    client.force_login(writer)
    form = client.get(add_url(section)).context["form"]
    assert {"title_vi", "standfirst_vi", "body_vi"} <= set(form.fields)
    assert not {"title_en", "standfirst_fr", "body_ar", "slug_ja"} & set(form.fields)
