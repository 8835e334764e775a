"""The partners' admin: outlets as snippets, and a page per partner to issue and revoke tokens.

A new token's secret is shown on the page that issues it and never again.
"""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from search.models import Partner, PartnerToken

MANAGE_PARTNERS = "newsroom_search.change_partner"


class IssueTokenForm(forms.Form):
    """The label of a token about to be issued."""

    label = forms.CharField(
        label=gettext_lazy("Label"),
        max_length=120,
        help_text=gettext_lazy("Where the token will be used, e.g. 'Wire desk ingest'."),
    )


@permission_required(MANAGE_PARTNERS, raise_exception=True)
@require_http_methods(["GET", "POST"])
def partner_tokens(request: HttpRequest, partner_id: int) -> TemplateResponse:
    """A partner's tokens, and the form that issues a new one (its secret shown once)."""
    partner = get_object_or_404(Partner, pk=partner_id)
    form = IssueTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = PartnerToken.issue(partner, form.cleaned_data["label"], request.user)
        form = IssueTokenForm()
    context = {
        "partner": partner,
        "tokens": partner.tokens.all(),
        "form": form,
        "secret": secret,
        "page_title": _("Tokens of %(partner)s") % {"partner": partner.name},
    }
    status = 400 if request.method == "POST" and secret is None else 200
    return TemplateResponse(request, "search/admin/partner_tokens.html", context, status=status)


@permission_required(MANAGE_PARTNERS, raise_exception=True)
@require_http_methods(["POST"])
def revoke_partner_token(request: HttpRequest, partner_id: int, token_id: int) -> HttpResponse:
    token = get_object_or_404(PartnerToken, pk=token_id, partner_id=partner_id)
    token.revoke()
    messages.success(request, _("Token “%(token)s” is revoked.") % {"token": token})
    return redirect("partner_tokens", partner_id=partner_id)
