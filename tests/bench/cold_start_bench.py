"""`make bench-cold-start`: readers' first searches after the search cluster restarts.

On the stack `make prod-local` runs: its three nodes are stopped and started again (data
kept, JVMs cold), as after an upgrade or a machine's reboot, while gunicorn keeps running.
Then each language's reader search page is asked once, straight from gunicorn (Varnish and
Django's page cache bypassed), then once more: what the first readers get. Sittings
alternate between cold (nothing warms the nodes) and warmed (``manage.py search_warm`` runs
first, as ``deploy/release.sh`` and the scheduler do); the scheduler is paused throughout, so
that it does not warm the cold sittings. Printed: each sitting's first searches (median and
slowest), how many answered with the database's fallback notice, and the warm-up's time.

``BENCH_SITTINGS`` (default 4) sittings. Needs the stack up (``make prod-local``).
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from statistics import median

from tests.bench.load_bench import STATE, stack_environment
from tests.production_server import ROOT, manage

SITTINGS = int(os.environ.get("BENCH_SITTINGS", "4"))
DEGRADED = '<p class="notice" role="status">'
# Run by the stack's manage.py: each language's longest word of its newest story's title.
FIND_WORDS = """\
import json, re
from content.models import ArticlePage
from search.index import languages
from modeltranslation.utils import build_localized_fieldname
words = {}
for language in languages():
    story = ArticlePage.objects.live().in_language(language).newest_first().first()
    if story:
        title = getattr(story, build_localized_fieldname('title', language)) or ''
        words[language] = max(re.findall(r'\\w+', title) or [''], key=len)
print(json.dumps(words))
"""


def restart_cluster(env: dict[str, str]) -> None:
    for command in ("stop", "start"):
        subprocess.run(
            [str(ROOT / "deploy/prod-local.sh"), "search", command],
            env={**os.environ, **env},
            check=True,
            capture_output=True,
        )


@contextmanager
def scheduler_paused():
    """SIGSTOP the scheduler's loop and its children for the bench, SIGCONT after."""
    pid_file = STATE / "run" / "scheduler.pid"
    group = int(pid_file.read_text()) if pid_file.exists() else None
    if group:
        os.killpg(group, signal.SIGSTOP)
    try:
        yield
    finally:
        if group:
            os.killpg(group, signal.SIGCONT)


def search_page(env: dict[str, str], language: str, word: str) -> tuple[float, bool, int]:
    """Seconds, whether the database answered (the notice), and the status."""
    host = re.sub(r"^https?://", "", env["WAGTAILADMIN_BASE_URL"])
    query = urllib.parse.urlencode({"q": word, "_": time.time_ns()})  # no cache has it
    request = urllib.request.Request(
        f"http://{env['GUNICORN_BIND']}/{language}/search/?{query}",
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body, status = response.read().decode(), response.status
    except urllib.error.HTTPError as error:
        body, status = "", error.code
    return time.monotonic() - started, DEGRADED in body, status


def sitting(env: dict[str, str], words: dict[str, str], warmed: bool) -> dict:
    restart_cluster(env)
    warm_seconds = 0.0
    if warmed:
        started = time.monotonic()
        manage({**os.environ, **env}, "search_warm")
        warm_seconds = time.monotonic() - started
    first = [search_page(env, language, word) for language, word in words.items()]
    second = [search_page(env, language, word) for language, word in words.items()]
    return {"warmed": warmed, "first": first, "second": second, "warm": warm_seconds}


def line(result: dict) -> str:
    first = sorted(seconds for seconds, _degraded, _status in result["first"])
    answers = result["first"] + result["second"]
    fell_back = sum(degraded for _seconds, degraded, _status in answers)
    failed = sum(status != 200 for _seconds, _degraded, status in answers)
    name = f"warmed ({result['warm']:.1f} s)" if result["warmed"] else "cold"
    return (
        f"  {name:<16} first searches median {median(first) * 1000:5.0f} ms, slowest "
        f"{first[-1] * 1000:5.0f} ms; fallbacks {fell_back} of {len(answers)}; non-200 {failed}"
    )


def main() -> None:
    env = stack_environment()
    words = json.loads(manage({**os.environ, **env}, "shell", "--verbosity", "0", "-c", FIND_WORDS))
    print(f"Words: {', '.join(f'{language} {word}' for language, word in words.items())}")
    print(f"{SITTINGS} sittings, cold and warmed in turn; each restarts the stack's 3 nodes")
    results = []
    with scheduler_paused():
        for number in range(SITTINGS):
            result = sitting(env, words, warmed=bool(number % 2))
            print(line(result))
            results.append(result)
    print("\nMedians over the sittings")
    for warmed in (False, True):
        mine = [result for result in results if result["warmed"] == warmed]
        if not mine:
            continue
        firsts = [median(s for s, _d, _st in result["first"]) for result in mine]
        slowest = [max(s for s, _d, _st in result["first"]) for result in mine]
        fell_back = [sum(d for _s, d, _st in result["first"] + result["second"]) for result in mine]
        print(
            f"  {'warmed' if warmed else 'cold':<7} first search median "
            f"{median(firsts) * 1000:5.0f} ms, slowest {median(slowest) * 1000:5.0f} ms, "
            f"fallbacks {median(fell_back):.0f} of {2 * len(words)}"
        )


if __name__ == "__main__":
    sys.exit(main())
