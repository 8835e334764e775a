"""The scheduled jobs queue the fold; the worker's task folds what the buffer holds."""

from pathlib import Path

import time_machine
from django.core.management import call_command
from django.utils import timezone

from reach.models import StoryReads
from tests.production_server import ROOT


def test_the_minutely_jobs_fold_the_reach_buffer():
    scheduled = Path(ROOT / "deploy" / "scheduled.sh").read_text()

    assert '"$PYTHON" manage.py reach_fold' in scheduled


def test_reach_fold_queues_the_task_that_folds_closed_windows(reach_buffer, story, send_beacon):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        send_beacon(story.pk, "ko")
        send_beacon(story.pk, "en")
        call_command("reach_fold")  # the tests' task backend runs it at once
        assert not StoryReads.objects.exists()  # the minute is not over

        clock.shift(120)
        call_command("reach_fold")

    assert StoryReads.objects.get(page=story).language == "en"  # not live in Korean
