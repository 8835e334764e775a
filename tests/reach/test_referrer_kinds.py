"""Referring sites are told apart by their host: search, social, feed readers, partners."""

import pytest

from reach.referrers import DIRECT, INTERNAL, ReferrerKind, referrer_kind


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("www.google.com", ReferrerKind.SEARCH),
        ("www.google.com.vn", ReferrerKind.SEARCH),
        ("yandex.ru", ReferrerKind.SEARCH),
        ("search.naver.com", ReferrerKind.SEARCH),
        ("coccoc.com", ReferrerKind.SEARCH),
        ("l.facebook.com", ReferrerKind.SOCIAL),
        ("t.co", ReferrerKind.SOCIAL),
        ("zalo.me", ReferrerKind.SOCIAL),
        ("www.inoreader.com", ReferrerKind.FEED_READER),
        ("googleblog.example.org", ReferrerKind.OTHER),
        ("notfacebook.com", ReferrerKind.OTHER),
        (DIRECT, ReferrerKind.DIRECT),
        (INTERNAL, ReferrerKind.INTERNAL),
    ],
)
def test_a_host_is_of_the_kind_of_site_it_belongs_to(host, kind):
    assert referrer_kind(host) == kind


def test_a_partners_site_is_a_partner_with_or_without_www():
    partners = frozenset({"baoquocte.example"})

    assert referrer_kind("www.baoquocte.example", partners) == ReferrerKind.PARTNER
    assert referrer_kind("baoquocte.example", partners) == ReferrerKind.PARTNER
