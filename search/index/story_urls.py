"""Absolute URLs of stories in each language, worked out for many stories at once."""

from django.urls import reverse
from django.utils.translation import override
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site


class StoryUrls:
    """Absolute URLs of stories in each language, as Wagtail builds them, for many stories.

    ``Page.get_full_url`` looks up the site and reverses the URL for every page; indexing
    thousands of stories looks the sites and each language's prefix up once instead.
    """

    def __init__(self) -> None:
        self.sites = [
            (site.root_page, site.root_url) for site in Site.objects.select_related("root_page")
        ]
        self.prefixes: dict[str, str] = {}

    def language_prefix(self, language: str) -> str:
        if language not in self.prefixes:
            with override(language):
                self.prefixes[language] = reverse("wagtail_serve", args=[""])
        return self.prefixes[language]

    def root_url(self, page: Page) -> str:
        return next((url for root, url in self.sites if page.path.startswith(root.path)), "")

    def path(self, page: Page, language: str) -> str:
        """The page's URL in ``language`` without scheme and host; "" outside every site."""
        url_path = build_localized_fieldname("url_path", language)
        for root, _root_url in self.sites:
            if page.path.startswith(root.path):
                page_path = getattr(page, url_path) or page.url_path
                root_path = getattr(root, url_path) or root.url_path
                return self.language_prefix(language) + page_path[len(root_path) :]
        return ""

    def url(self, page: Page, language: str) -> str:
        path = self.path(page, language)
        return self.root_url(page) + path if path else ""
