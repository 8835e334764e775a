"""Site administrators issue tokens (shown once) and revoke them; nobody else can."""

import pytest

from search.models import PartnerToken
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(roles):
    return UserFactory(username="siteadmin", groups=["Site administrators"])


def test_an_administrator_issues_a_token_that_is_shown_once(client, administrator):
    partner = PartnerFactory()
    client.force_login(administrator)
    url = f"/admin/partners/{partner.pk}/tokens/"
    issued = client.post(url, {"label": "Wire desk"})
    assert issued.status_code == 200
    token = PartnerToken.objects.get(partner=partner)
    page = issued.content.decode()
    secret = page.split('class="partner-token-secret">')[1].split("<")[0]
    assert PartnerToken.authenticate(secret) == token
    assert secret not in client.get(url).content.decode()


def test_a_token_without_a_label_is_refused_with_a_form_error(client, administrator):
    partner = PartnerFactory()
    client.force_login(administrator)
    response = client.post(f"/admin/partners/{partner.pk}/tokens/", {"label": ""})
    assert response.status_code == 400
    assert not PartnerToken.objects.exists()


def test_an_administrator_revokes_a_token(client, administrator):
    partner = PartnerFactory()
    token, secret = PartnerToken.issue(partner, "Old desk")
    client.force_login(administrator)
    client.post(f"/admin/partners/{partner.pk}/tokens/{token.pk}/revoke/")
    assert PartnerToken.authenticate(secret) is None


@pytest.mark.parametrize("group", ["Writers", "Desk editors", "Approvers", "Translators: en"])
def test_other_roles_cannot_see_or_issue_tokens(client, roles, group):
    partner = PartnerFactory()
    token, _secret = PartnerToken.issue(partner, "Desk")
    client.force_login(UserFactory(username="someone", groups=[group]))
    # Wagtail's admin turns a refusal into a redirect to the dashboard with a message.
    page = client.get(f"/admin/partners/{partner.pk}/tokens/")
    assert page.status_code == 302 and page["Location"] == "/admin/"
    assert client.post(f"/admin/partners/{partner.pk}/tokens/", {"label": "x"}).status_code == 302
    client.post(f"/admin/partners/{partner.pk}/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.is_active
    assert PartnerToken.objects.count() == 1
