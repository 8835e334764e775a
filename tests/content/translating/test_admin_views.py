"""The translators' admin: the queue, the side-by-side editor, review and requests, as used."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from content.models import Translation, TranslationStatus
from content.translating import (
    approve,
    request_translations,
    save_draft,
    source_fields,
    submit,
)
from content.translating.admin.forms import field_name, rich_text_widget
from content.translating.cat import block_location, source_segments, target_texts
from tests.factories.stories import french_text, published_story

pytestmark = pytest.mark.django_db


def refused(response) -> bool:
    """Wagtail answers a refusal in its admin with a redirect to the dashboard, or a 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def segment_data(translation, **overrides):
    """The editor's POST data for the faithful French text."""
    source = source_fields(translation.page)
    texts = target_texts(source, french_text(translation.page))
    texts.update(overrides)
    rich = {segment.key for segment in source_segments(source) if segment.rich}
    # The rich text editor posts its content as Draftail's JSON, as a browser would.
    return {
        field_name(key): rich_text_widget().format_value(text) if key in rich else text
        for key, text in texts.items()
    }


def test_my_translations_lists_only_the_translators_languages_with_overdue_work(
    client, requested, french_translator
):
    Translation.objects.filter(pk=requested["fr"].pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(french_translator)
    response = client.get("/admin/translations/")
    assert response.status_code == 200
    groups = {group.key: group.translations for group in response.context["groups"]}
    assert groups["requested"] == [requested["fr"]]
    assert groups["overdue"] == [requested["fr"]]
    assert requested["ar"] not in [t for ts in groups.values() for t in ts]
    dashboard = client.get("/admin/").content.decode()
    assert "translation-dashboard" in dashboard


def test_the_editor_shows_the_source_beside_the_target_block_by_block(
    client, requested, french_translator
):
    client.force_login(french_translator)
    response = client.get(f"/admin/translations/{requested['fr'].pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nghị quyết số 47/NQ-CP" in html  # the source's body block
    assert block_location(1, "paragraph") in html
    assert 'lang="fr"' in html


def test_a_translator_of_another_language_is_refused_the_editor(
    client, requested, arabic_translator
):
    client.force_login(arabic_translator)
    assert refused(client.get(f"/admin/translations/{requested['fr'].pk}/"))
    assert refused(client.post(f"/admin/translations/{requested['fr'].pk}/", {"save": "1"}))
    requested["fr"].refresh_from_db()
    assert requested["fr"].draft == {}


def test_saving_keeps_the_draft_on_the_translation_only(
    client, story, requested, french_translator
):
    client.force_login(french_translator)
    response = client.post(
        f"/admin/translations/{requested['fr'].pk}/", {**segment_data(requested["fr"]), "save": "1"}
    )
    assert response.status_code == 302
    requested["fr"].refresh_from_db()
    assert requested["fr"].draft["title"] == "Conférence sur les exportations durables"
    assert requested["fr"].draft["body"][0]["id"] == story.body_vi.get_prep_value()[0]["id"]
    story.refresh_from_db()
    assert not story.title_fr


def test_a_failing_check_blocks_submission_and_shows_where(client, requested, french_translator):
    client.force_login(french_translator)
    body_key = next(k for k in target_texts(source_fields(requested["fr"].page), {}) if "body" in k)
    data = segment_data(
        requested["fr"], **{body_key: "<p>La résolution n° 2024/NQ-CP vise 1 200 entreprises.</p>"}
    )
    response = client.post(f"/admin/translations/{requested['fr'].pk}/", {**data, "submit": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "translation-findings" in html and "47/NQ-CP" in html
    requested["fr"].refresh_from_db()
    assert requested["fr"].status == TranslationStatus.IN_PROGRESS  # the draft is kept
    assert "2024/NQ-CP" in requested["fr"].draft["body"][0]["value"]

    reason = "Le numéro est corrigé dans la version publiée au Journal officiel."
    response = client.post(
        f"/admin/translations/{requested['fr'].pk}/",
        {**data, "submit": "1", "override_reason": reason},
    )
    assert response.status_code == 302
    requested["fr"].refresh_from_db()
    assert requested["fr"].status == TranslationStatus.SUBMITTED
    assert requested["fr"].qa_override_reason == reason


def test_submitting_tells_the_reviewers_and_approval_tells_the_translator(
    client, requested, french_translator, french_reviewer, django_capture_on_commit_callbacks
):
    client.force_login(french_translator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/translations/{requested['fr'].pk}/",
            {**segment_data(requested["fr"]), "submit": "1"},
        )
    assert [m.to for m in mail.outbox] == [[french_reviewer.email]]

    client.force_login(french_reviewer)
    review = client.get(f"/admin/translations/{requested['fr'].pk}/review/")
    assert "Conférence sur les exportations durables" in review.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/translations/{requested['fr'].pk}/review/", {"approve": "1"}
        )
    assert response.status_code == 302
    requested["fr"].refresh_from_db()
    assert requested["fr"].live
    assert mail.outbox[-1].to == [french_translator.email]


def test_the_reviewer_sees_the_override_reason_and_a_translator_cannot_review(
    client, story, requested, french_translator, french_reviewer
):
    save_draft(
        requested["fr"], french_text(story, standfirst="Les 1 300 exportateurs."), french_translator
    )
    submit(requested["fr"], french_translator, override_reason="Chiffre corrigé la veille.")
    client.force_login(french_translator)
    # The translator is sent to their editor: the review is not theirs to decide.
    response = client.post(f"/admin/translations/{requested['fr'].pk}/review/", {"approve": "1"})
    assert response["Location"] == f"/admin/translations/{requested['fr'].pk}/"
    requested["fr"].refresh_from_db()
    assert requested["fr"].status == TranslationStatus.SUBMITTED
    client.force_login(french_reviewer)
    html = client.get(f"/admin/translations/{requested['fr'].pk}/review/").content.decode()
    assert "Chiffre corrigé la veille." in html
    response = client.post(
        f"/admin/translations/{requested['fr'].pk}/review/", {"return": "1", "comment": ""}
    )
    assert response.status_code == 400  # a return needs a comment
    requested["fr"].refresh_from_db()
    assert requested["fr"].status == TranslationStatus.SUBMITTED


def test_an_editor_requests_translations_with_a_due_date_and_translators_are_told(
    client, story, desk_editor, french_translator, django_capture_on_commit_callbacks
):
    client.force_login(desk_editor)
    form = client.get(f"/admin/translations/request/{story.pk}/")
    assert form.status_code == 200
    due = timezone.localdate() + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/translations/request/{story.pk}/",
            {"languages": ["fr", "ja"], "due_date": due.isoformat()},
        )
    assert response.status_code == 302
    assert set(story.translations.values_list("language", "due_date")) == {("fr", due), ("ja", due)}
    assert mail.outbox[0].to == [french_translator.email]
    assert story.title in mail.outbox[0].body
    assert f"/admin/translations/{story.translations.get(language='fr').pk}/" in mail.outbox[0].body


def test_a_request_with_a_past_due_date_or_no_language_is_refused_with_a_message(
    client, story, desk_editor
):
    client.force_login(desk_editor)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        f"/admin/translations/request/{story.pk}/", {"languages": ["fr"], "due_date": yesterday}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["due_date"]
    response = client.post(f"/admin/translations/request/{story.pk}/", {"languages": ["xx"]})
    assert response.status_code == 400
    assert not story.translations.exists()


def test_a_translator_cannot_request_translations(client, story, french_translator):
    client.force_login(french_translator)
    assert refused(client.post(f"/admin/translations/request/{story.pk}/", {"languages": ["fr"]}))
    assert not story.translations.exists()


def test_a_translation_needing_an_update_shows_what_changed_in_the_source(
    client, story, desk_editor, french_translator, french_reviewer, writer
):
    (translation,) = request_translations([story], ["fr"], desk_editor)
    save_draft(translation, french_text(story), french_translator)
    submit(translation, french_translator)
    approve(translation, french_reviewer)
    client.force_login(french_translator)
    done = client.get("/admin/translations/").context["groups"]
    assert not any(group.translations for group in done)  # approved and current: no work

    edited = story.get_latest_revision_as_object()
    edited.standfirst_vi = "Hội nghị tổng kết 5 năm."
    edited.save_revision(user=writer).publish()

    client.force_login(french_translator)
    html = client.get(f"/admin/translations/{translation.pk}/").content.decode()
    assert "translation-changes" in html
    assert "Hội nghị tổng kết 5 năm." in html
    response = client.get("/admin/translations/")
    needs_update = next(g for g in response.context["groups"] if g.key == "needs_update")
    assert needs_update.translations == [translation]

    # ...and on the page, in its editor's Translations tab.
    client.force_login(desk_editor)
    editor = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "translations-panel__needs-update" in editor


def test_an_unreadable_rich_text_post_is_a_form_error_that_loses_nothing(
    client, requested, french_translator
):
    client.force_login(french_translator)
    data = segment_data(requested["fr"])
    body_field = next(name for name in data if name.startswith("segment__body__"))
    data[body_field] = "<p>not the editor's JSON</p>"
    response = client.post(f"/admin/translations/{requested['fr'].pk}/", {**data, "save": "1"})
    assert response.status_code == 400
    assert response.context["form"].errors[body_field]
    requested["fr"].refresh_from_db()
    assert requested["fr"].draft == {}


def test_an_editor_requests_translations_of_a_selection_from_the_explorer(
    client, story, section, desk_editor, french_translator, django_capture_on_commit_callbacks
):
    other = published_story(section, {"vi": ("Tin thứ hai", "Nội dung.")})
    client.force_login(desk_editor)
    url = f"/admin/bulk/wagtailcore/page/request_translations/?id={story.pk}&id={other.pk}"
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert story.title in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"languages": ["fr"], "due_date": ""})
    assert response.status_code == 302
    assert set(Translation.objects.values_list("page_id", "language")) == {
        (story.pk, "fr"),
        (other.pk, "fr"),
    }
    assert len(mail.outbox) == 2


def test_a_translator_cannot_request_a_selection(client, story, french_translator):
    client.force_login(french_translator)
    url = f"/admin/bulk/wagtailcore/page/request_translations/?id={story.pk}"
    client.post(url, {"languages": ["fr"]})
    assert not Translation.objects.exists()
