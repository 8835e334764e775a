"""The headers that limit what a page may load and use: Content-Security-Policy, Permissions-Policy.

Readers' pages get ``CONTENT_SECURITY_POLICY`` (settings/base.py): scripts from the site or
carrying the request's nonce, no inline styles. Wagtail's admin, and the previews it renders,
get ``NEWSROOM_ADMIN_CONTENT_SECURITY_POLICY``: Wagtail initialises its widgets in inline
scripts and styles its interface in ``style`` attributes.
"""

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse


def is_admin_request(request: HttpRequest) -> bool:
    """Whether the request is for Wagtail's admin, or is a preview the admin renders.

    Wagtail renders a preview through the whole middleware chain with a request of its own,
    marked ``is_dummy``, at the page's public URL: the admin frames it, and its header is the
    one the browser gets.
    """
    return getattr(request, "is_dummy", False) or request.path_info.startswith(
        reverse("wagtailadmin_home")
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy for the admin's URLs.

    A view's own ``@csp_override``/``@csp_update`` still takes precedence.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_request(request):
            parts.config = default_config(
                settings.NEWSROOM_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            )
        return parts


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": []}`` as ``camera=()``: each feature and the origins that may use it."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    """Sets ``Permissions-Policy`` from ``PERMISSIONS_POLICY`` on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
