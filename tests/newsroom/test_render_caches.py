"""What rendering a page keeps in the cache, and that a change is on the very next request.

The route of a path, the site, the menu, a page's languages, an article's story and a
section's list of stories are cached under the readers' generation (newsroom/serving.py):
each test reads a page once so that the cache holds it, changes something readers see,
and reads the page again. Django's page cache stays off, so every request renders.
"""

from datetime import timedelta

import pytest
import redis
from django.utils import timezone
from django.utils.translation import override
from wagtail.models import PageViewRestriction

from content.models import ReaderGeneration
from tests.factories import TopicFactory, TopicIndexPageFactory
from tests.factories.stories import published_story
from tests.factories.translations import approve_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def render_caches(settings, production_cache):
    """Production's cache, without the page cache in front of rendering."""
    settings.NEWSROOM_PAGE_CACHE = False


def english_story(section, title="Trade talks open", body="Delegations met."):
    return published_story(section, {"vi": (f"Tin {title}", "Nội dung."), "en": (title, body)})


def url_in(page, language):
    with override(language):
        return type(page).objects.get(pk=page.pk).get_url()


def english_url(page):
    return url_in(page, "en")


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def test_a_page_read_again_comes_from_the_cache_with_fewer_queries(
    client, section, django_assert_max_num_queries
):
    story = english_story(section)
    url = english_url(story)
    first = html(client.get(url))
    # The generation alone: the page with its view restrictions and live languages, its
    # menu, its languages' URLs and its story come from the cache.
    with django_assert_max_num_queries(1):
        again = html(client.get(url))
    assert again == first


def redis_round_trips(url: str) -> int:
    """Commands the Redis at ``url`` has answered (a round trip each), those asking aside."""
    stats = redis.Redis.from_url(url).info("commandstats")
    asking = {"cmdstat_hello", "cmdstat_info"}  # this connection's greeting and question
    return sum(stat["calls"] for name, stat in stats.items() if name not in asking)


def test_a_page_read_again_reads_the_cache_in_two_round_trips(client, section, production_redis):
    # Its route and which entries its last render read, then those entries, all at once.
    story = english_story(section)
    for url in (english_url(story), english_url(section)):
        first = html(client.get(url))
        # The second reads the fragments the first kept, not what they were made of: it
        # remembers fewer entries to read ahead, which the third reads at once.
        html(client.get(url))
        before = redis_round_trips(production_redis)
        again = html(client.get(url))
        assert redis_round_trips(production_redis) - before == 2
        assert again == first


def test_pages_of_a_listing_read_in_turn_each_read_the_cache_in_two_round_trips(
    client, section, production_redis, settings
):
    settings.NEWSROOM_LISTING_PAGE_SIZE = 1
    english_story(section, "Trade talks open")
    english_story(section, "Ports reopen")
    first_page = english_url(section)
    pages = [first_page, f"{first_page}?page=2"]
    for _ in range(2):
        rendered = [html(client.get(url)) for url in pages]
    for url, page in zip(pages, rendered, strict=True):
        before = redis_round_trips(production_redis)
        assert html(client.get(url)) == page
        assert redis_round_trips(production_redis) - before == 2
    assert "Ports reopen" in rendered[0] and "Trade talks open" in rendered[1]


def test_a_new_story_is_listed_on_the_next_request(client, section):
    english_story(section, title="First story")
    listing = english_url(section)
    assert "First story" in html(client.get(listing))

    english_story(section, title="Second story")

    assert "Second story" in html(client.get(listing))


def test_a_renamed_section_is_in_the_menu_and_on_its_stories_at_once(client, section):
    story = english_story(section)
    url = english_url(story)
    assert "Foreign affairs" in html(client.get(url))

    section.title_en = "External relations"
    section.save_revision().publish()

    page = html(client.get(url))
    assert "External relations" in page
    assert "Foreign affairs" not in page


def test_a_renamed_topic_is_on_the_story_at_once(client, section):
    story = english_story(section)
    topic = TopicFactory(name_en="Supply chains")
    story.topics.add(topic)
    story.save_revision().publish()
    url = english_url(story)
    assert "Supply chains" in html(client.get(url))

    topic.name_en = "Logistics"
    topic.save()

    page = html(client.get(url))
    assert "Logistics" in page
    assert "Supply chains" not in page


