"""`make bench-reach`: the beacon, pages with and without counting, and the Reach views.

1. Beacons: gunicorn as production runs it (``tests/production_server.py``: production
   settings, four sync workers, Redis of the benchmark's own), wrk sending ``BENCH_SECONDS``
   (10) of beacons from 50,000 addresses, three times: requests a second and errors, and the
   processor time a beacon costs gunicorn and Redis (with wrk's, what two cores could answer
   if nothing else ran: the machine's load average is printed beside it).
2. Pages: four readers load a story page for ``BENCH_SECONDS``, without and then with the
   beacon each page view sends: the pages' median latency, counting off and on.
3. Views: ``BENCH_STORIES`` (50,000) stories cloned from a demo story in SQL, each read in
   nine languages on ``BENCH_READ_DAYS`` (30) days after it appeared during the last year,
   with referrals, searches, gaps and feed pulls; then every Reach view, for the last 30 days
   and for the year, five times each: medians.

Needs PostgreSQL (``BENCH_DATABASE_URL``, else ``DATABASE_URL``: a role that may create
databases; the benchmark drops and creates ``newsroom_reach_bench`` beside it), redis-server
and wrk. Prints medians and a verdict against the targets.
"""

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.bench.burst_bench import fresh_database
from tests.production_server import (
    ROOT,
    free_port,
    gunicorn,
    prepare_database,
    production_environment,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
STORIES = int(os.environ.get("BENCH_STORIES", "50000"))
READ_DAYS = int(os.environ.get("BENCH_READ_DAYS", "30"))
DATABASE_NAME = "newsroom_reach_bench"
HERE = Path(__file__).parent
BEACON_LUA = HERE / "beacon_wrk.lua"
SUMMARY_LUA = HERE.parent / "bench" / "wrk_summary.lua"
TARGETS = {"beacon req/s": 2_000, "page ratio": 1.10, "view ms": 300}
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


def give_up(message: str) -> None:
    print(message, file=sys.stderr)
    sys.exit(2)


def beacons(url: str, stories: list[int]) -> dict:
    env = {
        **os.environ,
        "WRK_SUMMARY_LUA": str(SUMMARY_LUA),
        "STORIES": ",".join(map(str, stories)),
    }
    command = [
        "wrk",
        "-t2",
        "-c32",
        f"-d{SECONDS}s",
        "--timeout",
        "10s",
        "-s",
        str(BEACON_LUA),
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    summary = json.loads(output.split("SUMMARY ", 1)[1].splitlines()[0])
    summary["rate"] = summary["requests"] / summary["seconds"]
    return summary


def processor_seconds(pids: list[int]) -> float:
    """User and system time these processes have used so far (Linux)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def beacons_with_cost(server, redis_pid: int, stories: list[int]) -> dict:
    """``beacons``, with the processor microseconds a beacon cost the site and wrk."""
    pids = [server.process.pid, *server.worker_pids(), redis_pid]
    site_before = processor_seconds(pids)
    wrk_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = beacons(server.url, stories)
    wrk_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk = (wrk_after.ru_utime + wrk_after.ru_stime) - (wrk_before.ru_utime + wrk_before.ru_stime)
    summary["site_us"] = (processor_seconds(pids) - site_before) / summary["requests"] * 1e6
    summary["wrk_us"] = wrk / summary["requests"] * 1e6
    return summary


def story_path(url: str) -> tuple[str, int]:
    """A story page in English from the home page, and its id as its beacon names it."""
    home = urllib.request.urlopen(f"{url}/en/", timeout=30).read().decode()
    for path in re.findall(r'href="(/en/[^/"]+/[^/"]+/)"', home):
        page = urllib.request.urlopen(url + path, timeout=30).read().decode()
        found = re.search(r'data-story="(\d+)"', page)
        if found:
            return path, int(found.group(1))
    give_up("No story page with a beacon on the English home page.")
    raise AssertionError


def page_latencies(url: str, path: str, story: int, with_beacon: bool) -> list[float]:
    """Four readers load the story for SECONDS; each view sends its beacon when counting."""
    latencies: list[float] = []
    deadline = time.monotonic() + SECONDS
    beacon = urllib.request.Request(
        f"{url}/reach/beacon?s={story}&l=en&r=www.google.com",
        data=b"",
        method="POST",
        headers={"User-Agent": BROWSER},
    )

    def reader() -> None:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            with urllib.request.urlopen(url + path, timeout=30) as response:
                response.read()
            latencies.append((time.perf_counter() - started) * 1000)
            if with_beacon:
                urllib.request.urlopen(beacon, timeout=30).read()

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


LOAD_SQL = """
CREATE OR REPLACE FUNCTION pg_temp.b36(n int) RETURNS text AS $$
  SELECT string_agg(substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
                           (n / (36 ^ (3 - i))::int) % 36 + 1, 1), '' ORDER BY i)
  FROM generate_series(0, 3) i
$$ LANGUAGE sql IMMUTABLE;
"""


def load_year(database: str) -> None:
    """Clone a demo story STORIES times under a section of its own, then a year of counts."""
    import psycopg

    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute(LOAD_SQL)
        template = connection.execute(
            "SELECT p.id, p.path, p.depth FROM wagtailcore_page p "
            "JOIN content_articlepage a ON a.page_ptr_id = p.id ORDER BY p.id LIMIT 1"
        ).fetchone()
        section_path = template[1][:-4]
        columns = [
            row[0]
            for row in connection.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'wagtailcore_page' ORDER BY ordinal_position"
            )
        ]
        overrides = {
            "id": None,
            "path": f"'{section_path}' || pg_temp.b36(n + 1000)",
            "title": "'Bench story ' || n",
            "draft_title": "'Bench story ' || n",
            "slug": "'bench-' || n",
            "url_path": "p.url_path || 'bench-' || n || '/'",
            "translation_key": "gen_random_uuid()",
            "latest_revision_id": "NULL",
            "live_revision_id": "NULL",
        }
        names = [c for c in columns if overrides.get(c, c) is not None]
        values = [overrides.get(c, f"p.{c}") for c in names]
        connection.execute(
            f"INSERT INTO wagtailcore_page ({', '.join(names)}) "  # noqa: S608  our own SQL
            f"SELECT {', '.join(values)} FROM wagtailcore_page p, generate_series(1, %s) n "
            "WHERE p.id = %s",
            (STORIES, template[0]),
        )
        article_columns = [
            row[0]
            for row in connection.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'content_articlepage' AND column_name <> 'page_ptr_id'"
            )
        ]
        connection.execute(
            f"INSERT INTO content_articlepage (page_ptr_id, {', '.join(article_columns)}) "  # noqa: S608
            f"SELECT p.id, {', '.join('a.' + c for c in article_columns)} "
            "FROM wagtailcore_page p, content_articlepage a "
            "WHERE p.slug LIKE 'bench-%%' AND a.page_ptr_id = %s",
            (template[0],),
        )
        connection.execute(
            "INSERT INTO content_articlepage_topics (articlepage_id, topic_id) "
            "SELECT p.id, t.topic_id FROM wagtailcore_page p, content_articlepage_topics t "
            "WHERE p.slug LIKE 'bench-%%' AND t.articlepage_id = %s",
            (template[0],),
        )
        connection.execute(
            "UPDATE wagtailcore_page SET numchild = numchild + %s WHERE path = %s",
            (STORIES, section_path),
        )
        # A story appears on a day of the last year and is read on READ_DAYS days, less and
        # less; every language reads it.
        connection.execute(
            "INSERT INTO reach_storyreads (day, page_id, language, reads) "
            "SELECT current_date - 365 + (p.id %% 365) + d, p.id, l, 1 + (p.id %% 97) / (d + 1) "
            "FROM wagtailcore_page p, generate_series(0, %s - 1) d, "
            "unnest(ARRAY['vi','en','fr','es','ru','zh-hans','ja','ko','ar']) l "
            "WHERE p.slug LIKE 'bench-%%' "
            "AND current_date - 365 + (p.id %% 365) + d <= current_date",
            (READ_DAYS,),
        )
        connection.execute(
            "INSERT INTO reach_referrals (day, language, kind, host, reads) "
            "SELECT current_date - d, l, k, "
            "CASE WHEN k = 'direct' THEN '' ELSE 'host-' || h || '.example' END, 50 + h "
            "FROM generate_series(0, 365) d, generate_series(1, 10) h, "
            "unnest(ARRAY['vi','en','fr','es','ru','zh-hans','ja','ko','ar']) l, "
            "unnest(ARRAY['search','social','partner','feed_reader','other','direct']) k "
            "ON CONFLICT DO NOTHING"
        )
        connection.execute(
            "INSERT INTO reach_searches (day, language, searches, found_nothing) "
            "SELECT current_date - d, l, 500, 40 FROM generate_series(0, 365) d, "
            "unnest(ARRAY['vi','en','fr','es','ru','zh-hans','ja','ko','ar']) l"
        )
        connection.execute(
            "INSERT INTO reach_searchgap (day, language, query, searches) "
            "SELECT current_date - d, l, 'missing topic ' || q, 1 + q % 7 "
            "FROM generate_series(0, 365) d, generate_series(1, 30) q, "
            "unnest(ARRAY['vi','en','fr','es','ru','zh-hans','ja','ko','ar']) l"
        )
        connection.execute("ANALYZE")


def time_views(database: str) -> dict[str, float]:
    """Each Reach view's median over five requests, for the last 30 days and for the year."""
    os.environ.update(
        {"DJANGO_SETTINGS_MODULE": "newsroom.settings.test", "DATABASE_URL": database}
    )
    sys.path.insert(0, str(ROOT / "site"))
    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from reach import rollups
    from reach.reports import AREAS

    today = timezone.localdate()
    started = time.monotonic()
    rollups.rebuild(today - timedelta(days=366), today)  # what the fold kept as it went
    print(f"   rollups, months and totals rebuilt in {time.monotonic() - started:.0f} s")
    users = get_user_model().objects
    user = users.filter(username="reach-bench").first() or users.create_superuser(
        "reach-bench", "bench@example.org", "x"
    )
    client = Client()
    client.force_login(user)
    year = f"?start={(today - timedelta(days=364)).isoformat()}&end={today.isoformat()}"
    medians = {}
    for area in AREAS:
        for label, query in (("30 days", ""), ("year", year)):
            samples = []
            for _ in range(5):
                started = time.perf_counter()
                response = client.get(f"/admin/reach/{area}/{query}")
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code
            medians[f"{area}, {label}"] = statistics.median(samples)
    return medians


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not url or not url.startswith("postgres"):
        give_up("bench-reach needs PostgreSQL: set BENCH_DATABASE_URL (or DATABASE_URL).")
    database = fresh_database(url, DATABASE_NAME)
    redis_port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", tempfile.mkdtemp(prefix="reach-bench-")],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    verdict = []
    try:
        env = production_environment(database, REDIS_URL=f"redis://127.0.0.1:{redis_port}/0")
        prepare_database(env, demo=True)
        with gunicorn(env, workers=4) as server:
            path, story = story_path(server.url)
            print(f"1. Beacons: wrk, 2 threads, 32 connections, {SECONDS} s, three runs")
            print("   load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
            runs = [beacons_with_cost(server, redis.pid, [story]) for _ in range(3)]
            rate = statistics.median(run["rate"] for run in runs)
            errors = sum(run["failed"] + run["socket_errors"] for run in runs)
            print("   runs: " + ", ".join(f"{run['rate']:,.0f}" for run in runs) + " req/s")
            print(f"   median {rate:,.0f} req/s, errors {errors}")
            site_us = statistics.median(run["site_us"] for run in runs)
            wrk_us = statistics.median(run["wrk_us"] for run in runs)
            print(
                f"   processor time a beacon: gunicorn and Redis {site_us:.0f} µs, wrk "
                f"{wrk_us:.0f} µs: two idle cores would answer {2e6 / (site_us + wrk_us):,.0f}/s"
            )
            print("   load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
            verdict.append(("beacon req/s", rate >= TARGETS["beacon req/s"] and not errors))

            print(f"2. A story page, four readers, {SECONDS} s each way")
            off = statistics.median(page_latencies(server.url, path, story, with_beacon=False))
            on = statistics.median(page_latencies(server.url, path, story, with_beacon=True))
            print(f"   median page: counting off {off:.1f} ms, on {on:.1f} ms ({on / off:.2f}x)")
            verdict.append(("page ratio", on / off <= TARGETS["page ratio"]))
        print(f"3. Loading {STORIES:,} stories x 9 languages x {READ_DAYS} days of reads…")
        started = time.monotonic()
        load_year(database)
        print(f"   loaded in {time.monotonic() - started:.0f} s")
        medians = time_views(database)
        for name, ms in medians.items():
            print(f"   {name:<28} median {ms:7.1f} ms")
        verdict.append(("view ms", max(medians.values()) < TARGETS["view ms"]))
    finally:
        redis.terminate()
        redis.wait(timeout=10)
    print("\nVerdict: " + ", ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in verdict))


if __name__ == "__main__":
    main()
