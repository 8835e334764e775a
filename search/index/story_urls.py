"""Absolute URLs of stories in each language, worked out for many stories at once."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page
from wagtail.models.sites import SiteRootPath

from content.models import site_root_paths


class StoryUrls:
    """Absolute URLs of stories in each language, as Wagtail builds them, for many stories.

    ``Page.get_full_url`` looks up the site and reverses the URL for every page; indexing
    thousands of stories looks each language's site roots and prefix up once instead. The
    roots come from the cache the pages' own URLs use (``content.models.site_roots``): a
    reader's page that lists stories asks no query of its own for them.
    """

    def __init__(self) -> None:
        self.roots: dict[str, list[SiteRootPath]] = {}
        self.prefixes: dict[str, str] = {}

    def language_prefix(self, language: str) -> str:
        if language not in self.prefixes:
            with override(language):
                self.prefixes[language] = reverse("wagtail_serve", args=[""])
        return self.prefixes[language]

    def site_root(self, page: Page, language: str) -> tuple[SiteRootPath, str] | None:
        """The root of the site ``page`` is on, in ``language``, and the page's path there."""
        if language not in self.roots:
            self.roots[language] = site_root_paths(language)
        url_path = build_localized_fieldname("url_path", language)
        page_path = getattr(page, url_path) or page.url_path
        for root in self.roots[language]:
            if page_path.startswith(root.root_path):
                return root, page_path
        return None

    def root_url(self, page: Page, language: str | None = None) -> str:
        found = self.site_root(page, language or settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        return found[0].root_url if found else ""

    def path(self, page: Page, language: str) -> str:
        """The page's URL in ``language`` without scheme and host; "" outside every site."""
        found = self.site_root(page, language)
        if found is None:
            return ""
        root, page_path = found
        return self.language_prefix(language) + page_path[len(root.root_path) :]

    def url(self, page: Page, language: str) -> str:
        found = self.site_root(page, language)
        return found[0].root_url + self.path(page, language) if found else ""
