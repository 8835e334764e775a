"""schema.org structured data (JSON-LD) for readers' pages, with URLs on the request's site.

Every page with a place in the tree gets a ``BreadcrumbList``; the home page the ``WebSite``
with its ``SearchAction``; an article a ``NewsArticle`` linked to its other languages (the
original's ``workTranslation``, a translation's ``translationOfWork``); and a clarification
of a false report a ``ClaimReview``: the ministry rates the claim its story answers as false.
The publisher is one ``Organization`` node the others point to.

The result goes into ``<script type="application/ld+json">``: data, not a script, so the
Content-Security-Policy has nothing to allow; ``<``, ``>`` and ``&`` are written as JSON
escapes so that no text in it can close the element.
"""

import json
from collections.abc import Iterable

from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, override, pgettext
from wagtail.models import Page, Site

from content.models import ArticleKind, ArticlePage, HomePage
from content.models.renditions import rendition_or_none
from newsroom.templatetags.frame_tags import frame_pages

SCHEMA_ORG = "https://schema.org"
# Large enough for Google's article image and Open Graph's preferred 1.91:1 cards.
SHARE_IMAGE_SPEC = "fill-1200x630"
# schema.org's rating scale for a false claim (Google's guidance: 1 = false, 5 = true).
FALSE_RATING = {"ratingValue": 1, "worstRating": 1, "bestRating": 5}
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"} | {
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


def json_ld_script(data: dict) -> SafeString:
    """``data`` as a JSON-LD ``<script>`` element that no text inside can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def site_root(request: HttpRequest) -> str:
    """The site's root URL as the reader reached it: the request's scheme and host (ADR 10).

    Never the Site row's, whose scheme and port are what an administrator typed.
    """
    return request.build_absolute_uri("/").rstrip("/")


def absolute(request: HttpRequest, url: str) -> str:
    """``url`` on the request's site, unless it is absolute already (a media host's)."""
    return url if "://" in url else site_root(request) + url


def page_url(page: Page, request: HttpRequest) -> str:
    """The page's absolute URL in the active language, on the request's scheme and host."""
    return absolute(request, page.get_url(request) or "")


def publisher(request: HttpRequest) -> dict:
    """The ministry's newsroom as an ``Organization``: publisher of stories, author of reviews."""
    site = Site.find_for_request(request)
    root = site_root(request)
    return {
        "@type": "Organization",
        "@id": f"{root}/#publisher",
        "name": (site.site_name if site else "") or gettext("Newsroom"),
        "url": f"{root}/",
        "logo": {"@type": "ImageObject", "url": absolute(request, static("newsroom/favicon.svg"))},
    }


def website(page: Page, request: HttpRequest) -> dict:
    """The site in the reader's language, and how to search it."""
    search_url = absolute(request, reverse("search"))
    return {
        "@type": "WebSite",
        "@id": f"{site_root(request)}/#website-{get_language()}",
        "url": page_url(page, request),
        "name": (page.seo_title or page.title),
        "inLanguage": get_language(),
        "publisher": {"@id": publisher(request)["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{search_term}}"},
            "query-input": "required name=search_term",
        },
    }


def lineage(page: Page, request: HttpRequest) -> list[Page]:
    """The pages from the home page down to ``page``'s parent.

    Their titles and URLs are on the base rows: a home page's, a section's or an index's
    children are found among the frame's pages the menu reads; deeper pages ask once.
    """
    site = Site.find_for_request(request)
    frame = {each.path: each for each in frame_pages(request, site)} if site else {}
    steps = range(page.steplen * 2, len(page.path), page.steplen)
    paths = [page.path[:end] for end in steps]  # below the tree's root, above the page
    if all(path in frame for path in paths):
        return [frame[path] for path in paths]
    return list(page.get_ancestors().filter(depth__gte=2))


def breadcrumbs(
    page: Page,
    request: HttpRequest,
    last: tuple[str, str] | None = None,
    ancestors: list[Page] | None = None,
) -> dict:
    """Home to ``page`` (then ``last``, a name and URL below it, such as a topic's page)."""
    ancestors = lineage(page, request) if ancestors is None else ancestors
    trail = [(each.title, page_url(each, request)) for each in [*ancestors, page]]
    if last:
        trail.append(last)
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def share_image(page: ArticlePage, request: HttpRequest) -> dict | None:
    """The article's hero image as readers' cards and search engines show it, or None."""
    rendition = rendition_or_none(page.hero_image, SHARE_IMAGE_SPEC)
    if rendition is None:
        return None
    return {
        "url": absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": page.hero_alt_text,
    }


