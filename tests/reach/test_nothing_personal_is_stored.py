"""After beacons carrying an address, a user agent and cookies, none of them is kept anywhere."""

from django.db import connection
from django.test import Client

from reach.models import FoldedWindow, Referrals, StoryReads
from tests.reach.conftest import BROWSER

ADDRESS = "203.0.113.77"
COOKIE = "sessionid=c0ffee5ecret; _ga=GA1.2.123456789.987654321"


def stored_rows_as_text() -> str:
    rows = []
    with connection.cursor() as cursor:
        for model in (StoryReads, Referrals, FoldedWindow):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608
            rows.extend(cursor.fetchall())
    return repr(rows)


def buffer_as_text(reach_buffer) -> str:
    """Every key in Redis and what it holds, whatever its type."""
    client = reach_buffer._cache.get_client(write=False)
    read = {b"string": client.get, b"hash": client.hgetall, b"set": client.smembers}
    return repr({key: read[client.type(key)](key) for key in client.keys("*")})


def test_no_address_user_agent_or_cookie_in_the_database_or_the_buffer(
    reach_buffer, story, fold_all
):
    client = Client(HTTP_USER_AGENT=BROWSER, HTTP_X_FORWARDED_FOR=ADDRESS, REMOTE_ADDR=ADDRESS)
    client.cookies.load(COOKIE)
    response = client.post(f"/reach/beacon?s={story.pk}&l=en&r=www.bing.com")
    before_fold = buffer_as_text(reach_buffer)
    fold_all()

    assert response.status_code == 204 and not response.cookies
    for where in (before_fold, buffer_as_text(reach_buffer), stored_rows_as_text()):
        for personal in (ADDRESS, ADDRESS.replace(".", ""), "Chrome", "X11", "c0ffee", "GA1"):
            assert personal not in where
    assert StoryReads.objects.get().reads == 1  # the beacon was counted all the same


def test_the_reach_tables_have_no_column_for_a_person(db):
    columns = {
        field.name for model in (StoryReads, Referrals) for field in model._meta.get_fields()
    }
    assert columns == {"id", "day", "page", "language", "reads", "kind", "host"}
