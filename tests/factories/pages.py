"""Factories for the newsroom's pages. Text is given in Vietnamese and English."""

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone
from wagtail.models import Collection, Locale, Page

from content.models import ArticlePage, HomePage, SectionPage, TopicIndexPage, UnitIndexPage
from tests.factories.snippets import MinistryUnitFactory
from tests.factories.translations import approve_written_languages


def ensure_tree_roots():
    """The rows Wagtail's migrations create, which transactional tests flush away."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.get_first_root_node():
        Page.add_root(title="Root", slug="root")
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Bản tin"
    title_vi = "Bản tin"
    title_en = "Newsroom"
    slug = "home"


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Chuyên mục {n}")
    title_vi = factory.SelfAttribute("title")
    title_en = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")
    slug_en = factory.Sequence(lambda n: f"section-{n}")
    show_in_menus = True


class TopicIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TopicIndexPage

    title = "Chủ đề"
    title_en = "Topics"
    slug = "chu-de"
    slug_en = "topics"


class UnitIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = UnitIndexPage

    title = "Đơn vị"
    title_en = "Units"
    slug = "don-vi"
    slug_en = "units"


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A story written in Vietnamese and translated into English.

    ``ArticlePageFactory(vietnamese_only=True)`` is a story with no English version.
    """

    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Tin số {n} về thương mại")
    title_vi = factory.SelfAttribute("title")
    slug = factory.Sequence(lambda n: f"tin-so-{n}")
    title_en = factory.Sequence(lambda n: f"Story {n} on trade")
    slug_en = factory.Sequence(lambda n: f"story-{n}")
    standfirst_vi = "Hai bên nhất trí thúc đẩy hợp tác thương mại."
    standfirst_en = "The two sides agreed to push trade cooperation forward."
    body_vi = factory.LazyFunction(lambda: paragraph("Nội dung bằng tiếng Việt."))
    body_en = factory.LazyFunction(lambda: paragraph("Body text in English."))
    publication_date = factory.LazyFunction(timezone.now)
    lead_unit = factory.SubFactory(MinistryUnitFactory)
    live = True

    class Params:
        vietnamese_only = factory.Trait(
            title_en=None, slug_en=None, standfirst_en=None, body_en=None
        )

    @factory.post_generation
    def translations(story, create, extracted, **kwargs):
        """The languages written besides the story's own are approved translations."""
        if create and extracted is not False:
            approve_written_languages(story)
