"""The Reach area in the admin: its URLs and menu, a link from each story, partners' sites."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from content.models import ArticlePage
from reach import views
from reach.models import PartnerSite


@hooks.register("register_admin_urls")
def register_reach_urls():
    return [
        path("reach/", views.area, name="reach"),
        path("reach/story/<int:pk>/", views.story, name="reach_story"),
        path("reach/<slug:area>/", views.area, name="reach_area"),
    ]


class ReachMenuItem(MenuItem):
    """Shown to whoever may see the newsroom's reach."""

    def is_shown(self, request):
        return request.user.has_perm(views.VIEW_REACH)


@hooks.register("register_admin_menu_item")
def register_reach_menu_item():
    return ReachMenuItem(_("Reach"), reverse("reach"), icon_name="view", order=900)


@hooks.register("register_page_header_buttons")
def reach_of_the_story(page, user, view_name, next_url=None):
    """The Reach item in a story's actions: its reads per language since publication."""
    if isinstance(page.specific_deferred, ArticlePage) and user.has_perm(views.VIEW_REACH):
        yield Button(
            _("Reach"), reverse("reach_story", args=[page.pk]), icon_name="view", priority=60
        )


class PartnerSiteViewSet(ModelViewSet):
    """Partners' web sites, so that the reads they send count as from partner sites."""

    model = PartnerSite
    icon = "link"
    menu_label = _("Partner sites")
    add_to_admin_menu = True
    menu_order = 910
    form_fields = ["partner", "host"]
    list_display = ["host", "partner"]


@hooks.register("register_admin_viewset")
def register_partner_sites():
    return PartnerSiteViewSet("reach_partner_sites")
