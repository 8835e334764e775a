"""Partners' tokens: hashed, counted, revocable, scoped; full text and embargoes behind them."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Site

from search.models import PartnerToken, SyndicationSettings
from search.models.partners import token_digest

pytestmark = pytest.mark.django_db


def items(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:300]
    return response.json()["items"]


def test_a_token_is_stored_only_as_its_digest(partner_token):
    partner, secret = partner_token()
    token = PartnerToken.objects.get(partner=partner)
    assert secret.startswith("nrp_") and len(secret) > 40
    assert token.digest == token_digest(secret) != secret
    assert secret not in str(PartnerToken.objects.filter(pk=token.pk).values().get())
    assert secret.startswith(token.prefix)


def test_a_token_unlocks_the_full_text_and_counts_each_pull(client, wire, partner_token):
    partner, secret = partner_token()
    public = items(client, "/en/feeds/all.json")
    assert "content_html" not in public[0]
    full = items(client, "/en/feeds/all.json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert "Robusta coffee wins buyers." in full[0]["content_html"]
    items(client, f"/en/feeds/all.json?token={secret}")
    token = PartnerToken.objects.get(partner=partner)
    assert token.pull_count == 2
    assert token.last_used_at is not None


def test_body_html_has_absolute_urls(client, wire, partner_token):
    _partner, secret = partner_token()
    rss = client.get("/en/feeds/all.rss", HTTP_X_PARTNER_TOKEN=secret).content.decode()
    assert "content:encoded" in rss
    assert 'src="/' not in rss and 'href="/' not in rss


@pytest.mark.parametrize("presented", ["nrp_not-a-real-token", "garbage", "Bearer"])
def test_a_wrong_token_is_refused_without_saying_what_exists(client, wire, presented):
    for url in ("/en/feeds/all.rss", "/en/feeds/topics/no-such-topic.rss"):
        response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {presented}")
        assert response.status_code == 401
        assert response.content == b"A valid partner token is required.\n"


def test_a_revoked_token_is_refused(client, wire, partner_token):
    partner, secret = partner_token()
    PartnerToken.objects.get(partner=partner).revoke()
    assert client.get(f"/en/feeds/all.rss?token={secret}").status_code == 401


def test_a_token_opens_only_its_partners_languages(client, wire, partner_token):
    _partner, secret = partner_token(languages=["en"])
    assert client.get(f"/ar/feeds/all.rss?token={secret}").status_code == 403
    assert client.get(f"/en/feeds/all.rss?token={secret}").status_code == 200


def test_embargoed_releases_reach_only_partners_allowed_them(client, wire, partner_token):
    embargoed = wire["embargoed"]
    _plain, plain_secret = partner_token(embargoed=False)
    _trusted, trusted_secret = partner_token(embargoed=True)
    assert embargoed.title_en not in [i["title"] for i in items(client, "/en/feeds/all.json")]
    assert embargoed.title_en not in [
        i["title"] for i in items(client, f"/en/feeds/all.json?token={plain_secret}")
    ]
    (first, *_rest) = items(client, f"/en/feeds/all.json?token={trusted_secret}")
    assert first["title"].startswith("[EMBARGOED until ")
    assert first["title"].endswith(embargoed.title_en)
    assert first["_newsroom"]["embargoed_until"]
    ninjs = client.get(f"/en/feeds/all.ninjs?token={trusted_secret}").json()["items"][0]
    assert ninjs["embargoed"] == first["_newsroom"]["embargoed_until"]


def test_an_embargo_holds_until_its_second_on_every_public_surface(client, wire, partner_token):
    embargoed = wire["embargoed"]
    lifts = embargoed.embargoed_until
    _trusted, secret = partner_token(embargoed=True)

    def public_titles():
        return [i["title"] for i in items(client, "/en/feeds/all.json")]

    with time_machine.travel(lifts - timedelta(seconds=1)):
        assert embargoed.title_en not in public_titles()
        assert client.get(embargoed.get_url()).status_code == 404
        assert embargoed.title_en not in client.get("/en/search/?q=agreement").content.decode()
        assert items(client, f"/en/feeds/all.json?token={secret}")[0]["title"].startswith("[")
    with time_machine.travel(lifts + timedelta(seconds=1)):
        assert embargoed.title_en in public_titles()
        assert client.get(embargoed.get_url()).status_code == 200
        marked = items(client, f"/en/feeds/all.json?token={secret}")[0]
        assert marked["title"] == embargoed.title_en  # no longer marked
    assert lifts > timezone.now()


def test_full_text_for_everyone_is_a_site_setting_that_applies_at_once(
    client, wire, locmem_cache, home, django_capture_on_commit_callbacks
):
    assert "content_html" not in items(client, "/en/feeds/all.json")[0]
    options = SyndicationSettings.for_site(Site.objects.get(root_page=home))
    options.public_full_text = True
    with django_capture_on_commit_callbacks(execute=True):
        options.save()
    public = items(client, "/en/feeds/all.json")
    assert "Robusta coffee wins buyers." in public[0]["content_html"]
    rss = client.get("/en/feeds/all.rss").content.decode()
    assert "<content:encoded>" in rss
