"""The translators' workflow: per-language permissions, drafts kept apart, liveness, staleness."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import override
from wagtail.models import PageLogEntry

from content.models import ArticlePage, TranslationStatus
from content.translating import (
    ChecksFailed,
    approve,
    changes_since_translated,
    request_translations,
    return_for_changes,
    save_draft,
    submit,
)
from content.translating.cat import block_location
from search.models import IndexChange
from tests.factories.stories import french_text, paragraphs

pytestmark = pytest.mark.django_db


def fresh(page):
    return ArticlePage.objects.get(pk=page.pk)


def url_in(page, language):
    with override(language):
        return fresh(page).get_url()


def translated_and_submitted(translation, translator, **changes):
    save_draft(translation, french_text(translation.page, **changes), translator)
    return submit(translation, translator)


# --- Permissions, each both ways ---------------------------------------------------------


def test_a_translator_drafts_only_their_own_language(
    requested, french_translator, arabic_translator
):
    save_draft(requested["fr"], {"title": "Conférence"}, french_translator)
    with pytest.raises(PermissionDenied):
        save_draft(requested["ar"], {"title": "Conférence"}, french_translator)
    save_draft(requested["ar"], {"title": "مؤتمر"}, arabic_translator)
    assert requested["ar"].draft == {"title": "مؤتمر"}


def test_a_reviewer_approves_only_their_languages(
    requested, french_translator, french_reviewer, arabic_reviewer
):
    translation = translated_and_submitted(requested["fr"], french_translator)
    with pytest.raises(PermissionDenied):
        approve(translation, arabic_reviewer)
    with pytest.raises(PermissionDenied):
        approve(translation, french_translator)  # translators cannot publish
    approve(translation, french_reviewer)
    assert translation.live


def test_nobody_approves_their_own_translation(requested, roles):
    from content.editorial import reviewer_group_name, translator_group_name
    from tests.factories import UserFactory

    both = UserFactory(groups=[translator_group_name("fr"), reviewer_group_name("fr")])
    other = UserFactory(groups=[reviewer_group_name("fr")])
    translation = translated_and_submitted(requested["fr"], both)
    with pytest.raises(PermissionDenied):
        approve(translation, both)
    approve(translation, other)
    assert translation.status == TranslationStatus.APPROVED


def test_a_translator_cannot_edit_the_page_or_request_translations(
    client, story, french_translator, desk_editor
):
    client.force_login(french_translator)
    response = client.get(f"/admin/pages/{story.pk}/edit/")
    assert response.status_code == 302  # Wagtail's refusal: back to the dashboard
    assert not story.permissions_for_user(french_translator).can_publish()
    with pytest.raises(PermissionDenied):
        request_translations([story], ["fr"], french_translator)
    assert request_translations([story], ["fr"], desk_editor)


# --- Liveness per language ----------------------------------------------------------------


def test_a_language_goes_live_only_when_its_translation_is_approved(
    client, story, requested, french_translator, french_reviewer
):
    translation = translated_and_submitted(requested["fr"], french_translator)
    assert not fresh(story).is_written_in("fr")
    assert not ArticlePage.objects.readable_in("fr").filter(pk=story.pk).exists()
    assert client.get(url_in(story, "vi").replace("/vi/", "/fr/", 1)).status_code == 404

    approve(translation, french_reviewer)
    assert fresh(story).live_languages() == ["vi", "fr"]
    assert ArticlePage.objects.readable_in("fr").filter(pk=story.pk).exists()
    response = client.get(url_in(story, "fr"))
    assert response.status_code == 200
    assert "La résolution n° 47/NQ-CP" in response.content.decode()
    assert not ArticlePage.objects.readable_in("ar").filter(pk=story.pk).exists()


def test_approval_reindexes_the_story(story, requested, french_translator, french_reviewer):
    translation = translated_and_submitted(requested["fr"], french_translator)
    IndexChange.objects.all().delete()
    approve(translation, french_reviewer)
    assert IndexChange.objects.pending().filter(page_id=story.pk).exists()


# --- Translation drafts apart from the page's draft -------------------------------------


def test_approving_a_translation_publishes_nothing_of_the_pages_pending_draft(
    story, requested, french_translator, french_reviewer, writer
):
    pending = story.get_latest_revision_as_object()
    pending.title = "Tiêu đề mới chưa duyệt"
    pending.save_revision(user=writer)

    approve(translated_and_submitted(requested["fr"], french_translator), french_reviewer)
    live = fresh(story)
    assert live.title_vi == "Hội nghị về xuất khẩu bền vững"
    assert live.title_fr == "Conférence sur les exportations durables"
    assert live.has_unpublished_changes
    assert live.get_latest_revision_as_object().title == "Tiêu đề mới chưa duyệt"


def test_publishing_the_source_keeps_live_translations(
    client, story, requested, french_translator, french_reviewer, writer
):
    approve(translated_and_submitted(requested["fr"], french_translator), french_reviewer)
    # An old draft of the source, from before the translation existed, is published.
    edited = story.get_latest_revision_as_object()
    edited.title = "Hội nghị về xuất khẩu bền vững năm 2026"
    edited.title_fr = ""
    edited.save_revision(user=writer).publish()

    live = fresh(story)
    assert live.title_vi.endswith("năm 2026")
    assert live.title_fr == "Conférence sur les exportations durables"
    assert client.get(url_in(story, "fr")).status_code == 200


def test_a_translation_draft_is_not_on_the_page(story, requested, french_translator):
    save_draft(requested["fr"], french_text(story), french_translator)
    assert not fresh(story).title_fr
    assert requested["fr"].status == TranslationStatus.IN_PROGRESS


# --- Quality checks at submission ---------------------------------------------------------


def test_the_scrambled_references_are_caught_and_submission_blocked(story, desk_editor, roles):
    """The two references an English release once carried, scrambled, in place of the real ones."""
    from content.editorial import translator_group_name
    from tests.factories import UserFactory

    translator = UserFactory(groups=[translator_group_name("en")])
    source = story.get_latest_revision_as_object()
    source.body_vi = paragraphs(
        "Nghị quyết số 47/NQ-CP ngày 15/4/2024 và Kết luận số 57-KL/TW ngày 30/6/2024."
    )
    source.save_revision().publish()
    story = fresh(story)
    (english,) = request_translations([story], ["en"], desk_editor)
    body = paragraphs(
        "Resolution No. 2024/NQ-CP dated April 47, 15 and "
        "Conclusion No. 2024-KL/TW dated June 2030, 57."
    )
    body[0]["id"] = story.body_vi.get_prep_value()[0]["id"]
    save_draft(
        english,
        {"title": "Sustainable exports", "standfirst": "A conference.", "body": body},
        translator,
    )
    with pytest.raises(ChecksFailed) as failed:
        submit(english, translator)
    [(location, findings)] = failed.value.findings.items()
    assert location == block_location(1, "paragraph")
    checks = {finding.check for finding in findings}
    assert {"document_number", "invalid_date"} <= checks
    missing = {finding.expected for finding in findings if finding.check == "document_number"}
    assert missing == {"47/NQ-CP", "57-KL/TW"}
    assert english.status == TranslationStatus.IN_PROGRESS


def test_a_written_reason_overrides_the_checks_and_the_reviewer_sees_it(
    story, requested, french_translator, french_reviewer
):
    loose = french_text(story, standfirst="Une conférence sur les 1 300 exportateurs.")
    save_draft(requested["fr"], loose, french_translator)
    with pytest.raises(ChecksFailed):
        submit(requested["fr"], french_translator, override_reason="   ")
    reason = "Le chiffre de 1 300 vient du communiqué corrigé de la veille."
    submit(requested["fr"], french_translator, override_reason=reason)
    assert requested["fr"].qa_override_reason == reason
    entry = PageLogEntry.objects.filter(action="content.translation.submit").get()
    assert entry.data["override_reason"] == reason
    assert entry.comment == reason


def test_a_translation_without_its_body_cannot_be_submitted(story, requested, french_translator):
    save_draft(requested["fr"], {"title": "Conférence"}, french_translator)
    with pytest.raises(ValidationError) as error:
        submit(requested["fr"], french_translator)
    assert {"standfirst", "body"} <= set(error.value.message_dict)


# --- Review ----------------------------------------------------------------------------------


def test_a_reviewer_returns_a_translation_with_comments(
    story, requested, french_translator, french_reviewer
):
    translation = translated_and_submitted(requested["fr"], french_translator)
    with pytest.raises(ValidationError):
        return_for_changes(translation, french_reviewer, "")
    return_for_changes(translation, french_reviewer, "Utilisez « Viet Nam » en deux mots.")
    assert translation.status == TranslationStatus.IN_PROGRESS
    assert translation.review_comment.startswith("Utilisez")
    save_draft(
        translation, {"title": "Conférence sur les exportations durables"}, french_translator
    )
    submit(translation, french_translator)
    assert translation.status == TranslationStatus.SUBMITTED
    assert not fresh(story).is_written_in("fr")


def test_a_submitted_translation_cannot_be_edited_until_it_is_returned(
    requested, french_translator
):
    translation = translated_and_submitted(requested["fr"], french_translator)
    with pytest.raises(ValidationError):
        save_draft(translation, {"title": "Autre titre"}, french_translator)


# --- Staleness -------------------------------------------------------------------------------


def test_a_source_change_marks_the_translation_as_needing_an_update_with_its_diff(
    client, story, requested, french_translator, french_reviewer, writer
):
    translation = translated_and_submitted(requested["fr"], french_translator)
    approve(translation, french_reviewer)
    edited = story.get_latest_revision_as_object()
    body = edited.body_vi.get_prep_value()
    body[0]["value"] = body[0]["value"].replace("1.200", "1.500")
    body.append(paragraphs("Hội nghị có 300 đại biểu.")[0])
    edited.body_vi = body
    edited.save_revision(user=writer).publish()

    translation.refresh_from_db()
    assert translation.needs_update
    changes = changes_since_translated(translation)
    assert [(c.kind, c.location) for c in changes] == [
        ("changed", block_location(1, "paragraph")),
        ("added", block_location(2, "paragraph")),
    ]
    assert "1.200" in changes[0].before and "1.500" in changes[0].after
    # The live translation stays live until its update is approved.
    assert client.get(url_in(story, "fr")).status_code == 200


def test_a_new_source_slug_needs_no_new_translation(
    story, requested, french_translator, french_reviewer, writer
):
    approve(translated_and_submitted(requested["fr"], french_translator), french_reviewer)
    edited = story.get_latest_revision_as_object()
    edited.slug = "hoi-nghi-xuat-khau"
    edited.save_revision(user=writer).publish()
    requested["fr"].refresh_from_db()
    assert not requested["fr"].needs_update


def test_approving_the_update_clears_needs_update(
    story, requested, french_translator, french_reviewer, writer
):
    translation = translated_and_submitted(requested["fr"], french_translator)
    approve(translation, french_reviewer)
    edited = story.get_latest_revision_as_object()
    edited.standfirst_vi = "Hội nghị tổng kết."
    edited.save_revision(user=writer).publish()
    translation.refresh_from_db()
    assert translation.needs_update

    save_draft(translation, {"standfirst": "Une conférence de bilan."}, french_translator)
    submit(translation, french_translator)
    approve(translation, french_reviewer)
    translation.refresh_from_db()
    assert not translation.needs_update
    assert fresh(story).standfirst_fr == "Une conférence de bilan."
