"""Page types: the home page, sections, articles and the browse pages for units and taxonomies."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modeltranslation.utils import build_localized_fieldname
from taggit.models import ItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.search import index

from content.blocks import ArticleBodyBlock
from content.forms import StoryForm
from content.models.querysets import ArticlePageQuerySet
from content.models.snippets import Author, MinistryUnit, OfficialDocument, Region, Tag, Topic
from content.panels import TranslationsPanel
from content.reapproval import ReapprovalNoticePanel

# The translated fields' module, not the package: the workflow needs these models.
from content.translating.fields import write_fields
from content.widgets import MultipleSnippetChooser


class ListingPageOfStories:
    """One page of a listing from ``?page=``, counted and read only when its stories are shown.

    Its number is known at once (not a whole number from 1: a 404 at once), so that the cached
    fragments of a listing are keyed on it with no query; a page with its fragment cached asks
    for no count. A number past the last page 404s when the stories are read (rendering: no
    fragment is kept for it). Otherwise Django's ``Page``: its stories, ``has_next``, ...
    """

    def __init__(self, request, stories, per_page=None):
        try:
            self.number = int(request.GET.get("page", 1))
        except ValueError as error:
            raise Http404(str(error)) from error
        if self.number < 1:
            raise Http404("There are no pages before the first.")
        self._stories = stories
        self._per_page = per_page or settings.NEWSROOM_LISTING_PAGE_SIZE

    @cached_property
    def _page(self):
        try:
            stories = self._stories() if callable(self._stories) else self._stories
            return Paginator(stories, self._per_page).page(self.number)
        except EmptyPage as error:
            raise Http404(str(error)) from error

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._page, name)

    def __len__(self):
        return len(self._page)

    def __getitem__(self, index):
        if not isinstance(index, int | slice):  # a template's lookup of ``stories.number``
            raise TypeError(f"Stories are indexed by number, not {index!r}.")
        return self._page[index]

    def __iter__(self):
        return iter(self._page)


def paginate(request, stories, per_page=None) -> ListingPageOfStories:
    """One page of ``stories`` (a queryset, or what makes it) from ``?page=``; a bad number 404s."""
    return ListingPageOfStories(request, stories, per_page)


class ArticleKind(models.TextChoices):
    """What kind of story an article is: news, press release, interview, feature, clarification."""

    NEWS = "news", _("News")
    PRESS_RELEASE = "press_release", _("Press release")
    INTERVIEW = "interview", _("Interview")
    FEATURE = "feature", _("Feature")
    CLARIFICATION = "clarification", _("Clarification of a false report")


class BasePage(Page):
    """What every page of the newsroom shares."""

    class Meta:
        abstract = True

    def is_written_in(self, language):
        """Whether the page has text of its own in ``language``."""
        return bool(getattr(self, build_localized_fieldname("title", language), None))

    def slug_in(self, language):
        """The slug of the page's URL in ``language``: its own, or the source language's."""
        own = getattr(self, build_localized_fieldname("slug", language), None)
        source = build_localized_fieldname("slug", settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        return own or getattr(self, source)

    def prepare_for_reuse(self):
        """Read now what serving the page asks besides its row, to be kept with it.

        A copy of the page kept in a cache under the readers' generation then serves without
        these queries: a change to any of them advances the generation, and the copy with it.
        """
        self._unrestricted = not self.get_view_restrictions().exists()

    def get_view_restrictions(self):
        if getattr(self, "_unrestricted", False):
            return PageViewRestriction.objects.none()
        # Wagtail asks for the ancestors, then for their restrictions: two queries on every
        # page served. Their paths are prefixes of this page's, so one query does.
        steps = range(self.steplen, len(self.path) + 1, self.steplen)
        lineage = Page.objects.filter(path__in=[self.path[:end] for end in steps])
        return PageViewRestriction.objects.filter(
            models.Q(page__in=lineage.filter(alias_of__isnull=True))
            | models.Q(page__in=lineage.filter(alias_of__isnull=False).values("alias_of"))
        )


def localized_slug_q(slug):
    """Match a page by its slug in the active language, or by the source slug if it has none."""
    own = build_localized_fieldname("slug", get_language())
    source = build_localized_fieldname("slug", settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    untranslated = models.Q(**{f"{own}__isnull": True}) | models.Q(**{own: ""})
    return models.Q(**{own: slug}) | (untranslated & models.Q(**{source: slug}))


class ListingPage(BasePage):
    """A page that introduces and lists stories."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    def articles(self):
        """Articles a reader in the current language may see, newest first, ready to list."""
        language = get_language()
        return (
            ArticlePage.objects.readable_in(language)
            .newest_first()
            .for_listing()
            .shown_in(language)
        )


