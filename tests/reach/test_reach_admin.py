"""The Reach area: for desk editors, approvers and site administrators, charts with tables, CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from content.editorial.roles import translator_group_name
from reach import rollups
from reach.models import Referrals, Searches, SearchGap, StoryReads
from tests.factories import UserFactory
from tests.reach.conftest import at_noon

TODAY = timezone.localdate()
REACH_MENU_ITEM = '"url": "/admin/reach/"'  # in the sidebar's menu, as Wagtail writes it


@pytest.fixture(autouse=True)
def still_today():
    """Today stays the day the module was read, however late the suite runs."""
    with at_noon(TODAY, tick=True):
        yield


@pytest.fixture
def counted(story):
    """Reads of the story over three days, as the fold leaves them."""
    for days_ago, language, reads in [(0, "en", 120), (1, "en", 80), (1, "vi", 45), (40, "en", 9)]:
        StoryReads.objects.create(
            page=story, language=language, day=TODAY - timedelta(days=days_ago), reads=reads
        )
    Referrals.objects.create(
        day=TODAY, language="en", kind="search", host="www.google.com", reads=70
    )
    Searches.objects.create(day=TODAY, language="en", searches=30, found_nothing=4)
    SearchGap.objects.create(day=TODAY, language="en", query="visa on arrival", searches=4)
    rollups.rebuild(TODAY - timedelta(days=60), TODAY)  # as the fold keeps them
    return story


@pytest.mark.parametrize("who", ["desk_editor", "approver", "site_administrator"])
def test_editors_approvers_and_site_administrators_see_reach(client, counted, request, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get("/admin/reach/")

    assert REACH_MENU_ITEM in client.get("/admin/").content.decode()
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="reach-chart" role="img"' in html
    assert '<title id="chart-languages-title">' in html
    assert "<td>English</td><td>200</td>" in html  # in the table beside the chart
    assert "<td>Đối ngoại</td><td>245</td>" in html  # the story's section
    assert "<td>254</td>" not in html  # 40 days ago is outside the last 30 days


def test_writers_and_translators_are_refused(client, counted, writer, roles):
    translator = UserFactory(username="translator-fr", groups=[translator_group_name("fr")])
    for user in (writer, translator):
        client.force_login(user)
        for url in (
            "/admin/reach/",
            f"/admin/reach/story/{counted.pk}/",
            "/admin/reach/overview/?format=csv&table=languages",
        ):
            response = client.get(url)
            # Wagtail sends whoever may not see an admin page back to the dashboard.
            assert (response.status_code, response.get("Location")) == (302, "/admin/")
        assert REACH_MENU_ITEM not in client.get("/admin/").content.decode()


def test_every_table_exports_as_csv(client, counted, approver):
    client.force_login(approver)

    response = client.get("/admin/reach/overview/?format=csv&table=languages")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1:] == [["English", "200"], ["Tiếng Việt", "45"]]  # under a translated header
    for area in ("overview", "stories", "translations", "feeds", "searches"):
        page = client.get(f"/admin/reach/{area}/")
        assert page.status_code == 200
        for slug in page.context["tables"]:
            export = client.get(f"/admin/reach/{area}/?format=csv&table={slug[0].slug}")
            assert export.status_code == 200


def test_a_chosen_period_counts_only_its_days(client, counted, approver):
    client.force_login(approver)
    start = (TODAY - timedelta(days=45)).isoformat()
    end = (TODAY - timedelta(days=35)).isoformat()

    response = client.get(
        f"/admin/reach/overview/?start={start}&end={end}&format=csv&table=languages"
    )

    assert response.content.decode("utf-8-sig").splitlines()[1:] == ["English,9"]


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-12-01&end=2026-01-01",
        "start=not-a-day&end=2026-01-01",
        "start=2020-01-01&end=2026-01-01",
    ],
)
def test_a_wrong_period_is_explained_not_a_500(client, counted, approver, query):
    client.force_login(approver)

    response = client.get(f"/admin/reach/overview/?{query}")

    assert response.status_code == 200
    assert 'class="error-message"' in response.content.decode()


def test_an_unknown_area_or_table_is_not_found(client, counted, approver):
    client.force_login(approver)

    assert client.get("/admin/reach/nowhere/", follow=True).status_code == 404
    assert (
        client.get("/admin/reach/overview/?format=csv&table=nothing", follow=True).status_code
        == 404
    )


def test_search_gaps_list_the_queries_that_found_nothing(client, counted, approver):
    client.force_login(approver)

    html = client.get("/admin/reach/searches/").content.decode()

    assert "visa on arrival" in html


def test_a_storys_reach_shows_its_reads_per_language_and_is_linked_from_its_editor(
    client, counted, approver
):
    client.force_login(approver)

    page = client.get(f"/admin/reach/story/{counted.pk}/")
    editor = client.get(f"/admin/pages/{counted.pk}/edit/")

    assert page.status_code == 200
    assert page.context["tables"][0][0].rows == [("English", 209), ("Tiếng Việt", 45)]
    assert f'href="/admin/reach/story/{counted.pk}/"' in editor.content.decode()


def test_each_view_asks_a_bounded_number_of_queries(
    client, counted, approver, django_assert_max_num_queries
):
    client.force_login(approver)
    for area in ("overview", "stories", "translations", "feeds", "searches"):
        with django_assert_max_num_queries(30):
            client.get(f"/admin/reach/{area}/")
