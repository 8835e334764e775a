"""Pulls per partner, feed and day (public feeds per feed), and the items they delivered."""

from reach.models import FeedPulls
from search.models import PartnerToken
from tests.factories.partners import PartnerFactory


def pulls(**filters) -> set[tuple]:
    rows = FeedPulls.objects.filter(**filters)
    return {(r.language, r.partner_id, r.feed, r.pulls, r.items) for r in rows}


def test_partner_and_public_pulls_are_counted_per_feed_with_items_delivered(
    reach_buffer, story, client, fold_all
):
    partner = PartnerFactory(languages=["en"])
    _token, secret = PartnerToken.issue(partner, "Wire desk")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    first = client.get("/en/feeds/all.rss", **bearer)
    assert first.status_code == 200
    unchanged = client.get("/en/feeds/all.rss", HTTP_IF_NONE_MATCH=first["ETag"], **bearer)
    assert unchanged.status_code == 304
    client.get("/en/feeds/all.json")
    client.get("/vi/feeds/all.json")
    fold_all()

    assert pulls() == {
        ("en", partner.pk, "all.rss", 2, 1),  # the 304 is a pull that delivered nothing
        ("en", None, "all.json", 1, 1),
        ("vi", None, "all.json", 1, 1),
    }


def test_a_refused_token_is_not_a_pull(reach_buffer, story, client, fold_all):
    refused = client.get("/en/feeds/all.rss", HTTP_AUTHORIZATION="Bearer not-a-token")
    fold_all()

    assert refused.status_code == 401
    assert not FeedPulls.objects.exists()


def test_a_search_feed_is_counted_without_its_words(reach_buffer, story, client, fold_all):
    client.get("/en/feeds/search.rss", {"q": "supply chains"})
    fold_all()

    assert pulls() == {("en", None, "search.rss", 1, 1)}
