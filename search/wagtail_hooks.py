"""Search in the admin: partners and their tokens."""

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import HelpPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Partner
from search.syndication import partner_tokens, revoke_partner_token


class PartnerViewSet(SnippetViewSet):
    """Partners in the admin menu, with a panel linking to their tokens."""

    model = Partner
    icon = "globe"
    menu_label = _("Partners")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "country", "contact_email"]
    search_fields = ["name", "contact_name", "contact_email"]

    def get_edit_handler(self):
        return ObjectList(
            [
                *Partner.panels,
                HelpPanel(template="search/admin/partner_tokens_panel.html", heading=_("Tokens")),
            ]
        ).bind_to_model(Partner)


register_snippet(PartnerViewSet)


@hooks.register("register_admin_urls")
def partner_token_urls() -> list[URLPattern]:
    return [
        path("partners/<int:partner_id>/tokens/", partner_tokens, name="partner_tokens"),
        path(
            "partners/<int:partner_id>/tokens/<int:token_id>/revoke/",
            revoke_partner_token,
            name="revoke_partner_token",
        ),
    ]
