"""Pages describe themselves to search engines and link previews: JSON-LD and Open Graph."""

import json
import re

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.translation import override
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from content.models import ArticleByline, ArticleKind
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    TopicFactory,
    TopicIndexPageFactory,
)
from tests.newsroom.schema_org import validate_graph

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response) -> dict:
    (text,) = JSON_LD.findall(response.content.decode())
    return json.loads(text)


def nodes_of(document, node_type):
    return [node for node in document["@graph"] if node["@type"] == node_type]


def get(client, page, language="vi", path=""):
    with override(language):
        return client.get(page.get_url() + path)


@pytest.fixture
def story(section):
    image = ImageFactory(file=get_test_image_file(size=(1600, 900)), title="Port")
    story = ArticlePageFactory(
        parent=section,
        title="Việt Nam và Pháp thúc đẩy hợp tác cà phê",
        hero_image=image,
        hero_alt_text="Cảng container Hải Phòng lúc bình minh",
    )
    ArticleByline.objects.create(
        page=story, author=AuthorFactory(name="Nguyễn Thu Hà", role="Phóng viên")
    )
    return story


def test_an_article_is_a_valid_news_article_with_its_authors_image_and_translations(client, story):
    document = json_ld(get(client, story))
    assert validate_graph(document) == []
    (article,) = nodes_of(document, "NewsArticle")
    assert article["headline"] == story.title_vi
    assert article["inLanguage"] == "vi"
    assert article["url"] == f"http://testserver{story.get_url()}"
    author = {"@type": "Person", "name": "Nguyễn Thu Hà", "jobTitle": "Phóng viên"}
    assert article["author"] == [author]
    assert article["image"]["url"].startswith("http://testserver/")
    (english,) = article["workTranslation"]
    with override("en"):
        assert english == {
            "@type": "NewsArticle",
            "@id": f"http://testserver{story.get_url()}",
            "inLanguage": "en",
        }
    (organization,) = nodes_of(document, "Organization")
    assert article["publisher"] == {"@id": organization["@id"]}


def test_a_translation_points_at_the_work_it_translates(client, story):
    document = json_ld(get(client, story, "en"))
    assert validate_graph(document) == []
    (article,) = nodes_of(document, "NewsArticle")
    assert article["inLanguage"] == "en"
    assert article["headline"] == story.title_en
    assert article["translationOfWork"]["@id"] == f"http://testserver{story.get_url()}"
    assert "workTranslation" not in article


def test_an_article_page_shares_its_image_through_open_graph(client, story):
    html = get(client, story, "en").content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://testserver/") and ".fill-1200x630." in image
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:alt" content="Cảng container Hải Phòng lúc bình minh">' in html
    with override("en"):
        assert f'<meta property="og:url" content="http://testserver{story.get_url()}">' in html
    assert default_storage.exists(image.removeprefix(f"http://testserver{settings.MEDIA_URL}"))


def test_a_clarification_carries_the_ministrys_rating_of_the_false_claim(client, section):
    story = ArticlePageFactory(
        parent=section,
        kind=ArticleKind.CLARIFICATION,
        standfirst_en="Posts claiming that rice exports will stop next month are false.",
    )
    document = json_ld(get(client, story, "en"))
    assert validate_graph(document) == []
    (review,) = nodes_of(document, "ClaimReview")
    assert review["claimReviewed"] == story.standfirst_en
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "worstRating": 1,
        "bestRating": 5,
        "alternateName": "False",
    }
    assert review["datePublished"] == story.publication_date.isoformat()
    (organization,) = nodes_of(document, "Organization")
    assert review["author"] == {"@id": organization["@id"]}
    assert review["inLanguage"] == "en"


def test_a_clarification_rates_the_claim_in_the_readers_language(client, section):
    story = ArticlePageFactory(parent=section, kind=ArticleKind.CLARIFICATION)
    (review,) = nodes_of(json_ld(get(client, story, "vi")), "ClaimReview")
    assert review["reviewRating"]["alternateName"] == "Sai sự thật"


def test_other_stories_carry_no_claim_review(client, story):
    assert nodes_of(json_ld(get(client, story)), "ClaimReview") == []


def test_the_home_page_describes_the_site_and_how_to_search_it(client, home):
    document = json_ld(get(client, home, "en"))
    assert validate_graph(document) == []
    (site,) = nodes_of(document, "WebSite")
    assert site["url"] == "http://testserver/en/"
    action = site["potentialAction"]
    assert action["target"]["urlTemplate"] == "http://testserver/en/search/?q={search_term}"
    assert action["query-input"] == "required name=search_term"
    search = action["target"]["urlTemplate"].format(search_term="cà phê")
    assert client.get(search.removeprefix("http://testserver")).status_code == 200


def test_section_article_and_topic_pages_carry_their_breadcrumbs(client, home, section, story):
    topics = TopicIndexPageFactory(parent=home, title="Chủ đề")
    topic = TopicFactory(name="Ngoại giao", slug="ngoai-giao")
    trails = {}
    for page, path in ((section, ""), (story, ""), (topics, "ngoai-giao/")):
        document = json_ld(get(client, page, path=path))
        assert validate_graph(document) == []
        (trail,) = nodes_of(document, "BreadcrumbList")
        trails[page.pk] = [(item["position"], item["name"]) for item in trail["itemListElement"]]
    assert trails[section.pk] == [(1, home.title), (2, section.title)]
    assert trails[story.pk] == [(1, home.title), (2, section.title), (3, story.title)]
    assert trails[topics.pk] == [(1, home.title), (2, topics.title), (3, topic.name)]


def test_text_that_closes_a_script_element_stays_inside_the_json(client, section):
    title = 'Tin </script><script>alert("x")</script> & <!-- chú thích'
    story = ArticlePageFactory(parent=section, title=title, title_vi=title)
    html = get(client, story).content.decode()
    (text,) = JSON_LD.findall(html)
    assert "<" not in text and ">" not in text
    (article,) = nodes_of(json.loads(text), "NewsArticle")
    assert article["headline"] == title


def test_the_policy_lets_no_inline_script_run_and_json_ld_needs_none(client, story):
    policy = get(client, story).headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1).split()
    assert "'unsafe-inline'" not in script_src
    # The browser test (tests/browser/test_public_pages.py) reads it in Chromium with no
    # violation reported: a data block is never executed, so the policy never applies.
