"""Bodies rendered once and kept: documents are the same as if every body were rendered anew.

A reindex reuses a kept render only while nothing it read has changed: the body, the pages
it links to, its images and their renditions, the official documents it cites.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import override
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file, get_test_image_file_jpeg

from content.models import ArticlePage, OfficialDocument
from content.plain_text import cited_document_ids, plain_text
from search.index import (
    alias_name,
    partner_body_html,
    rebuild_indices,
    search_client,
    story_sources,
)
from search.index.body_cache import code_fingerprint
from search.models import RenderedBody
from tests.factories import OfficialDocumentFactory
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db


def rich_body(linked, image, document, word):
    """A body with every kind of block, a link to ``linked`` and one to a file-less page id."""
    return [
        {"type": "heading", "value": f"Heading {word}"},
        {
            "type": "paragraph",
            "value": f'<p>See <a linktype="page" id="{linked.pk}">the {word} story</a>, '
            f'<a href="https://example.org/{word}">a site</a> and <b>{word}</b>.</p>',
        },
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": f"Alt {word}", "caption": "", "credit": "AP"},
        },
        {"type": "pull_quote", "value": {"quote": f"Quote {word}", "attribution": "Minister"}},
        {"type": "fact_box", "value": {"title": "Facts", "items": [f"One {word}", "Two"]}},
        {
            "type": "table",
            "value": {"data": [["a", word], ["1", "2"]], "first_row_is_table_header": True},
        },
        {"type": "embed", "value": f"https://www.youtube.com/watch?v={word}"},
        {"type": "document", "value": document.pk},
    ]


def publish_body(story, language, body):
    setattr(story, f"body_{language.replace('-', '_')}", body)
    story.save_revision().publish()
    return ArticlePage.objects.get(pk=story.pk)


@pytest.fixture
def image():
    return get_image_model().objects.create(title="harbour", file=get_test_image_file())


@pytest.fixture
def stories(section, image):
    """Stories in three languages with rich bodies, each linking to the first one."""
    linked = published_story(section, {"vi": ("Bến cảng", "Cảng."), "en": ("Harbour", "Port.")})
    document = OfficialDocumentFactory()
    made = [linked]
    for number, (language, word) in enumerate(
        [("vi", "cảng"), ("en", "port"), ("ar", "ميناء"), ("en", "quay")]
    ):
        story = published_story(section, {language.replace("-", "_"): (f"{word} {number}", word)})
        made.append(publish_body(story, language, rich_body(linked, image, document, word)))
    return made


def fresh(page_id, language):
    """The body's HTML and plain text rendered now, without anything kept."""
    raw = list(getattr(ArticlePage.objects.get(pk=page_id), f"body_{language}").raw_data)
    cited = {
        document.pk: (document.number, getattr(document, f"title_{language}") or document.title)
        for document in OfficialDocument.objects.filter(pk__in=cited_document_ids(raw))
    }
    stream_block = ArticlePage._meta.get_field("body").stream_block
    return partner_body_html(stream_block, raw, language), plain_text(raw, cited)


def all_sources(stories):
    ids = [story.pk for story in stories]
    return {language: story_sources(ids, language) for language in ("vi", "en", "ar")}


def test_kept_bodies_give_the_same_documents_as_fresh_renders(stories):
    RenderedBody.objects.all().delete()
    first = all_sources(stories)  # rendered, and kept
    assert RenderedBody.objects.count() == 6  # the linked story in two languages, and four
    second = all_sources(stories)  # from what was kept

    assert second == first
    for language, sources in second.items():
        for page_id, source in sources.items():
            assert (source["body_html"], source["body"]) == fresh(page_id, language)
    assert '<img src="/media/images/' in second["ar"][stories[3].pk]["body_html"]


def test_a_reindex_renders_no_body_twice(stories, django_assert_max_num_queries):
    all_sources(stories)
    ids = [story.pk for story in stories]
    # Rendering reads each body's images, documents and linked pages: kept bodies do not.
    with django_assert_max_num_queries(30):
        story_sources(ids, "en")


