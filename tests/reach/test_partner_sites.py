"""Site administrators name partners' sites; reads those sites send count as from partners."""

from reach.models import PartnerSite, Referrals
from tests.factories.partners import PartnerFactory


def test_a_site_administrator_names_a_partners_site_and_its_reads_count_as_partner(
    client, site_administrator, reach_buffer, story, send_beacon, fold_all
):
    partner = PartnerFactory(name="Thông tấn Đối tác")
    client.force_login(site_administrator)

    response = client.post(
        "/admin/reach_partner_sites/new/", {"partner": partner.pk, "host": " WWW.Partner.Example "}
    )
    send_beacon(story.pk, "en", "www.partner.example")
    fold_all()

    assert response.status_code == 302
    assert PartnerSite.objects.get().host == "partner.example"
    assert Referrals.objects.get().kind == "partner"


def test_a_host_that_is_not_one_is_refused_with_a_message(client, site_administrator):
    partner = PartnerFactory()
    client.force_login(site_administrator)

    response = client.post(
        "/admin/reach_partner_sites/new/", {"partner": partner.pk, "host": "http://x/y"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["host"]
    assert not PartnerSite.objects.exists()


def test_a_desk_editor_cannot_name_partners_sites(client, desk_editor):
    client.force_login(desk_editor)

    response = client.get("/admin/reach_partner_sites/new/")

    assert (response.status_code, response.get("Location")) == (302, "/admin/")
