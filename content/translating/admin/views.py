"""The translators' admin: their queue, the side-by-side editor, review, and requests.

Views read the request and render; every step of the workflow is in ``workflow``, which
checks who may do it and either does all of it or changes nothing.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from content.models import ArticlePage, Translation, TranslationStatus
from content.translating import cat, workflow
from content.translating.admin.forms import (
    RequestTranslationsForm,
    ReviewForm,
    TranslationForm,
    XliffImportForm,
)
from content.translating.admin.queue import translation_queue
from content.translating.cat import build_fields, source_segments, suggestions, target_texts
from content.translating.fields import source_fields
from content.translating.notifications import notify
from content.translating.permissions import can_review, can_translate
from content.translating.staleness import changes_since_translated

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class AdminRequest(HttpRequest):
    """A request to the admin's views, which Wagtail lets only signed-in users reach."""

    user: "User"


def my_translations(request: AdminRequest) -> TemplateResponse:
    """The user's queue: the work in their languages, by what it waits for."""
    groups = translation_queue(request.user)
    context = {"groups": groups, "page_title": _("My translations")}
    return TemplateResponse(request, "content/translating/my_translations.html", context)


def _opened(request, pk, allowed, other_view, other_allowed):
    """The translation, if ``allowed`` lets the user into this view; else a redirect to the other.

    The queue lets translators and reviewers in through either link: a reviewer who opens the
    translator's editor is sent to the review, and the other way round.
    """
    translation = get_object_or_404(Translation.objects.select_related("page"), pk=pk)
    if allowed(request.user, translation.language):
        return translation, None
    if other_allowed(request.user, translation.language):
        return translation, redirect(other_view, pk=pk)
    raise PermissionDenied


def _editor_context(translation, form, findings=None):
    page = translation.page
    memory = suggestions(page.original_language, translation.language, form.segments)
    return {
        "translation": translation,
        "page": page,
        "form": form,
        "rows": [(segment, field, memory.get(segment.key, [])) for segment, field in form.rows()],
        "findings": findings or {},
        "source_language": page.get_original_language_display(),
        "changes": changes_since_translated(translation) if translation.needs_update else [],
        "page_title": _("Translate “%(title)s”") % {"title": page.title},
    }