def article_urls(page: ArticlePage, request: HttpRequest) -> dict[str, str]:
    """The article's URL in each language it is live in."""
    urls = {}
    for code in page.live_languages():
        with override(code):
            urls[code] = page_url(page, request)
    return urls


def person(author) -> dict:
    """An author of a byline as a ``Person``."""
    return {"@type": "Person", "name": author.name} | (
        {"jobTitle": author.role} if author.role else {}
    )


def news_article(
    page: ArticlePage,
    request: HttpRequest,
    authors: Iterable,
    image: dict | None,
    section: Page | None = None,
) -> dict:
    """The story in the reader's language, with its authors, image and other languages."""
    language = get_language()
    urls = article_urls(page, request)
    url = urls.get(language) or page_url(page, request)
    article = {
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": page.title,
        "description": page.search_description or page.standfirst,
        "inLanguage": language,
        "datePublished": page.publication_date.isoformat(),
        "dateModified": (page.last_published_at or page.publication_date).isoformat(),
        "author": [person(author) for author in authors],
        "publisher": {"@id": publisher(request)["@id"]},
        "articleSection": (section or page.get_parent()).title,
    }
    if image:
        article["image"] = {
            "@type": "ImageObject",
            "url": image["url"],
            "width": image["width"],
            "height": image["height"],
            "caption": image["alt"],
        }
    original = page.original_language
    if language == original:
        translations = [(code, u) for code, u in urls.items() if code != language]
        if translations:
            article["workTranslation"] = [
                {"@type": "NewsArticle", "@id": u, "inLanguage": code} for code, u in translations
            ]
    elif original in urls:
        article["translationOfWork"] = {
            "@type": "NewsArticle",
            "@id": urls[original],
            "inLanguage": original,
        }
    return article


def claim_review(page: ArticlePage, request: HttpRequest, article: dict) -> dict:
    """The ministry's rating of the false report a clarification answers.

    The claim is told in the story's standfirst (or its search description, which an editor
    may set to the claim's own words): the story's summary of what it corrects.
    """
    return {
        "@type": "ClaimReview",
        "url": article["url"],
        "inLanguage": article["inLanguage"],
        "datePublished": article["datePublished"],
        "claimReviewed": page.search_description or page.standfirst,
        "itemReviewed": {"@type": "Claim", "description": page.standfirst},
        "author": {"@id": publisher(request)["@id"]},
        "reviewRating": {
            "@type": "Rating",
            **FALSE_RATING,
            "alternateName": pgettext("fact check: the rating of a claim", "False"),
        },
        "subjectOf": {"@id": article["@id"]},
    }


def page_graph(context) -> dict | None:
    """Everything a page's template context says about it, as one JSON-LD graph."""
    page, request = context.get("page"), context.get("request")
    if not isinstance(page, Page) or request is None:
        return None
    nodes: list[dict] = [publisher(request)]
    term = context.get("term")
    last = None
    if term is not None:
        last = (str(getattr(term, "name", term)), f"{page_url(page, request)}{term.slug}/")
    ancestors: list[Page] = []
    if isinstance(page, HomePage):
        nodes.append(website(page, request))
    else:
        ancestors = lineage(page, request)
        nodes.append(breadcrumbs(page, request, last, ancestors))
    if isinstance(page, ArticlePage):
        authors = context.get("authors") or []
        section = ancestors[-1] if ancestors else None
        article = news_article(page, request, authors, share_image(page, request), section)
        nodes.append(article)
        if page.kind == ArticleKind.CLARIFICATION:
            nodes.append(claim_review(page, request, article))
    return {"@context": SCHEMA_ORG, "@graph": nodes}


def page_json_ld(context) -> SafeString:
    """The page's JSON-LD script element, or nothing for a page outside the tree."""
    graph = page_graph(context)
    return json_ld_script(graph) if graph else mark_safe("")
