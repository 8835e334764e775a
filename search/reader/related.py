"""Stories related to the one a reader is reading: by their words, or by shared topics."""

from elasticsearch.dsl import Q, Search

from content.models import ArticlePage
from search.index import READ_ERRORS, SearchUnavailable, alias_name, read_failure, search_client
from search.reader.fallback import hit_from_page
from search.reader.matching import readable_filter
from search.reader.queries import hit_from_document
from search.reader.results import Hit

RELATED_SIZE = 4


def related_articles(page: ArticlePage, language: str) -> list[Hit]:
    """Stories like this one, by their words; by shared topics when search is away."""
    try:
        client = search_client()
        search = Search(using=client, index=alias_name(language)).query(
            Q(
                "bool",
                must=[
                    Q(
                        "more_like_this",
                        fields=["title", "standfirst", "body", "topic_names"],
                        like=[{"_index": alias_name(language), "_id": str(page.pk)}],
                        min_term_freq=1,
                        min_doc_freq=1,
                        max_query_terms=30,
                    )
                ],
                filter=[readable_filter()],
            )
        )[:RELATED_SIZE]
        try:
            return [hit_from_document(hit) for hit in search.execute()]
        except READ_ERRORS as error:
            raise read_failure(error) from error
    except SearchUnavailable:
        stories = (
            ArticlePage.objects.readable_in(language)
            .filter(topics__in=page.topics.all())
            .exclude(pk=page.pk)
            .distinct()
            .newest_first()
            .for_listing()[:RELATED_SIZE]
        )
        return [hit_from_page(story, language) for story in stories]
