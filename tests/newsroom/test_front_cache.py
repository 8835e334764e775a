"""The HTTP cache in front: what Varnish keeps, for whom, and what it forgets on a change.

A real ``varnishd`` with deploy/varnish/newsroom.vcl stands in front of the test server;
Wagtail's frontend cache module sends it the purges, as production's worker does (tasks run
at once in the tests). Without varnishd the tests skip; CI installs it.
"""

import shutil
import subprocess
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Site

from content.models import Topic
from tests.factories.stories import published_story
from tests.production_server import ROOT, free_port
from tests.services import require_service, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

VCL = ROOT / "deploy" / "varnish" / "newsroom.vcl"


class FrontCache:
    """Varnish on a port of its own in front of ``backend``, asked with the site's Host."""

    def __init__(self, url: str, host: str):
        self.url = url
        self.host = host

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], str]:
        request = urllib.request.Request(self.url + path, headers={"Host": self.host, **headers})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")


@pytest.fixture
def front_cache(live_server, home, settings, tmp_path):
    require_service(
        bool(shutil.which("varnishd")), "varnishd is not installed (apt install varnish)"
    )
    backend = urlsplit(live_server.url)
    vcl = tmp_path / "newsroom.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend.port}";'))
    port = free_port()
    log = tmp_path / "varnishd.log"
    # No jail: as root, Varnish would compile the VCL as a user who cannot read tmp_path.
    with log.open("w") as output:
        process = subprocess.Popen(
            ["varnishd", "-F", "-j", "none", "-n", str(tmp_path / "varnish"),
             "-a", f"127.0.0.1:{port}", "-T", f"127.0.0.1:{free_port()}", "-f", str(vcl),
             "-s", "malloc,64m"],
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        # The reader's Host is the site's: purges name the site's root URL.
        Site.objects.filter(is_default_site=True).update(hostname="localhost", port=backend.port)
        settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": url,
            }
        }
        cache = FrontCache(url, f"localhost:{backend.port}")
        wait_for(lambda: _answers(cache), timeout=30, what=f"varnishd:\n{log.read_text()}")
        yield cache
    finally:
        process.terminate()
        process.wait(timeout=30)


def _answers(cache: FrontCache) -> bool:
    try:
        return cache.get("/healthz")[0] == 200
    except OSError:
        return False


def cached_twice(cache: FrontCache, path: str) -> dict[str, str]:
    cache.get(path)
    status, headers, _body = cache.get(path)
    assert status == 200
    return headers


def test_anonymous_readers_share_one_copy_and_browsers_keep_it_a_minute(front_cache, section):
    story = published_story(
        section, {"vi": ("Tuần lễ cấp cao", "Nội dung."), "en": ("Summit week", "Text.")}
    )
    first = front_cache.get("/en/")
    assert first[1]["X-Cache"] == "MISS"
    headers = cached_twice(front_cache, "/en/")
    assert headers["X-Cache"] == "HIT"
    assert "max-age=60" in headers["Cache-Control"]
    assert "s-maxage" not in headers["Cache-Control"]  # the shared cache's alone
    assert "x-newsroom-path" not in {name.lower() for name in headers}
    with_query = cached_twice(front_cache, "/en/search/?q=summit")
    assert with_query["X-Cache"] == "HIT"
    assert story.pk


def test_a_publish_in_english_is_on_the_english_home_page_at_once(front_cache, section):
    published_story(section, {"vi": ("Tin cũ", "Nội dung."), "en": ("Old news", "Text.")})
    assert cached_twice(front_cache, "/en/")["X-Cache"] == "HIT"
    assert cached_twice(front_cache, "/en/feeds/")["X-Cache"] == "HIT"

    published_story(
        section, {"vi": ("Hội nghị mới", "Nội dung."), "en": ("New conference", "Text.")}
    )

    _status, headers, body = front_cache.get("/en/")
    assert headers["X-Cache"] == "MISS"
    assert "New conference" in body
    assert front_cache.get("/en/feeds/")[1]["X-Cache"] == "MISS"


def test_a_story_only_in_vietnamese_leaves_the_english_pages_cached(front_cache, section):
    published_story(section, {"vi": ("Tin cũ", "Nội dung."), "en": ("Old news", "Text.")})
    assert cached_twice(front_cache, "/en/")["X-Cache"] == "HIT"

    published_story(section, {"vi": ("Chỉ có tiếng Việt", "Nội dung.")})

    assert front_cache.get("/en/")[1]["X-Cache"] == "HIT"
    assert "Chỉ có tiếng Việt" in front_cache.get("/vi/")[2]


def test_renaming_a_topic_purges_every_page(front_cache, section):
    topic = Topic.objects.create(name="Thương mại", name_en="Trade", slug="trade")
    published_story(section, {"vi": ("Tin", "Nội dung."), "en": ("News", "Text.")})
    assert cached_twice(front_cache, "/en/")["X-Cache"] == "HIT"
    assert cached_twice(front_cache, "/vi/")["X-Cache"] == "HIT"

    topic.name_en = "Trade and investment"
    topic.save()

    assert front_cache.get("/en/")[1]["X-Cache"] == "MISS"
    assert front_cache.get("/vi/")[1]["X-Cache"] == "MISS"


@pytest.mark.parametrize(
    "path, headers",
    [
        ("/en/feeds/all.rss?token=partner-secret", {}),
        ("/en/feeds/all.rss", {"Authorization": "Bearer partner-secret"}),
        ("/en/feeds/all.rss", {"X-Partner-Token": "partner-secret"}),
        ("/en/", {"Cookie": "sessionid=an-editors-session"}),
        ("/admin/login/", {}),
    ],
)
def test_partners_editors_and_the_admin_are_never_served_from_the_shared_cache(
    front_cache, section, path, headers
):
    published_story(section, {"vi": ("Tin", "Nội dung."), "en": ("News", "Text.")})
    front_cache.get(path, **headers)
    _status, answer, _body = front_cache.get(path, **headers)
    assert answer["X-Cache"] == "PASS"


def test_pages_are_kept_no_longer_than_until_the_next_embargo_lifts(client, section):
    published_story(section, {"vi": ("Tin", "Nội dung."), "en": ("News", "Text.")})
    response = client.get("/en/")
    assert "s-maxage=86400" in response["Cache-Control"]

    lifts = timezone.now() + timedelta(seconds=90)
    published_story(
        section,
        {"vi": ("Tin cấm phát", "Nội dung."), "en": ("Embargoed", "Text.")},
        embargoed_until=lifts,
    )
    response = client.get("/en/")
    kept = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < kept <= 90


def test_once_an_embargo_lifts_pages_are_kept_until_the_next_one(client, section):
    # The moment is the request's own, not the one the worker's first request compiled.
    soon, later = timezone.now() + timedelta(seconds=90), timezone.now() + timedelta(seconds=300)
    for title, lifts in (("Soon", soon), ("Later", later)):
        published_story(section, {"vi": (title, "Nội dung."), "en": (title, "Text.")},
                        embargoed_until=lifts)  # fmt: skip
    client.get("/en/")
    with time_machine.travel(soon + timedelta(seconds=1)):
        response = client.get("/en/")
        assert "Soon" in response.content.decode()
    kept = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 150 < kept <= 209


def test_a_page_answered_to_a_signed_in_editor_is_private(client, section, writer):
    published_story(section, {"vi": ("Tin", "Nội dung."), "en": ("News", "Text.")})
    client.force_login(writer)
    response = client.get("/en/")
    assert "public" not in response.get("Cache-Control", "")
    assert "s-maxage" not in response.get("Cache-Control", "")
