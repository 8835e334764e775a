"""Sitemaps for search engines: every public page in each language it is live in, and news.

``PageSitemap`` lists a page once per language, each entry with hreflang alternates for
the page's other languages; ``NewsSitemap`` follows Google News' format for the stories
of the last two days. Both list only the requesting site's pages, and only what a reader
may see now: an embargoed story enters them when its embargo lifts.
"""

from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import timezone
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from content.models import ArticlePage
from search.index import StoryUrls, languages
from search.syndication.feeds import xml_safe

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most this many entries per sitemap
# Google News names languages by ISO 639 code, with Chinese by its written variant.
NEWS_LANGUAGE_CODES = {"zh-hans": "zh-cn", "zh-hant": "zh-tw"}


def _url_path_fields() -> list[str]:
    return [build_localized_fieldname("url_path", code) for code in languages()]


def _title_fields() -> list[str]:
    return [build_localized_fieldname("title", code) for code in languages()]


def live_languages(articles: Any) -> dict[int, list[str]]:
    """For each of these articles that a reader may read now, the languages they may read it in."""
    live: dict[int, list[str]] = {}
    for language in languages():
        for page_id in articles.readable_in(language).values_list("pk", flat=True):
            live.setdefault(page_id, []).append(language)
    return live


class PageSitemap(Sitemap):
    """The site's listing pages and stories, once per language, with hreflang alternates."""

    i18n = True
    alternates = True
    limit = 5000  # entries per sitemap page; each carries up to nine alternates

    def __init__(self, site):
        self.site = site
        self.urls = StoryUrls()
        self._listed = None
        self._languages = {}

    def items(self):
        if self._listed is None:
            root = self.site.root_page
            listing_pages = list(
                Page.objects.descendant_of(root, inclusive=True)
                .live()
                .public()
                .not_type(ArticlePage)
                .order_by("path")
                .only(
                    "id",
                    "path",
                    "url_path",
                    "last_published_at",
                    *_title_fields(),
                    *_url_path_fields(),
                )
            )
            for page in listing_pages:
                self._languages[page.pk] = [
                    code
                    for code in languages()
                    if getattr(page, build_localized_fieldname("title", code), None)
                ]
            articles = ArticlePage.objects.descendant_of(root)
            self._languages.update(live_languages(articles))
            articles = (
                articles.live()
                .public()
                .order_by("-publication_date", "-pk")
                .only("id", "path", "url_path", "last_published_at", *_url_path_fields())
            )
            self._listed = listing_pages + [a for a in articles if a.pk in self._languages]
        return self._listed

    def get_languages_for_item(self, item):
        return self._languages.get(item.pk, [])

    def location(self, item):
        return self.urls.path(item, get_language())

    def lastmod(self, item):
        return item.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        # Readers without a language of their own get the source language, as pages' heads say.
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            source = next(
                (a for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if source:
                url["alternates"].append({"location": source["location"], "lang_code": "x-default"})
        return urls


@dataclass(frozen=True)
class NewsEntry:
    """A story in one language it is live in, as Google News' sitemap lists it."""

    page: ArticlePage
    language: str
    title: str
    publication: str

    @property
    def published(self) -> str:
        return self.page.publication_date.astimezone(UTC).isoformat(timespec="seconds")

    @property
    def news_language(self) -> str:
        return NEWS_LANGUAGE_CODES.get(self.language, self.language)


class NewsSitemap(Sitemap):
    """Stories published in the last two days, one entry per language they are live in."""

    limit = NEWS_LIMIT

    def __init__(self, site):
        self.site = site
        self.urls = StoryUrls()
        self._listed = None

    def items(self):
        if self._listed is None:
            recent = ArticlePage.objects.descendant_of(self.site.root_page).filter(
                publication_date__gte=timezone.now() - NEWS_WINDOW
            )
            live = live_languages(recent)
            recent = (
                recent.filter(pk__in=list(live))
                .order_by("-publication_date", "-pk")
                .only(
                    "id",
                    "path",
                    "url_path",
                    "publication_date",
                    "last_published_at",
                    *_url_path_fields(),
                    *_title_fields(),
                )
            )
            self._listed = [
                NewsEntry(
                    page=page,
                    language=language,
                    title=xml_safe(
                        getattr(page, build_localized_fieldname("title", language)) or ""
                    ),
                    publication=xml_safe(self.site.site_name or self.site.hostname),
                )
                for page in recent
                for language in live[page.pk]
            ][:NEWS_LIMIT]
        return self._listed

    def location(self, entry):
        return self.urls.path(entry.page, entry.language)

    def lastmod(self, entry):
        return entry.page.last_published_at
