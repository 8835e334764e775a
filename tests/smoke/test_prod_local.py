"""Smoke test of the production stack `make prod-local` runs: readers, an editor, a partner.

Everything goes through nginx and Varnish as a reader's browser would, over TLS checked
against the stack's own certificate. CI starts the stack, runs this (`make smoke`), and stops
it; elsewhere it skips when the stack is not there.
"""

import html
import http.cookiejar
import os
import re
import ssl
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import feedparser
import pytest

from tests import production_server
from tests.production_server import ROOT, environment_file, gunicorn
from tests.services import require_service

STATE = ROOT / os.environ.get("NEWSROOM_SMOKE_DIR", "var/prod-local")
DEGRADED = '<p class="notice" role="status">'
ADMIN_PASSWORD = "newsroom-demo"
# A publish must reach an anonymous reader through the front cache within this.
PUBLISH_VISIBLE_SECONDS = 2.0


def stack_environment() -> dict[str, str]:
    env_file = STATE / "env"
    require_service(env_file.exists(), f"no prod-local stack ({env_file} missing): make prod-local")
    return environment_file(env_file)


class Browser:
    """A reader's (or an editor's) HTTPS client with cookies, as nginx sees it."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        context = ssl.create_default_context(cafile=str(STATE / "tls" / "certificate.pem"))
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(self.cookies),
        )

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        return self.send(urllib.request.Request(self.base_url + path))

    def post(self, path: str, data: dict[str, str], referer: str) -> tuple[int, dict, str]:
        request = urllib.request.Request(
            self.base_url + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": self.base_url + referer},
        )
        return self.send(request)

    def send(self, request: urllib.request.Request) -> tuple[int, dict[str, str], str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")


@pytest.fixture(scope="module")
def stack() -> dict[str, str]:
    return stack_environment()


@pytest.fixture
def reader(stack) -> Browser:
    return Browser(stack["WAGTAILADMIN_BASE_URL"])


def manage(stack: dict[str, str], *args: str) -> str:
    return production_server.manage({**os.environ, **stack}, *args, timeout=120)


@pytest.mark.parametrize("language", ["vi", "en", "ar"])
def test_home_pages_in_three_languages_come_from_the_front_cache(reader, language):
    status, _headers, body = reader.get(f"/{language}/")
    assert status == 200
    assert re.search(rf'<html[^>]* lang="{language}"', body)
    status, headers, _again = reader.get(f"/{language}/")
    assert status == 200
    assert headers.get("X-Cache") == "HIT"
    assert "s-maxage" not in headers["Cache-Control"]  # the shared cache's alone
    assert "Content-Security-Policy" in headers


def test_an_editor_signs_in_and_is_never_served_from_the_cache(stack, reader):
    status, _headers, form = reader.get("/admin/login/")
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    status, _headers, dashboard = reader.post(
        "/admin/login/",
        {
            "csrfmiddlewaretoken": token,
            "username": "admin",
            "password": stack["NEWSROOM_DEMO_PASSWORD"],
        },
        referer="/admin/login/",
    )
    assert status == 200, dashboard[:2000]
    signed_in = {cookie.name for cookie in reader.cookies}
    assert "sessionid" in signed_in, re.findall(r"<title>.*?</title>", dashboard)
    assert 'action="/admin/login/' not in dashboard  # the dashboard, not the form again
    status, headers, _page = reader.get("/en/")
    assert status == 200
    assert headers.get("X-Cache") == "PASS"  # signed in: never from the shared cache
    assert "private" in headers["Cache-Control"] or "s-maxage" not in headers["Cache-Control"]


def test_a_partner_reads_a_feed_and_a_reader_finds_its_story(reader):
    status, _headers, body = reader.get("/en/feeds/all.rss")
    assert status == 200
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries
    title = feed.entries[0].title
    assert feed.entries[0].link.startswith(reader.base_url)
    word = max(re.findall(r"\w+", title), key=len)
    status, _headers, results = reader.get("/en/search/?" + urllib.parse.urlencode({"q": word}))
    assert status == 200
    assert DEGRADED not in results, "search fell back to the database: is the cluster up?"
    assert title in html.unescape(re.sub(r"<[^>]+>", "", results))  # words found are marked


def test_a_publish_reaches_anonymous_readers_through_the_front_cache_within_two_seconds(
    stack, reader
):
    status, _headers, _before = reader.get("/vi/")
    assert status == 200
    status, headers, _again = reader.get("/vi/")
    assert headers.get("X-Cache") == "HIT"
    headline = f"Diễn đàn hợp tác kinh tế số {int(time.time())}"
    path = manage(
        stack,
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from content.models import ArticlePage\n"
        "story = ArticlePage.objects.live().filter(original_language='vi')"
        ".order_by('-publication_date', '-pk').first().specific\n"
        f"story.title = story.title_vi = {headline!r}\n"
        "story.save_revision().publish()\n"
        "print(story.get_url())",
    ).strip()
    published = time.monotonic()
    while True:
        status, headers, home = reader.get("/vi/")
        if headline in home:
            break
        elapsed = time.monotonic() - published
        assert elapsed < PUBLISH_VISIBLE_SECONDS, (
            f"not on /vi/ after {elapsed:.1f} s (X-Cache {headers.get('X-Cache')})"
        )
        time.sleep(0.1)
    status, _headers, story = reader.get(path)
    assert status == 200
    assert headline in story


def test_a_token_in_the_query_reaches_no_log_and_no_shared_cache(reader):
    secret = f"smoke-{int(time.time())}-not-a-real-token"
    status, headers, _body = reader.get(f"/en/feeds/all.rss?token={secret}")
    assert status == 401  # an unknown token is refused, and still never logged
    assert headers.get("X-Cache") == "PASS"
    time.sleep(1)  # the access logs are written as the response completes
    for log in ("nginx.access.log", "gunicorn.access.log"):
        text = (STATE / "log" / log).read_text(errors="replace")
        assert "token=***" in text, log
        assert secret not in text, log


def test_a_beacon_reaches_no_access_log(reader):
    """What a reader searched for is never written beside their address and browser."""
    words = f"smoke{int(time.time())}credentials"
    beacon = f"/reach/beacon?l=en&q={words}&f=0&g=unsigned"
    status, _headers, _body = reader.post(beacon, {}, "/en/")
    assert status == 204
    reader.get(f"/robots.txt?after-{words}")
    time.sleep(1)  # the access logs are written as the response completes
    for log in ("nginx.access.log", "gunicorn.access.log"):
        text = (STATE / "log" / log).read_text(errors="replace")
        assert f"after-{words}" in text, log
        assert f"q={words}" not in text, log


def as_postgres(*command: str) -> None:
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    subprocess.run([*prefix, "runuser", "-u", "postgres", "--", *command], check=True)


def delete_indices(search_url: str, prefix: str) -> None:
    node = search_url.split(",")[0]
    with urllib.request.urlopen(f"{node}/_cat/indices/{prefix}*?h=index", timeout=30) as answer:
        for index in answer.read().decode().split():
            request = urllib.request.Request(f"{node}/{index}", method="DELETE")
            urllib.request.urlopen(request, timeout=30).close()


def page_without_related_stories(server_url: str, path: str) -> str:
    """A page as gunicorn renders it, less "related stories" (the index's scores may differ)."""
    request = urllib.request.Request(
        server_url + path, headers={"Host": "localhost", "X-Forwarded-Proto": "https"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read().decode()
    return re.sub(r'<section class="related-stories".*?</section>', "", body, flags=re.DOTALL)


def test_a_backup_restored_onto_an_empty_database_serves_the_same_pages(stack, tmp_path):

    backup = tmp_path / "backup"
    database = "newsroom_restore_drill"
    restored = {
        **stack,
        "DATABASE_URL": stack["DATABASE_URL"].rsplit("/", 1)[0] + f"/{database}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "NEWSROOM_SEARCH_INDEX_PREFIX": "restore-drill",
        "NEWSROOM_CACHE_PREFIX": "restore-drill",
        "NEWSROOM_SEARCH_CIRCUIT_FILE": str(tmp_path / "search.circuit"),
        "NEWSROOM_FRONT_CACHES": "",  # the drill's installation purges nobody's cache
    }
    subprocess.run(
        ["deploy/backup.sh", str(backup)], cwd=ROOT, env={**os.environ, **stack}, check=True
    )
    as_postgres("psql", "-q", "-c", f"DROP DATABASE IF EXISTS {database}")
    as_postgres("createdb", "-O", "newsroom_prod_local", database)
    try:
        subprocess.run(
            ["deploy/restore.sh", str(backup)], cwd=ROOT, env={**os.environ, **restored}, check=True
        )
        paths = ["/en/", "/vi/", "/ar/"]
        story = feedparser.parse(
            Browser(stack["WAGTAILADMIN_BASE_URL"]).get("/en/feeds/all.rss")[2]
        )
        paths.append(urllib.parse.urlsplit(story.entries[0].link).path)
        # Asked on the loopback, as nginx asks them (X-Forwarded-Proto: https).
        plain = {"DJANGO_SECURE_SSL_REDIRECT": "false"}
        with (
            gunicorn({**os.environ, **stack, **plain}, workers=1) as live,
            gunicorn({**os.environ, **restored, **plain}, workers=1) as copy,
        ):
            for path in paths:
                assert page_without_related_stories(copy.url, path) == page_without_related_stories(
                    live.url, path
                ), path
    finally:
        as_postgres("psql", "-q", "-c", f"DROP DATABASE IF EXISTS {database}")
        delete_indices(stack["ELASTICSEARCH_URL"], "restore-drill")