class HomePage(ListingPage):
    """The root of a site: the lead story and the latest in each language."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.SectionPage",
        "content.TopicIndexPage",
        "content.RegionIndexPage",
        "content.UnitIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template finds them in its cached fragment, with no query, most times.
        latest = SimpleLazyObject(lambda: list(self.articles()[:13]))
        context["lead_story"] = SimpleLazyObject(lambda: latest[0] if latest else None)
        context["latest_stories"] = SimpleLazyObject(lambda: latest[1:])
        context["sections"] = SimpleLazyObject(
            lambda: SectionPage.objects.child_of(self).live().in_menu()
        )
        return context


class SectionPage(ListingPage):
    """A top-level area of the site, such as Foreign affairs or Press releases."""

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ArticlePage"]

    class Meta:
        verbose_name = _("section")

    def articles(self):
        return super().articles().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = paginate(request, self.articles)
        return context


class ArticleTag(ItemBase):
    """The link between an article and one of its free tags."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "content.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleByline(Orderable):
    """One author of an article, in byline order."""

    page = ParentalKey("content.ArticlePage", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("byline")


class ArticlePage(BasePage):
    """A story: news, press release, interview, feature or clarification of a false report."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.NEWS
    )
    # Not required per language: a story need not exist in the source language. ``clean``
    # requires them in the story's original language.
    standfirst = models.TextField(
        _("standfirst"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences that sum up the story."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    publication_date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        db_index=True,
        help_text=_("The date readers see. Schedule publication in the Publishing panel."),
    )
    embargoed_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Until this time the story reaches only partners whose token allows embargoed "
            "releases, marked as embargoed; readers, public feeds, sitemaps and search see it "
            "from this time on."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    hero_caption = models.CharField(_("hero image caption"), max_length=300, blank=True)
    hero_credit = models.CharField(_("hero image credit"), max_length=120, blank=True)
    lead_unit = models.ForeignKey(
        MinistryUnit,
        verbose_name=_("lead unit"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="led_articles",
    )
    coordinating_units = ParentalManyToManyField(
        MinistryUnit,
        verbose_name=_("coordinating units"),
        blank=True,
        related_name="coordinated_articles",
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), related_name="articles")
    regions = ParentalManyToManyField(
        Region, verbose_name=_("regions or markets"), blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticleTag, verbose_name=_("tags"), blank=True)
    documents = ParentalManyToManyField(
        OfficialDocument,
        verbose_name=_("official documents referenced"),
        blank=True,
        related_name="articles",
    )
    source_name = models.CharField(
        _("source outlet"),
        max_length=160,
        blank=True,
        help_text=_("For a republished story: the outlet that first published it."),
    )
    source_url = models.URLField(_("source URL"), blank=True)
    original_language = models.CharField(
        _("original language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    objects = PageManager.from_queryset(ArticlePageQuerySet)()
    base_form_class = StoryForm

    parent_page_types = ["content.SectionPage"]
    subpage_types = []

    content_panels = [
        ReapprovalNoticePanel(),
        *Page.content_panels,
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "bylines",
            label=_("Byline"),
            help_text=_(
                "With no byline, the story is signed by the author linked to its writer's account."
            ),
        ),
        # Below the byline, what else review needs (StoryForm requires the lead unit and
        # topics only then), so that a writer drafts and submits from one tab; searchable
        # choosers for the taxonomies, no Ctrl-click.
        FieldPanel("lead_unit"),
        FieldPanel("topics", widget=MultipleSnippetChooser(Topic), required_on_save=False),
        FieldPanel("coordinating_units", widget=MultipleSnippetChooser(MinistryUnit)),
        FieldPanel("regions", widget=MultipleSnippetChooser(Region)),
        FieldPanel("tags"),
    ]
    metadata_panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("original_language")]),
        FieldPanel("publication_date"),
        FieldPanel("embargoed_until", permission="content.set_embargo"),
        FieldPanel("documents", widget=MultipleSnippetChooser(OfficialDocument)),
        MultiFieldPanel(
            [FieldPanel("source_name"), FieldPanel("source_url")],
            heading=_("Republished from"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Story")),
            ObjectList(metadata_panels, heading=_("Details")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Publishing")),
            ObjectList([TranslationsPanel()], heading=_("Translations")),
        ]
    )
    # Every language's text, so that database search (the embedded default, and the fallback
    # when Elasticsearch is away) and editors' admin search find a story in any language.
    search_fields = [
        *Page.search_fields,
        *[
            index.SearchField(build_localized_fieldname(field, code))
            for code, _name in settings.LANGUAGES
            for field in ("title", "standfirst", "body")
        ],
        index.FilterField("kind"),
        index.FilterField("publication_date"),
        index.RelatedFields("documents", [index.SearchField("number")]),
        index.RelatedFields("lead_unit", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("set_embargo", _("Can set an embargo on an article"))]

    def clean(self):
        super().clean()
        # Readers see the date a story became public, which an embargo may push back.
        if self.embargoed_until and self.publication_date < self.embargoed_until:
            self.publication_date = self.embargoed_until
        errors = {}
        alt_text = build_localized_fieldname("hero_alt_text", self.original_language)
        if self.hero_image_id and not getattr(self, alt_text, None):
            errors[alt_text] = _("Describe the hero image for readers who cannot see it.")
        if bool(self.source_name) != bool(self.source_url):
            field = "source_url" if self.source_name else "source_name"
            errors[field] = _("A republished story needs both the outlet's name and its URL.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy, as the rest: the story the template finds cached needs none of them.
        context["authors"] = SimpleLazyObject(
            lambda: [b.author for b in self.bylines.select_related("author")]
        )
        # The footer's units, topics, regions and tags: the template reads them in one query
        # (content.models.article_terms, through the ``footer_terms`` tag).
        context["documents"] = SimpleLazyObject(self.documents.all)
        return context

    def live_languages(self) -> list[str]:
        """The languages readers may read this article in: its own, and approved translations.

        The instance-side twin of ``ArticlePageQuerySet.in_language``; prefetch
        ``translations`` to ask it of many articles.
        """
        if not hasattr(self, "_live_languages"):
            if "translations" in getattr(self, "_prefetched_objects_cache", {}):
                approved = {t.language for t in self.translations.all() if t.live}
            else:
                approved = set(self.translations.live().values_list("language", flat=True))
            self._live_languages = [
                code
                for code, _name in settings.LANGUAGES
                if code == self.original_language or code in approved
            ]
        return self._live_languages

    def is_written_in(self, language):
        return language in self.live_languages()

    def prepare_for_reuse(self):
        super().prepare_for_reuse()
        self.live_languages()

    def with_content_json(self, content):
        # Whatever revision is published or previewed, live translations keep their approved
        # text: a revision carries every language's columns, as they were when it was saved.
        page = super().with_content_json(content)
        live_translations = list(self.translations.live()) if self.pk else []
        for translation in live_translations:
            write_fields(page, translation.language, translation.live_fields)
        if live_translations:
            page.set_url_path(page.get_parent())  # each language's URL follows its slug
        return page

    def is_embargoed(self, now=None) -> bool:
        return bool(self.embargoed_until and self.embargoed_until > (now or timezone.now()))

    def serve(self, request, *args, **kwargs):
        if not self.is_written_in(get_language()):
            # Never the source text passed off as a translation: the languages it is live in.
            context = {"page": self, "story_elsewhere": True}
            return TemplateResponse(request, "404.html", context, status=404)
        # Neither an embargo nor a publication date still to come is announced to readers.
        if self.publication_date > timezone.now() and not getattr(request, "is_preview", False):
            raise Http404
        return super().serve(request, *args, **kwargs)


class TaxonomyIndexPage(RoutablePageMixin, ListingPage):
    """Browse pages for a taxonomy: the index lists its terms, ``<slug>/`` a term's stories."""

    taxonomy_model: type[models.Model]
    article_filter: str
    index_template = "content/taxonomy_index_page.html"
    term_template = "content/taxonomy_term_page.html"

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        abstract = True

    def terms(self):
        return self.taxonomy_model.objects.all()

    def term_articles(self, term):
        return self.articles().filter(**{self.article_filter: term}).distinct()

    @path("")
    def index_route(self, request):
        return self.render(
            request, template=self.index_template, context_overrides={"terms": self.terms()}
        )

    @path("<slug:slug>/")
    def term_route(self, request, slug):
        try:
            term = self.terms().get(slug=slug)
        except self.taxonomy_model.DoesNotExist as error:
            raise Http404(str(error)) from error
        return self.render(
            request,
            template=self.term_template,
            context_overrides={
                "term": term,
                "stories": paginate(request, lambda: self.term_articles(term)),
            },
        )


class TopicIndexPage(TaxonomyIndexPage):
    """Browse stories by topic: an index of topics and a page per topic."""

    taxonomy_model = Topic
    article_filter = "topics"

    class Meta:
        verbose_name = _("topics index")


class RegionIndexPage(TaxonomyIndexPage):
    """Browse stories by region or market: an index and a page per region."""

    taxonomy_model = Region
    article_filter = "regions"

    class Meta:
        verbose_name = _("regions index")


class UnitIndexPage(TaxonomyIndexPage):
    """The ministry's units as a tree; a unit's page lists the stories it led or coordinated."""

    taxonomy_model = MinistryUnit
    term_template = "content/unit_page.html"

    class Meta:
        verbose_name = _("units index")

    def terms(self):
        return MinistryUnit.objects.select_related("parent")

    def term_articles(self, term):
        return (
            self.articles()
            .filter(models.Q(lead_unit=term) | models.Q(coordinating_units=term))
            .distinct()
        )
