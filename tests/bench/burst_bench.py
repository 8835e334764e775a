"""`make bench-burst`: the site under gunicorn while its search node hangs, and a burst of readers.

The site runs as production runs it (``tests/production_server.py``: gunicorn, three sync
workers, PostgreSQL, the database cache) over the demo newsroom, with a search node of the
benchmark's own on port 9263. Every worker is warmed, baseline latencies are taken with the
node healthy, then the node is frozen (SIGSTOP: it accepts connections and answers nothing)
and 24 readers search at once, in several languages, while a few others keep reading the home,
a section and an article page until the searches are answered. The node is thawed, every
worker must answer from Elasticsearch again, and the burst is repeated.

Before each hung burst the same burst runs with the node healthy: what 24 searches at once
cost three workers on this machine whatever the node does. Pages wait behind the searches
that arrived before them (gunicorn's workers take requests in turn), so the healthy burst is
the floor of the hung one; their difference is what the hung node costs.

It prints the 5xx count, median and p99 of searches and pages (home apart), for both kinds of
burst, and a verdict on the hung bursts against the targets: no 5xx, search p99 within 3 s,
pages p99 within 500 ms (medians over the bursts).

Pages are rendered by gunicorn on every request unless ``BENCH_BURST_PAGE_CACHE=true``, which
serves them from Django's page cache in Redis as production does; searches are never cached
(each burst asks new words). A page still waits for a free worker either way.

Needs PostgreSQL: ``BENCH_DATABASE_URL`` (else ``DATABASE_URL``), a role that may create
databases; the benchmark drops and creates ``newsroom_burst`` next to the one named.
"""

import itertools
import json
import os
import random
import re
import shutil
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from tests.bench.common import percentile
from tests.production_server import (
    ROOT,
    RedisServer,
    RunningServer,
    SearchNode,
    free_port,
    gunicorn,
    manage,
    prepare_database,
    production_environment,
)

DATABASE_NAME = "newsroom_burst"
NODE_PORT = 9263
WORKERS = 3
SEARCHERS = 24
PAGE_READERS = int(os.environ.get("BENCH_BURST_PAGE_READERS", "3"))
BURSTS = int(os.environ.get("BENCH_BURSTS", "3"))
FRESH = itertools.count()  # tells apart searches that no cache may answer
PAGE_CACHE = os.environ.get("BENCH_BURST_PAGE_CACHE", "false").lower() == "true"
BASELINE_RUNS = 20
SEARCH_P99_TARGET = 3.0
PAGES_P99_TARGET = 0.5
STATE_DIR = ROOT / "var" / "bench" / "burst"
DEMO_DATA = ROOT / "content" / "demo" / "data"
# The notice of a search answered by the database (class and role, whatever the language).
DEGRADED_NOTICE = '<p class="notice" role="status">'
URL_LANGUAGES = {"zh_hans": "zh-hans"}


@dataclass
class Sample:
    kind: str
    status: int  # 0: no answer at all (connection refused or reset, client timeout)
    seconds: float
    started: float  # seconds after the burst began
    degraded: bool = False


def fetch(url: str, timeout: float = 60) -> tuple[int, float, str]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status, body = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status, body = error.code, ""
    except OSError:
        status, body = 0, ""
    return status, time.monotonic() - started, body


def postgres_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if urllib.parse.urlsplit(url).scheme not in ("postgres", "postgresql"):
        give_up(
            "bench-burst needs PostgreSQL: set BENCH_DATABASE_URL (or DATABASE_URL) to a "
            "postgres:// URL whose role may create databases."
        )
    return url


def give_up(message: str) -> None:
    print(message, file=sys.stderr)
    sys.exit(2)


def fresh_database(url: str, database_name: str = DATABASE_NAME) -> str:
    """Drop and create the benchmark's database beside ``url``'s; its URL."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        name = sql.Identifier(database_name)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return urllib.parse.urlunsplit(parts._replace(path=f"/{database_name}"))


def drop_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        name = sql.Identifier(DATABASE_NAME)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def query_pool() -> list[tuple[str, str]]:
    """Distinct (language, words) pairs from the demo stories' titles, languages in turn."""
    stories = json.loads((DEMO_DATA / "stories.json").read_text())
    translations = json.loads((DEMO_DATA / "translations.json").read_text())
    titles = [
        (code, story[code]["title"]) for story in stories for code in ("vi", "en") if code in story
    ]
    titles += [
        (code, text["title"])
        for languages in translations.values()
        for code, text in languages.items()
    ]
    pool = set()
    for code, title in titles:
        language = URL_LANGUAGES.get(code, code)
        words = re.findall(r"\w+", title)
        if language in ("zh-hans", "ja"):  # no spaces between words: pieces of the title
            pool.update((language, title[i : i + 2]) for i in range(0, len(title) - 1, 3))
        else:
            words = [word for word in words if len(word) > 2]
            pool.update((language, " ".join(words[i : i + 2])) for i in range(len(words) - 1))
    rng = random.Random(11)
    by_language: dict[str, list[str]] = {}
    for language, words in sorted(pool):
        by_language.setdefault(language, []).append(words)
    for words in by_language.values():
        rng.shuffle(words)
    ordered = []
    while any(by_language.values()):
        for language, words in by_language.items():
            if words:
                ordered.append((language, words.pop()))
    return ordered


