"""The rollups the fold keeps are the story reads summed per language, section, topic and unit."""

from django.utils import timezone

from reach import rollups
from reach.models import ReadsRollup
from tests.factories.snippets import TopicFactory


def rollup_table() -> set[tuple]:
    return set(ReadsRollup.objects.values_list("day", "language", "dimension", "key", "reads"))


def test_the_fold_keeps_what_a_rebuild_from_story_reads_computes(
    reach_buffer, story, send_beacon, fold_all, clock_at_noon
):
    topic = TopicFactory()
    story.topics.add(topic)
    story.save()
    for language in ("en", "en", "vi"):
        send_beacon(story.pk, language)
    fold_all()
    folded = rollup_table()

    today = timezone.localdate()
    rollups.rebuild(today, today)

    assert folded == rollup_table()
    section = story.get_parent().pk
    assert {
        ("en", "language", 0, 2),
        ("vi", "language", 0, 1),
        ("en", "section", section, 2),
        ("en", "topic", topic.pk, 2),
    } <= {row[1:] for row in folded}
