"""The demo newsroom that `make run` builds: plausible, complete, and built only once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import override
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowPage

from content.demo.builder import DEMO_PASSWORD, build_demo_site
from content.editorial import EDITORIAL_WORKFLOW_NAME
from content.models import ArticlePage, MinistryUnit, OfficialDocument, SectionPage, Translation
from tests.factories import ensure_tree_roots

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo, built once for this module in a transaction rolled back at its end.

    Each test runs in a savepoint inside it, so what one test changes the next does not see.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_tree_roots()  # a transactional test run before, on this worker, flushed them
        report = build_demo_site()
        yield report
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_site, db):
    return demo_site


def test_demo_is_a_plausible_newsroom(demo):
    """One build, checked from several sides: building the demo takes seconds."""
    stories = ArticlePage.objects.live()
    assert stories.count() >= 30
    assert SectionPage.objects.count() == 4
    for section in SectionPage.objects.all():
        assert stories.child_of(section).count() >= 6

    # Vietnamese first, with English for most and a few stories that began in English.
    assert all(story.title_vi for story in stories)
    assert stories.in_language("en").count() >= 0.75 * stories.count()
    assert stories.filter(original_language="en").exists()

    # Translations went through the workflow: five stories in at least five languages, one
    # translation whose source changed since, and one approved over a check, with its reason.
    widely_read = [
        s for s in stories.prefetch_related("translations") if len(s.live_languages()) >= 5
    ]
    assert len(widely_read) >= 5
    assert {"ar", "zh-hans", "ja", "ko", "ru"} <= set(widely_read[0].live_languages())
    assert Translation.objects.needing_update().exists()
    overridden = Translation.objects.exclude(qa_override_reason="")
    assert overridden.filter(live=True).exists()

    # Structured facts and pictures.
    assert not stories.filter(lead_unit__isnull=True).exists()
    assert not stories.filter(hero_image__isnull=True).exists()
    assert stories.filter(documents__isnull=False).exists()
    assert MinistryUnit.objects.filter(parent__isnull=False).exists()
    assert OfficialDocument.objects.count() >= 3
    image = get_image_model().objects.first()
    assert (image.width, image.height) == (1600, 900)

    # Every section goes through the editorial workflow.
    editorial = WorkflowPage.objects.filter(workflow__name=EDITORIAL_WORKFLOW_NAME)
    assert set(editorial.values_list("page_id", flat=True)) == set(
        SectionPage.objects.values_list("pk", flat=True)
    )


def test_running_the_demo_build_again_adds_nothing(demo):
    before = (
        Page.objects.count(),
        get_image_model().objects.count(),
        OfficialDocument.objects.count(),
    )
    again = build_demo_site()
    after = (
        Page.objects.count(),
        get_image_model().objects.count(),
        OfficialDocument.objects.count(),
    )
    assert before == after
    assert not any(again.created.values())


def test_every_demo_story_renders_in_each_of_its_languages(client, demo):
    for story in ArticlePage.objects.live():
        for language in story.live_languages():
            with override(language):
                url = story.get_url()
            response = client.get(url)
            assert response.status_code == 200, url


def test_the_command_refuses_to_run_with_production_like_settings(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    settings.NEWSROOM_ALLOW_DEMO = False
    with pytest.raises(CommandError):
        call_command("build_demo_site")


def test_with_production_settings_the_demo_accounts_take_the_operators_password(
    settings, monkeypatch, tree_roots
):
    from django.contrib.auth import authenticate
    from django.core.management.base import CommandError

    settings.DEBUG = False
    settings.NEWSROOM_ALLOW_DEMO = False
    monkeypatch.setenv("NEWSROOM_DEMO_PASSWORD", "too-short")
    with pytest.raises(CommandError, match="at least 12"):
        call_command("build_demo_site")

    monkeypatch.setenv("NEWSROOM_DEMO_PASSWORD", "an operator's own passphrase")
    call_command("build_demo_site", stdout=StringIO())
    assert authenticate(username="admin", password="an operator's own passphrase")
    assert authenticate(username="writer", password="an operator's own passphrase")
    assert not authenticate(username="admin", password=DEMO_PASSWORD)


def test_readers_can_search_the_demo_stories(client, demo):
    story = ArticlePage.objects.live().in_language("en").first()
    word = story.title_en.split()[-1]
    response = client.get("/en/search/", {"q": word})
    assert story.pk in [hit.page_id for hit in response.context["result"].hits]


@pytest.mark.parametrize(("language", "word"), [("ja", "コーヒー"), ("zh-hans", "咖啡")])
def test_readers_find_words_of_languages_written_without_spaces(client, demo, language, word):
    response = client.get(f"/{language}/search/", {"q": word})
    titles = [str(hit.title) for hit in response.context["result"].hits]
    assert titles
    assert word in titles[0]


def test_the_demo_site_is_where_make_run_serves_it(demo):
    """Links the site builds (feeds, sitemaps) lead to 127.0.0.1:8000, as `make run` serves."""
    from wagtail.models import Site

    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"