@require_http_methods(["GET", "POST"])
def edit_translation(request: AdminRequest, pk: int) -> HttpResponse:
    """The source beside the target, segment by segment; save the draft or submit it."""
    translation, elsewhere = _opened(request, pk, can_translate, "translation_review", can_review)
    if elsewhere:
        return elsewhere
    source = source_fields(translation.page)
    segments = source_segments(source)
    texts = target_texts(source, translation.working_fields)
    form = TranslationForm(segments, texts, request.POST or None)
    status, findings = 200, None
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            fields = build_fields(source, form.texts())
            try:
                workflow.save_draft(translation, fields, request.user)
                if "submit" in request.POST:
                    workflow.submit(translation, request.user, form.cleaned_data["override_reason"])
                    notify([translation], "submitted")
                    messages.success(request, _("Submitted for review."))
                    return redirect("my_translations")
                messages.success(request, _("Draft saved."))
                return redirect("translation_edit", pk=translation.pk)
            except workflow.ChecksFailed as failed:
                findings, status = failed.findings, 400
                messages.error(request, failed.messages[0])
            except ValidationError as error:
                status = 400
                messages.error(request, " ".join(error.messages))
    context = _editor_context(translation, form, findings)
    return TemplateResponse(request, "content/translating/edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def review_translation(request: AdminRequest, pk: int) -> HttpResponse:
    """A submitted translation beside its source, with the checks; approve or return it."""
    translation, elsewhere = _opened(request, pk, can_review, "translation_edit", can_translate)
    if elsewhere:
        return elsewhere
    form = ReviewForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if "approve" in request.POST:
                workflow.approve(translation, request.user)
                notify([translation], "approved")
                messages.success(request, _("Approved: the translation is live."))
            else:
                workflow.return_for_changes(translation, request.user, form.cleaned_data["comment"])
                notify([translation], "returned")
                messages.success(request, _("Returned to the translator."))
            return redirect("my_translations")
        except ValidationError as error:
            status = 400
            messages.error(request, " ".join(error.messages))
    source = source_fields(translation.page)
    texts = target_texts(source, translation.draft)
    context = {
        "translation": translation,
        "page": translation.page,
        "rows": [(segment, texts.get(segment.key, "")) for segment in source_segments(source)],
        "findings": workflow.check_translation(translation) if translation.draft else {},
        "form": form,
        "can_decide": translation.status == TranslationStatus.SUBMITTED,
        "page_title": _("Review “%(title)s”") % {"title": translation.page.title},
    }
    return TemplateResponse(request, "content/translating/review.html", context, status=status)


@require_http_methods(["GET", "POST"])
def request_translations(request: AdminRequest, page_id: int) -> HttpResponse:
    """Ask for translations of one article: languages and a due date."""
    page = get_object_or_404(ArticlePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = RequestTranslationsForm(page, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            requested = workflow.request_translations(
                [page], form.cleaned_data["languages"], request.user, form.cleaned_data["due_date"]
            )
            notify(requested, "requested")
            messages.success(request, _("Translations requested."))
            return redirect("wagtailadmin_explore", page.get_parent().pk)
        status = 400
    context = {
        "page": page,
        "form": form,
        "translations": page.translations.order_by("language"),
        "page_title": _("Request translations of “%(title)s”") % {"title": page.title},
    }
    return TemplateResponse(request, "content/translating/request.html", context, status=status)


@require_http_methods(["GET"])
def export_xliff(request: AdminRequest) -> HttpResponse:
    """The chosen translations (``?translation=<id>``, repeated) as one XLIFF 2.0 file."""
    ids = [pk for pk in request.GET.getlist("translation") if pk.isdigit()]
    translations = list(Translation.objects.select_related("page").filter(pk__in=ids))
    if not translations or len(translations) != len(set(ids)):
        messages.error(request, _("Choose the translations to export."))
        return redirect("my_translations")
    if not all(can_translate(request.user, t.language) for t in translations):
        raise PermissionDenied
    try:
        document = cat.export_xliff(translations, request.build_absolute_uri("/")[:-1])
    except cat.XliffError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("my_translations")
    languages = "-".join(sorted({t.language for t in translations}))
    response = HttpResponse(document, content_type="application/xliff+xml; charset=utf-8")
    filename = f"newsroom-{languages}-{'-'.join(str(t.pk) for t in translations)}.xlf"
    response["Content-Disposition"] = f'attachment; filename="{filename[:120]}"'
    return response


@require_http_methods(["GET", "POST"])
def import_xliff(request: AdminRequest) -> HttpResponse:
    """Import an agency's XLIFF file: every translation in it is submitted, or none."""
    form = XliffImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                imported = workflow.import_xliff(
                    upload.read(cat.MAX_BYTES + 1),
                    request.user,
                    form.cleaned_data["override_reason"],
                )
            except workflow.ChecksFailed as failed:
                form.add_error(None, failed.messages[0])
                for location, findings in failed.findings.items():
                    for finding in findings:
                        form.add_error(None, f"{location}: {finding.message}")
            except (ValidationError, PermissionDenied) as error:
                reasons = error.messages if isinstance(error, ValidationError) else [str(error)]
                for reason in reasons:
                    form.add_error(None, reason or _("You cannot import this file."))
            else:
                notify(imported, "submitted")
                messages.success(
                    request,
                    _("Imported and submitted for review: %(titles)s")
                    % {"titles": ", ".join(t.page.title for t in imported)},
                )
                return redirect("my_translations")
    context = {"form": form, "page_title": _("Import an XLIFF file")}
    return TemplateResponse(request, "content/translating/import.html", context, status=status)
