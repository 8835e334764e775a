"""Every public page carries a Content-Security-Policy its own HTML keeps; the admin has its own."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils.translation import override
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from content.models import HomePage
from tests.factories import (
    ArticlePageFactory,
    MinistryUnitFactory,
    TopicFactory,
    TopicIndexPageFactory,
    UnitIndexPageFactory,
)

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=newsroom-csp"


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


def script_sources(policy: dict[str, list[str]]) -> list[str]:
    return policy.get("script-src", policy["default-src"])


def style_sources(policy: dict[str, list[str]]) -> list[str]:
    return policy.get("style-src", policy["default-src"])


def nonce_of(sources: list[str]) -> str | None:
    nonces = [s[len("'nonce-") : -1] for s in sources if s.startswith("'nonce-")]
    return nonces[0] if nonces else None


# A script of another type (JSON-LD) is a data block: the browser never runs it, so the policy
# has nothing to refuse.
JAVASCRIPT_TYPES = {"text/javascript", "module", "application/javascript"}


def inline_code_the_policy_blocks(html: str, policy: dict[str, list[str]]) -> list[str]:
    """Inline scripts and styles in ``html`` that ``policy`` would refuse to run or apply."""
    soup = BeautifulSoup(html, "html.parser")
    script_nonce = nonce_of(script_sources(policy))
    style_nonce = nonce_of(style_sources(policy))
    blocked = [
        str(script)[:120]
        for script in soup.find_all("script")
        if not script.get("src")
        and script.get("type", "text/javascript") in JAVASCRIPT_TYPES
        and (not script_nonce or script.get("nonce") != script_nonce)
    ]
    blocked += [
        str(style)[:120]
        for style in soup.find_all("style")
        if not style_nonce or style.get("nonce") != style_nonce
    ]
    for element in soup.find_all(True):
        blocked += [
            f"<{element.name} {name}=...>"
            for name in element.attrs
            if name == "style" or name.startswith("on")
        ]
        if str(element.get("href", "")).lower().startswith("javascript:"):
            blocked.append(f"<{element.name} href={element['href']}>")
    return blocked


def assert_public_policy_holds(response):
    policy = directives(response)
    assert "'unsafe-inline'" not in script_sources(policy)
    assert "'unsafe-eval'" not in script_sources(policy)
    assert "'unsafe-inline'" not in style_sources(policy)
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert inline_code_the_policy_blocks(response.content.decode(), policy) == []


@pytest.fixture
def video_embed(db):
    """The oEmbed answer for a video, stored as Wagtail caches it: no request leaves the test."""
    return Embed.objects.create(
        hash=get_embed_hash(VIDEO_URL),
        url=VIDEO_URL,
        max_width=None,
        type="video",
        html='<iframe width="640" height="480" src="https://www.youtube.com/embed/x" '
        'title="Press briefing" allowfullscreen></iframe>',
        title="Press briefing",
        width=640,
        height=480,
    )


@pytest.fixture
def story(section, video_embed):
    return ArticlePageFactory(
        parent=section,
        title_en="Trade talks",
        slug_en="trade-talks",
        title_ar="محادثات تجارية",
        slug_ar="trade-talks-ar",
        standfirst_ar="ملخص الخبر",
        body_vi=[
            {"type": "paragraph", "value": "<p>Nội dung.</p>"},
            {"type": "embed", "value": VIDEO_URL},
        ],
    )


def url_in(language, page):
    with override(language):
        return page.get_url()


@pytest.mark.parametrize("language", ["vi", "en", "ar"])
def test_an_article_in_each_script_direction_keeps_the_public_policy(client, story, language):
    response = client.get(url_in(language, story))
    assert response.status_code == 200
    assert_public_policy_holds(response)


def test_an_embedded_video_plays_in_a_frame_the_policy_allows(client, story):
    response = client.get(story.url)
    frame = BeautifulSoup(response.content.decode(), "html.parser").select_one(".embed iframe")
    assert frame["src"].startswith("https://www.youtube.com/")
    assert "https://www.youtube.com" in directives(response)["frame-src"]


def test_home_section_topic_and_unit_pages_keep_the_public_policy(client, home, section, story):
    topics = TopicIndexPageFactory(parent=home)
    units = UnitIndexPageFactory(parent=home)
    story.topics.add(TopicFactory(slug="trade-agreements"))
    story.lead_unit = MinistryUnitFactory(slug="trade-promotion")
    story.save()
    for url in [
        home.url,
        section.url,
        url_in("en", section),
        topics.url,
        f"{topics.url}trade-agreements/",
        f"{units.url}trade-promotion/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_public_policy_holds(response)


@pytest.mark.parametrize("language", ["vi", "en", "ar"])
def test_the_search_page_keeps_the_public_policy(client, story, language):
    with override(language):
        url = reverse("search")
    response = client.get(url, {"q": "trade"})
    assert response.status_code == 200
    assert_public_policy_holds(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.find("script", src=re.compile(r"search/search_suggestions\.js$"))


def test_the_feeds_page_keeps_the_public_policy(client, home):
    response = client.get("/en/feeds/")
    assert response.status_code == 200
    assert_public_policy_holds(response)


def test_a_feed_carries_the_public_policy(client, home):
    response = client.get("/en/feeds/all.rss")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in script_sources(directives(response))


def test_the_404_page_keeps_the_public_policy(client, home):
    response = client.get("/en/no-such-story/")
    assert response.status_code == 404
    assert_public_policy_holds(response)


def test_the_500_page_keeps_the_public_policy(home, monkeypatch):
    def fail(page, request, *args, **kwargs):
        raise RuntimeError("the home page failed")

    monkeypatch.setattr(HomePage, "serve", fail)
    response = Client(raise_request_exception=False).get(home.url)
    assert response.status_code == 500
    assert "<html" in response.content.decode()
    assert_public_policy_holds(response)


def test_an_inline_script_is_allowed_only_with_the_nonce_of_its_response():
    """The check the tests above rely on refuses what the browser would refuse."""
    policy = {"default-src": ["'self'"], "script-src": ["'self'", "'nonce-abc'"]}
    allowed = (
        '<script nonce="abc">go()</script><script src="/static/x.js"></script>'
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
    )
    assert inline_code_the_policy_blocks(allowed, policy) == []
    refused = [
        "<script>go()</script>",
        '<script nonce="other">go()</script>',
        '<script type="module">go()</script>',
        "<style>p {}</style>",
        '<p style="color: red">',
        '<button onclick="go()">',
        '<a href="javascript:go()">',
    ]
    for html in refused:
        assert inline_code_the_policy_blocks(html, policy), html


class TestAdminPolicy:
    @pytest.fixture
    def editor_client(self, client, site_administrator):
        client.force_login(site_administrator)
        return client

    def assert_admin_policy(self, response):
        policy = directives(response)
        # Wagtail starts its widgets from inline scripts: a nonce would disable 'unsafe-inline'.
        assert script_sources(policy) == ["'self'", "'unsafe-inline'"]
        assert "'unsafe-eval'" not in script_sources(policy)
        assert policy["frame-ancestors"] == ["'self'"]  # the live preview's frame
        assert policy["object-src"] == ["'none'"]

    def test_the_login_page_has_the_admin_policy(self, client, home):
        response = client.get(reverse("wagtailadmin_login"))
        assert response.status_code == 200
        self.assert_admin_policy(response)

    def test_the_dashboard_has_the_admin_policy(self, editor_client, home):
        response = editor_client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        self.assert_admin_policy(response)

    def test_the_article_editor_has_the_admin_policy(self, editor_client, story):
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
        assert response.status_code == 200
        self.assert_admin_policy(response)

    def test_a_preview_rendered_in_the_admin_has_the_admin_policy(self, editor_client, story):
        response = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[story.pk]))
        assert response.status_code == 200
        assert "Nội dung." in response.content.decode()
        self.assert_admin_policy(response)