def url_in_english(page_id):
    with override("en"):
        return ArticlePage.objects.get(pk=page_id).url


def test_a_linked_page_moved_changes_the_kept_html(stories, other_section):
    linked, story = stories[0], stories[2]  # the story in English links to ``linked``
    old_url = url_in_english(linked.pk)
    before = story_sources([story.pk], "en")[story.pk]["body_html"]
    assert f'href="{old_url}"' in before

    linked.move(other_section, pos="last-child")

    after = story_sources([story.pk], "en")[story.pk]["body_html"]
    new_url = url_in_english(linked.pk)
    assert new_url != old_url and f'href="{new_url}"' in after
    assert after == fresh(story.pk, "en")[0]


def test_a_new_image_file_changes_the_kept_html(stories, image):
    story = stories[2]
    before = story_sources([story.pk], "en")[story.pk]["body_html"]

    image.file = get_test_image_file_jpeg(filename="quay.jpg", size=(320, 200))
    image.save()
    image.renditions.all().delete()

    after = story_sources([story.pk], "en")[story.pk]["body_html"]
    assert after != before and 'width="320"' in after
    raw = list(ArticlePage.objects.get(pk=story.pk).body_en.raw_data)
    stream_block = ArticlePage._meta.get_field("body").stream_block
    assert after == partner_body_html(stream_block, raw, "en")


def test_an_edited_official_document_changes_html_and_text(stories):
    story = stories[2]
    before = story_sources([story.pk], "en")[story.pk]
    document = story.body_en[-1].value
    document.number = "99/QD-TTg"
    document.title_en = "A renumbered decision"
    document.save()

    after = story_sources([story.pk], "en")[story.pk]
    assert "99/QD-TTg" in after["body_html"] and "99/QD-TTg" not in before["body_html"]
    assert "A renumbered decision" in after["body"]


def test_a_rebuild_forgets_renders_it_did_not_use(search_index, stories):
    story = stories[1]
    rebuild_indices()
    RenderedBody.objects.update(used_at=timezone.now() - timedelta(hours=2))
    before = set(RenderedBody.objects.values_list("digest", flat=True))
    publish_body(story, "vi", [{"type": "paragraph", "value": "<p>Một câu mới.</p>"}])

    result = rebuild_indices()

    assert not result.errors
    after = set(RenderedBody.objects.values_list("digest", flat=True))
    assert len(before - after) == 1  # the edited body's old render
    assert len(after - before) == 1  # its new one
    source = story_sources([story.pk], "vi")[story.pk]
    assert '<div class="prose"><p>Một câu mới.</p></div>' in source["body_html"]


def test_rerender_replaces_a_kept_render_with_a_fresh_one(search_index, stories):
    story = stories[2]
    rebuild_indices()
    RenderedBody.objects.update(html="<p>kept by a render the digest did not cover</p>")

    call_command("search_reindex")
    assert indexed_html(story.pk, "en") == "<p>kept by a render the digest did not cover</p>"

    call_command("search_reindex", "--rerender")
    assert indexed_html(story.pk, "en") == fresh(story.pk, "en")[0]


def indexed_html(page_id, language):
    return search_client().get(index=alias_name(language), id=page_id)["_source"]["body_html"]


def test_a_changed_block_template_renders_every_body_anew(stories, settings, tmp_path):
    story = stories[2]
    before = story_sources([story.pk], "en")[story.pk]["body_html"]
    (tmp_path / "content" / "blocks").mkdir(parents=True)
    (tmp_path / "content" / "blocks" / "heading.html").write_text(
        '<h2 class="changed">{{ value }}</h2>\n'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0].get("DIRS", [])]}
    ]
    code_fingerprint.cache_clear()  # as a new process after a deploy
    try:
        after = story_sources([story.pk], "en")[story.pk]["body_html"]
    finally:
        code_fingerprint.cache_clear()
    assert '<h2 class="changed">Heading port</h2>' in after
    assert after.replace('<h2 class="changed">', '<h2 class="article-subheading">') == before