def search_url(server: RunningServer, language: str, words: str, fresh: int | None = None) -> str:
    """A search's URL; ``fresh`` adds a parameter the search ignores, so no cache answers it."""
    query = {"q": words} if fresh is None else {"q": words, "fresh": fresh}
    return f"{server.url}/{language}/search/?{urllib.parse.urlencode(query)}"


def page_urls(server: RunningServer) -> dict[str, str]:
    """The English home page, its first section and that section's newest story."""
    home = f"{server.url}/en/"
    status, _seconds, body = fetch(home)
    assert status == 200, f"the home page answered {status}"
    section = re.search(r'href="(/en/[\w-]+/)"', body)
    assert section, "no section linked from the home page"
    status, _seconds, body = fetch(server.url + section[1])
    article = re.search(rf'href="({re.escape(section[1])}[\w-]+/)"', body)
    assert article, f"no story linked from {section[1]}"
    return {"home": home, "section": server.url + section[1], "article": server.url + article[1]}


def concurrently(tasks, workers: int) -> list:
    """Run callables on ``workers`` threads; their results, in order."""
    results: list = [None] * len(tasks)
    queue = list(enumerate(tasks))
    lock = threading.Lock()

    def work():
        while True:
            with lock:
                if not queue:
                    return
                index, task = queue.pop()
            results[index] = task()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def warm(server: RunningServer, pages: dict[str, str], queries: list[tuple[str, str]]) -> None:
    """Several requests of each kind, 12 at a time so that every worker takes some."""
    urls = [url for url in pages.values() for _ in range(6)]
    urls += [search_url(server, language, words) for language, words in queries]
    for _ in range(2):
        results = concurrently([lambda url=url: fetch(url) for url in urls], 12)
        assert all(status == 200 for status, _s, _b in results), "a warm-up request failed"


def until_every_worker_answers_from_elasticsearch(
    server: RunningServer, queries: list[tuple[str, str]], seconds: float = 60
) -> float:
    """Rounds of 12 searches until two are answered by Elasticsearch on all workers.

    Two at a time (the machine's reader slots, one fewer than the workers): a third at once
    may find both slots taken and fall back, which says nothing of the node.
    """
    started = time.monotonic()
    clean_rounds = 0
    round_number = 0
    while clean_rounds < 2:
        if time.monotonic() - started > seconds:
            raise RuntimeError("the workers did not all answer from Elasticsearch again")
        batch = [queries[(round_number * 12 + i) % len(queries)] for i in range(12)]
        round_number += 1
        # Asked afresh each round: a search kept by the page cache would prove nothing.
        urls = [search_url(server, *query, fresh=next(FRESH)) for query in batch]
        results = concurrently([lambda url=url: fetch(url) for url in urls], WORKERS - 1)
        answered = all(
            status == 200 and DEGRADED_NOTICE not in body for status, _s, body in results
        )
        connected = server.workers_connected_to(NODE_PORT) == set(server.worker_pids())
        clean_rounds = clean_rounds + 1 if answered and connected else 0
        if not answered:
            time.sleep(1)
    return time.monotonic() - started


def baseline(server: RunningServer, pages: dict[str, str], queries) -> dict[str, list[float]]:
    """One reader at a time, node healthy."""
    figures: dict[str, list[float]] = {kind: [] for kind in [*pages, "search"]}
    for run in range(BASELINE_RUNS):
        for kind, url in pages.items():
            figures[kind].append(fetch(url)[1])
        language, words = queries[run % len(queries)]
        figures["search"].append(fetch(search_url(server, language, words))[1])
    return figures


