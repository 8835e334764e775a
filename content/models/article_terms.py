"""What an article's footer names: its coordinating units, topics, regions and tags, in one query.

Four relations asked apart are four queries on every article rendered afresh; their rows have
the same shape (an id, a slug, a name per language), so one ``UNION ALL`` reads them all,
each in its own order, with the name columns of the reader's fallback languages only
(``content.frame``). The terms come back as model instances, so that templates read
``term.name`` and a tag's ``label_in`` as they would on rows loaded one relation at a time.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField, F, IntegerField, QuerySet, Value
from modeltranslation.utils import build_localized_fieldname

from content.frame import fallback_order
from content.models.pages import ArticlePage, ArticleTag
from content.models.snippets import MinistryUnit, Region, Tag, Topic

# Each relation: the through model's rows of one article, the term's field on them, the
# term's model and its translated field. The footer's order: units, topics, regions, tags.
RELATIONS: dict[str, tuple[Any, str, str, type, str]] = {
    "units": (
        ArticlePage.coordinating_units.through,
        "articlepage_id",
        "ministryunit",
        MinistryUnit,
        "name",
    ),
    "topics": (ArticlePage.topics.through, "articlepage_id", "topic", Topic, "name"),
    "regions": (ArticlePage.regions.through, "articlepage_id", "region", Region, "name"),
    "tags": (ArticleTag, "content_object_id", "tag", Tag, "label"),
}


@dataclass
class ArticleTerms:
    """An article's coordinating units, topics, regions and tags, each in the footer's order."""

    units: list[MinistryUnit] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)


def _rows(relation: str, page_id: int, language: str) -> QuerySet:
    """One relation's rows, as every part of the union has them.

    Topics, regions and units sort by their name in the reader's language, as their models'
    ``ordering`` sorts them under modeltranslation; tags in the order the editor gave them.
    """
    through, owner, term, model, translated = RELATIONS[relation]
    names = {
        f"name_{position}": F(f"{term}__{build_localized_fieldname(translated, code)}")
        for position, code in enumerate(fallback_order(language))
    }
    # A tag not named for readers shows the word its editor typed (Tag.label_in).
    typed = F(f"{term}__name") if model is Tag else Value("", output_field=CharField())
    by_name = translated != "label"
    return (
        through.objects.filter(**{owner: page_id})
        .order_by()
        .annotate(
            relation=Value(relation, output_field=CharField()),
            term_id=F(f"{term}__pk"),
            term_slug=F(f"{term}__slug"),
            typed=typed,
            **names,
            sort_name=names["name_0"] if by_name else Value(None, output_field=CharField()),
            sort_link=F("pk") if not by_name else Value(0, output_field=IntegerField()),
        )
        .values_list("relation", "term_id", "term_slug", "typed", *names, "sort_name", "sort_link")
    )


def article_terms(page_id: int, language: str) -> ArticleTerms:
    """The terms of the saved article ``page_id`` for a reader of ``language``, in one query.

    As published or saved: a preview's terms are those of the revision it shows, in memory
    (``terms_of_revision``).
    """
    codes = fallback_order(language)
    first, *others = (_rows(relation, page_id, language) for relation in RELATIONS)
    union = first.union(*others, all=True).order_by("relation", "sort_name", "sort_link")
    found = ArticleTerms()
    for relation, term_id, slug, typed, *rest in union:
        _through, _owner, _term, model, translated = RELATIONS[relation]
        names = {
            build_localized_fieldname(translated, code): name
            for code, name in zip(codes, rest[: len(codes)], strict=True)
        }
        instance = model(pk=term_id, slug=slug, **names)
        if model is Tag:
            instance.name = typed
        getattr(found, relation).append(instance)
    return found


def terms_of_revision(page: ArticlePage) -> ArticleTerms:
    """The terms of ``page`` as it is in memory (a revision previewed), not as saved."""
    return ArticleTerms(
        units=list(page.coordinating_units.all()),
        topics=list(page.topics.all()),
        regions=list(page.regions.all()),
        tags=list(page.tags.all()),
    )
