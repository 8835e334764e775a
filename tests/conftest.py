"""Fixtures shared by the whole suite: a home page, sections and the newsroom's roles.

Markers follow from the fixtures a test uses (``pytest -m "not search"`` on a machine without
the search node, ``-m "not slow"`` for a quick run): no test has to remember to mark itself.
"""

import shutil
import uuid

import pytest
from django.db import connection
from django.utils import translation
from wagtail.models import Page, Site

from content.editorial import install_editorial_workflow, install_roles
from content.editorial.roles import APPROVERS, DESK_EDITORS, SITE_ADMINISTRATORS, WRITERS
from content.models import DeskAssignment
from newsroom.caches import production_caches, redis_cache
from tests.factories import HomePageFactory, SectionPageFactory, UserFactory, ensure_tree_roots
from tests.production_server import RedisServer, free_port
from tests.services import require_service

# A test that uses one of these fixtures needs the service its marker names.
SERVICE_MARKERS = {
    "search_node": "search",
    "own_search_node": "search",
    "postgresql": "postgres",
    "chromium": "browser",
}
# Fixtures that build the demo, start a browser or a node, or serve over HTTP take seconds.
SLOW_FIXTURES = {"demo_site", "chromium", "own_search_node", "live_server"}
# Drills stop, freeze or restart a service (a search node, Redis, PostgreSQL itself) or hold a
# server to a time bound: `make test` runs them alone, after the rest has run on every core.
DRILL_FIXTURES = {
    "own_search_node",
    "frozen_node_url",
    "frozen_node_drill",
    "hung_node",
    "hanging_node",
    "restart_command",
}
DRILL_MODULES = {
    "test_gunicorn_drills.py",
    "test_redis_cache.py",
    "test_reindex_busy_node.py",
    "test_worker_drills.py",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for fixture, marker in SERVICE_MARKERS.items():
            if fixture in fixtures:
                item.add_marker(marker)
        if fixtures & SLOW_FIXTURES:
            item.add_marker("slow")
        if fixtures & DRILL_FIXTURES or item.path.name in DRILL_MODULES:
            item.add_marker("drill")


@pytest.fixture
def postgresql(db):
    """The production database: PostgreSQL, as CI provides through DATABASE_URL."""
    require_service(connection.vendor == "postgresql", "no PostgreSQL: DATABASE_URL is not set")
    return connection


@pytest.fixture(scope="session")
def production_redis(tmp_path_factory):
    """The URL of a Redis of the suite's own, for drills that run production's cache.

    Each production environment keys its cache under a prefix of its own, so drills share it.
    """
    require_service(
        bool(shutil.which("redis-server")), "no redis-server (apt install redis-server)"
    )
    server = RedisServer(free_port(), tmp_path_factory.mktemp("redis"))
    server.start()
    yield f"redis://127.0.0.1:{server.port}/0"
    server.stop()


@pytest.fixture
def production_cache(settings, production_redis):
    """Production's caches (newsroom/caches.py) on the suite's Redis, under keys of this test's own.

    Queries are counted with the cache readers are served from, not an in-memory stand-in.
    """
    shared = redis_cache(production_redis, f"test-{uuid.uuid4().hex[:12]}")
    settings.CACHES = production_caches(shared)


@pytest.fixture(autouse=True)
def source_language():
    """Tests start in the source language, as a request to /vi/ would."""
    with translation.override("vi"):
        yield


@pytest.fixture
def home(db):
    ensure_tree_roots()
    Page.objects.filter(depth=2).delete()  # Wagtail's welcome page, and its Site
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.create(is_default_site=True, hostname="testserver", port=80, root_page=home)
    return home


@pytest.fixture
def tree_roots(db):
    """Wagtail's root page and collection, whatever a transactional test flushed before."""
    ensure_tree_roots()


@pytest.fixture
def roles(db):
    ensure_tree_roots()
    install_roles()


@pytest.fixture
def section(home, roles):
    section = SectionPageFactory(parent=home, title="Đối ngoại", title_en="Foreign affairs")
    install_editorial_workflow()
    return section


@pytest.fixture
def other_section(home, roles):
    section = SectionPageFactory(parent=home, title="Thương mại", title_en="Trade")
    install_editorial_workflow()
    return section


@pytest.fixture
def writer(roles):
    return UserFactory(username="writer", groups=[WRITERS])


@pytest.fixture
def desk_editor(roles, section):
    editor = UserFactory(username="desk", groups=[DESK_EDITORS])
    DeskAssignment.objects.create(desk_editor=editor, section=section)
    return editor


@pytest.fixture
def approver(roles):
    return UserFactory(username="approver", groups=[APPROVERS])


@pytest.fixture
def site_administrator(roles):
    return UserFactory(username="siteadmin", groups=[SITE_ADMINISTRATORS])
