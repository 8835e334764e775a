"""SQL queries per reader page, counted with production's cache (Redis), cold and warm.

At most 12 for an article, 10 for a section or a topic's listing and 12 for the home page:
on the first request after a restart (the shared cache empty, the process's own caches too)
and on the next one, and as many with fourteen stories in nine languages as with two stories
in two. A reader waits on each of these queries; one that grows with the stories, their
translations or the site's languages would grow with the newsroom.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    OfficialDocumentFactory,
    RegionFactory,
    TopicFactory,
    TopicIndexPageFactory,
)

pytestmark = pytest.mark.django_db

BOUNDS = {"article": 12, "section": 10, "topic": 10, "home": 12}
LANGUAGES = [code for code, _name in settings.LANGUAGES]
READER = "en"


@pytest.fixture(autouse=True)
def renders(settings, production_cache):
    """Production's cache; every request rendered (the page cache would hide the queries)."""
    settings.NEWSROOM_PAGE_CACHE = False


def restart():
    """As after a deploy: the shared cache empty, and each process's own caches with it."""
    cache.clear()
    caches["renditions"].clear()
    ContentType.objects.clear_cache()


def story(section, number, languages, topic, image):
    """A story written in ``languages`` (the first its own), with the footer's every part."""
    texts = {}
    for code in languages:
        column = code.replace("-", "_")
        texts[f"title_{column}"] = f"Story {number} ({code})"
        texts[f"slug_{column}"] = f"story-{number}-{code}"
        texts[f"standfirst_{column}"] = f"Standfirst of story {number} ({code})."
        texts[f"body_{column}"] = [{"type": "paragraph", "value": f"<p>Body ({code}).</p>"}]
        texts[f"hero_alt_text_{column}"] = f"A port at dawn ({code})"
    page = ArticlePageFactory(
        parent=section,
        title=f"Story {number} ({languages[0]})",
        original_language=languages[0],
        publication_date=timezone.now() - timedelta(hours=number),
        hero_image=image,
        **texts,
    )
    page.topics.add(topic)
    page.regions.add(RegionFactory())
    page.coordinating_units.add(page.lead_unit)
    page.documents.add(OfficialDocumentFactory())
    page.tags.add(f"tag-{number}", "trade")
    page.bylines.create(author=AuthorFactory())
    page.save_revision().publish()
    return page


class Newsroom:
    """A section, a topics index and stories, grown from two to fourteen in nine languages."""

    def __init__(self, home, section):
        self.home, self.section = home, section
        self.topics = TopicIndexPageFactory(parent=home)
        self.topic = TopicFactory(slug="trade-agreements")
        self.image = ImageFactory(file=get_test_image_file(size=(1600, 900)), title="Port")
        self.stories = []

    def grow(self, count, languages):
        first = len(self.stories)
        self.stories += [
            story(self.section, first + n, languages, self.topic, self.image) for n in range(count)
        ]

    def url(self, page_type):
        with override(READER):
            if page_type == "article":
                return self.stories[-1].get_url()  # the latest grown: most languages
            if page_type == "section":
                return self.section.get_url()
            if page_type == "topic":
                return f"{self.topics.get_url()}{self.topic.slug}/"
            return self.home.get_url()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


def cold_and_warm(client, url):
    client.get(url)  # renditions made, as the first reader of a new story makes them
    restart()
    return queries(client, url), queries(client, url)


def explained(found, bound):
    """The queries, each cut short: what a failure needs to say which query came back."""
    return f"{len(found)} queries (at most {bound}):\n" + "\n".join(sql[:160] for sql in found)


def measured(client, newsroom, page_type):
    """Queries cold and warm, with two stories in two languages, then fourteen in nine."""
    newsroom.grow(2, ["vi", READER])
    small = cold_and_warm(client, newsroom.url(page_type))
    newsroom.grow(12, [READER, *[code for code in LANGUAGES if code != READER]])
    large = cold_and_warm(client, newsroom.url(page_type))
    return small, large


@pytest.mark.parametrize("page_type", list(BOUNDS))
def test_queries_do_not_grow_with_stories_translations_or_languages(
    client, home, section, page_type
):
    (small_cold, small_warm), (large_cold, large_warm) = measured(
        client, Newsroom(home, section), page_type
    )
    assert len(large_cold) <= len(small_cold), explained(large_cold, len(small_cold))
    assert len(large_warm) <= len(small_warm), explained(large_warm, len(small_warm))
    assert len(small_warm) <= BOUNDS[page_type], explained(small_warm, BOUNDS[page_type])


# Measured without Elasticsearch: an article's related stories then come from the database
# (the listing and its renditions), the costlier case.
@pytest.mark.parametrize("page_type", list(BOUNDS))
def test_the_first_request_after_a_restart_stays_within_its_bound(client, home, section, page_type):
    (small_cold, _), (large_cold, _) = measured(client, Newsroom(home, section), page_type)
    bound = BOUNDS[page_type]
    assert len(small_cold) <= bound, explained(small_cold, bound)
    assert len(large_cold) <= bound, explained(large_cold, bound)