def burst(server, node, pages, queries, freeze: bool = True) -> list[Sample]:
    """Freeze the node (or not); 24 searches at once, pages read meanwhile; it stays frozen."""
    samples: list[Sample] = []
    lock = threading.Lock()
    searches_done = threading.Event()
    gate = threading.Barrier(len(queries) + PAGE_READERS)
    began = 0.0

    def record(kind, url):
        started = time.monotonic() - began
        status, seconds, body = fetch(url)
        with lock:
            samples.append(Sample(kind, status, seconds, started, DEGRADED_NOTICE in body))

    def searcher(language, words):
        gate.wait()
        record("search", search_url(server, language, words))

    def page_reader(offset):
        kinds = list(pages)
        gate.wait()
        turn = offset
        while not searches_done.is_set():
            kind = kinds[turn % len(kinds)]
            record(kind, pages[kind])
            turn += 1

    searchers = [threading.Thread(target=searcher, args=query) for query in queries]
    readers = [threading.Thread(target=page_reader, args=(i,)) for i in range(PAGE_READERS)]
    if freeze:
        node.freeze()
    try:
        began = time.monotonic()
        for thread in [*searchers, *readers]:
            thread.start()
        for thread in searchers:
            thread.join()
        searches_done.set()
        for thread in readers:
            thread.join()
    except BaseException:
        node.thaw()
        raise
    return samples


def seconds_line(name: str, values: list[float], width: int = 26) -> str:
    if not values:
        return f"  {name:<{width}} (none)"
    return (
        f"  {name:<{width}} median {statistics.median(values) * 1000:7.0f} ms"
        f"   p99 {percentile(values, 0.99) * 1000:7.0f} ms"
        f"   max {max(values) * 1000:7.0f} ms   ({len(values)})"
    )


@dataclass
class BurstFigures:
    failures: int  # 5xx, or no answer
    search_median: float
    search_p99: float
    pages_median: float
    pages_p99: float
    home_median: float
    home_p99: float
    degraded: int
    duration: float


def summarize(samples: list[Sample]) -> BurstFigures:
    searches = [s.seconds for s in samples if s.kind == "search"]
    pages = [s.seconds for s in samples if s.kind != "search"]
    home = [s.seconds for s in samples if s.kind == "home"]
    for name, values in (
        ("search", searches),
        ("pages (home, section, article)", pages),
        ("  home", home),
        ("  section", [s.seconds for s in samples if s.kind == "section"]),
        ("  article", [s.seconds for s in samples if s.kind == "article"]),
    ):
        print(seconds_line(name, values, width=32))
    failures = sum(1 for s in samples if s.status >= 500 or s.status == 0)
    statuses: dict[int, int] = {}
    for sample in samples:
        statuses[sample.status] = statuses.get(sample.status, 0) + 1
    degraded = sum(1 for s in samples if s.kind == "search" and s.degraded)
    duration = max(s.started + s.seconds for s in samples)
    print(
        f"  statuses {dict(sorted(statuses.items()))}; 5xx or no answer: {failures}; "
        f"searches in simplified mode: {degraded}/{len(searches)}; burst lasted {duration:.1f} s"
        f"; {load_average()}"
    )
    return BurstFigures(
        failures,
        statistics.median(searches),
        percentile(searches, 0.99),
        statistics.median(pages) if pages else 0.0,
        percentile(pages, 0.99) if pages else 0.0,
        statistics.median(home) if home else 0.0,
        percentile(home, 0.99) if home else 0.0,
        degraded,
        duration,
    )


def load_average() -> str:
    """The machine's load (1, 5 and 15 minutes): a shared machine's figures need it beside them."""
    return "load average " + ", ".join(f"{load:.2f}" for load in os.getloadavg())


def timeline(samples: list[Sample]) -> None:
    """When each request began and ended: who waited behind whom."""
    print("  timeline (start → end, s):")
    for kind in ("search", "home", "section", "article"):
        spans = sorted((s.started, s.started + s.seconds) for s in samples if s.kind == kind)
        slow = [f"{a:.1f}→{b:.1f}" for a, b in spans if b - a > PAGES_P99_TARGET]
        print(f"    {kind:<8} {len(slow)}/{len(spans)} over 500 ms: {' '.join(slow[:16])}")


def medians(title: str, figures: list[BurstFigures]) -> None:
    print(f"\n{title}, median of {len(figures)} bursts")
    for name, median_of, p99_of in (
        ("search", lambda f: f.search_median, lambda f: f.search_p99),
        ("pages", lambda f: f.pages_median, lambda f: f.pages_p99),
        ("home", lambda f: f.home_median, lambda f: f.home_p99),
    ):
        print(
            f"  {name:<7} median {statistics.median(map(median_of, figures)) * 1000:6.0f} ms"
            f"   p99 {statistics.median(map(p99_of, figures)) * 1000:6.0f} ms"
        )
    print(f"  5xx or no answer, all bursts: {sum(f.failures for f in figures)}")