def test_a_topic_page_read_again_finds_its_index_page_in_the_cache(
    client, home, section, django_assert_max_num_queries
):
    # The topics index routes any slug below it: its own entry serves its topics' pages.
    topics = TopicIndexPageFactory(parent=home)
    topic = TopicFactory(slug="supply-chains", name_en="Supply chains")
    story = english_story(section)
    story.topics.add(topic)
    story.save_revision().publish()
    with override("en"):
        url = f"{type(topics).objects.get(pk=topics.pk).get_url()}{topic.slug}/"
    first = html(client.get(url))
    assert "Trade talks open" in first
    # The generation and the topic named by the slug: the rest comes from the cache.
    with django_assert_max_num_queries(2):
        assert html(client.get(url)) == first
    assert client.get(url.replace(topic.slug, "no-such-topic")).status_code == 404

    topic.name_en = "Logistics"
    topic.save()
    assert "Logistics" in html(client.get(url))


def test_an_approved_translation_is_served_at_once(client, section):
    story = english_story(section, title="Trade talks open")
    url = english_url(story)
    assert "Trade talks open" in html(client.get(url))
    assert 'hreflang="fr"' not in html(client.get(url))
    french = url_in(story, "fr")
    assert client.get(french).status_code == 404

    approve_text(story, "en", title="Trade talks resume")
    approve_text(story, "fr", title="Reprise des négociations")

    assert "Trade talks resume" in html(client.get(url))
    assert "Reprise des négociations" in html(client.get(url_in(story, "fr")))
    english = html(client.get(url))
    assert "Français" in english  # the language switcher offers it
    assert 'hreflang="fr"' in english  # and so do the alternates


def test_an_unpublished_story_is_gone_from_its_url_and_its_section_at_once(client, section):
    story = english_story(section, title="Soon withdrawn")
    url, listing = english_url(story), english_url(section)
    assert client.get(url).status_code == 200
    assert "Soon withdrawn" in html(client.get(listing))

    story.unpublish()

    assert client.get(url).status_code == 404
    assert "Soon withdrawn" not in html(client.get(listing))


def test_a_moved_story_is_served_at_its_new_url_only(client, home, section):
    from tests.factories import SectionPageFactory

    other = SectionPageFactory(parent=home, title="Thương mại", title_en="Trade")
    story = english_story(section)
    old_url = english_url(story)
    assert client.get(old_url).status_code == 200

    story.move(other, pos="last-child")

    new_url = english_url(story)
    assert new_url != old_url
    assert client.get(new_url).status_code == 200
    moved = client.get(old_url)  # Wagtail's automatic redirect, not the page
    assert (moved.status_code, moved.url) == (301, new_url)


def test_a_deleted_story_is_a_404_at_once(client, section):
    story = english_story(section)
    url = english_url(story)
    assert client.get(url).status_code == 200

    story.delete()

    assert client.get(url).status_code == 404


def test_a_private_page_is_private_from_the_next_request(client, section):
    story = english_story(section)
    url = english_url(story)
    assert client.get(url).status_code == 200

    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(url).status_code == 302  # to the login page


def test_a_scheduled_story_is_listed_once_its_time_has_come(client, section, monkeypatch):
    english_story(section, title="Already out")
    soon = timezone.now() + timedelta(minutes=5)
    story = english_story(section, title="Out in five minutes")
    type(story).objects.filter(pk=story.pk).update(publication_date=soon)  # as a schedule does
    listing = english_url(section)
    assert "Out in five minutes" not in html(client.get(listing))

    later = soon + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "Out in five minutes" in html(client.get(listing))


def test_pages_are_served_alike_when_the_cache_is_away(client, section, settings):
    story = english_story(section)
    url = url_in(story, "vi")
    cached = html(client.get(url))
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    assert html(client.get(url)) == cached
    story.title_vi = "Tiêu đề mới"
    story.save_revision().publish()
    assert "Tiêu đề mới" in html(client.get(url))


def test_the_generation_advances_with_each_change_readers_see(section):
    before = ReaderGeneration.current()
    TopicFactory()
    story = english_story(section)
    story.unpublish()
    assert ReaderGeneration.current() > before + 2


@pytest.mark.parametrize("first_scheme", ["http", "https"])
def test_absolute_urls_follow_the_scheme_the_reader_came_by_whatever_was_cached_first(
    client, section, first_scheme
):
    story = english_story(section)
    url = english_url(story)
    other_scheme = "https" if first_scheme == "http" else "http"
    first = html(client.get(url, secure=first_scheme == "https"))
    again = html(client.get(url, secure=other_scheme == "https"))
    for page, scheme, not_scheme in (
        (first, first_scheme, other_scheme),
        (again, other_scheme, first_scheme),
    ):
        assert f'rel="canonical"\n    href="{scheme}://testserver{url}"' in page  # alternates
        assert f'hreflang="vi"\n    href="{scheme}://testserver/vi/' in page
        assert f'og:url" content="{scheme}://testserver{url}"' in page  # Open Graph
        assert f'"{scheme}://testserver{url}"' in page.split("application/ld+json")[1]  # JSON-LD
        assert f"{not_scheme}://testserver" not in page