def verdict(figures: list[BurstFigures], healthy: list[BurstFigures]) -> None:
    failures = sum(f.failures for f in figures)
    search_p99 = statistics.median(f.search_p99 for f in figures)
    pages_p99 = statistics.median(f.pages_p99 for f in figures)
    medians("Same burst, node healthy (the floor)", healthy)
    medians("Hung-node burst", figures)
    floor = statistics.median(f.pages_p99 for f in healthy)
    print(f"  pages p99, hung minus healthy: {(pages_p99 - floor) * 1000:+.0f} ms")
    checks = [
        ("0 5xx", failures == 0),
        (
            f"search p99 {search_p99:.2f} s <= {SEARCH_P99_TARGET:.0f} s",
            search_p99 <= SEARCH_P99_TARGET,
        ),
        (f"pages p99 {pages_p99 * 1000:.0f} ms <= 500 ms", pages_p99 <= PAGES_P99_TARGET),
    ]
    print(f"  {load_average()}")
    result = "PASS" if all(ok for _text, ok in checks) else "MISS"
    print(
        f"Verdict: {result} — "
        + "; ".join(f"{text} {'ok' if ok else 'MISSED'}" for text, ok in checks)
    )


def main():
    base_url = postgres_url()
    if not shutil.which("java"):
        give_up("bench-burst needs Java 17 for its search node.")
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    import psycopg

    try:
        database = fresh_database(base_url)
    except psycopg.OperationalError as error:
        host = urllib.parse.urlsplit(base_url).netloc.split("@")[-1]  # never its password
        reason = " ".join(str(error).split())
        give_up(f"bench-burst cannot prepare its database on {host}: {reason}")
    node = SearchNode(STATE_DIR / "search-node", NODE_PORT)
    # The node starts while the database is prepared: neither needs the other.
    node_started: list[BaseException | None] = []
    starting = threading.Thread(target=lambda: node_started.append(attempt(node.start)))
    starting.start()
    # Production's cache: a Redis of the benchmark's own.
    (STATE_DIR / "redis").mkdir(exist_ok=True)
    redis = RedisServer(free_port(), STATE_DIR / "redis")
    redis.start()
    try:
        env = production_environment(
            database,
            node.url,
            "burst",
            DJANGO_STATIC_ROOT=str(STATE_DIR / "static"),
            DJANGO_MEDIA_ROOT=str(STATE_DIR / "media"),
            REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
            NEWSROOM_PAGE_CACHE=str(PAGE_CACHE).lower(),
        )
        prepare_database(env)
        starting.join()
        if node_started[0] is not None:
            raise node_started[0]
        manage(env, "search_reindex")
        print(f"Demo newsroom on PostgreSQL, indexed ({time.monotonic() - started:.0f} s)")
        run(env, node)
    finally:
        starting.join()
        node.stop()
        redis.stop()
        drop_database(base_url)


def attempt(function) -> BaseException | None:
    try:
        function()
    except BaseException as error:  # handed to the main thread
        return error
    return None


def run(env, node):
    pool = query_pool()
    needed = 2 * SEARCHERS * BURSTS + 24
    assert len(pool) >= needed, f"only {len(pool)} distinct queries"
    warm_queries, pool = pool[:24], pool[24:]
    with gunicorn(env, workers=WORKERS, log=STATE_DIR / "gunicorn.log") as server:
        pages = page_urls(server)
        warm(server, pages, warm_queries)
        until_every_worker_answers_from_elasticsearch(server, warm_queries)
        print(
            f"gunicorn, {WORKERS} sync workers, all warm; "
            f"pages {'from the page cache' if PAGE_CACHE else 'rendered each time'}: "
            + ", ".join(urllib.parse.urlsplit(url).path for url in pages.values())
        )
        print(f"\nBaseline, node healthy, one reader at a time ({BASELINE_RUNS} of each)")
        for kind, values in baseline(server, pages, warm_queries).items():
            print(seconds_line(kind, values))

        figures, healthy = [], []
        for number in range(BURSTS):
            queries, pool = pool[:SEARCHERS], pool[SEARCHERS:]
            print(f"\nBurst {number + 1}, node healthy: {SEARCHERS} searches at once")
            healthy.append(summarize(burst(server, node, pages, queries, freeze=False)))
            queries, pool = pool[:SEARCHERS], pool[SEARCHERS:]
            languages = len({language for language, _words in queries})
            print(
                f"\nBurst {number + 1}: node frozen, {SEARCHERS} searches at once "
                f"({languages} languages), {PAGE_READERS} page readers meanwhile"
            )
            samples = burst(server, node, pages, queries)
            figures.append(summarize(samples))
            timeline(samples)
            try:
                fallback = [
                    fetch(search_url(server, *query, fresh=next(FRESH)))[1]
                    for query in warm_queries[:12]
                ]
            finally:
                node.thaw()
            print(seconds_line("simplified search, one at a time (circuits open)", fallback, 50))
            recovery = until_every_worker_answers_from_elasticsearch(server, warm_queries)
            print(
                f"  node thawed: every worker answered from Elasticsearch again "
                f"after {recovery:.1f} s"
            )
        verdict(figures, healthy)


if __name__ == "__main__":
    main()
