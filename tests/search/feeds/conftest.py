"""A small wire of stories in several languages, indexed on the real node, for feed tests."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from search.models import PartnerToken
from tests.factories import (
    AuthorFactory,
    MinistryUnitFactory,
    OfficialDocumentFactory,
    PartnerFactory,
    RegionFactory,
    TopicFactory,
)
from tests.factories.stories import published_story


@pytest.fixture
def locmem_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "feeds"}
    }
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def wire(search_index, section, other_section, refresh):
    trade = TopicFactory(slug="trade", name="Thương mại", name_en="Trade", name_ar="التجارة")
    asean = RegionFactory(slug="asean", name="ASEAN", name_en="ASEAN")
    unit = MinistryUnitFactory(slug="europe-department", name="Vụ Châu Âu", name_en="Europe Dept")
    resolution = OfficialDocumentFactory(
        kind="resolution", number="47/NQ-CP", title_en="Resolution on export markets"
    )
    image = ImageFactory(file=get_test_image_file(size=(1600, 900)), title="Port")
    coffee = published_story(
        section,
        {
            "vi": ("Cà phê Việt Nam vào thị trường Pháp", "Cà phê robusta được ưa chuộng."),
            "en": ("Vietnamese coffee reaches French shelves", "Robusta coffee wins buyers."),
            "ar": ("القهوة الفيتنامية تصل إلى فرنسا", "قهوة روبوستا تكسب المشترين."),
            "zh_hans": ("越南咖啡进入法国市场", "罗布斯塔咖啡受到欢迎。"),
        },
        days_ago=1,
        hero_image=image,
        hero_alt_text="Container ship at the port",
        hero_alt_text_en="Container ship at the port",
        hero_credit="Ministry photo",
        lead_unit=unit,
        source_name="Le Journal du Commerce",
        source_url="https://journal.example/cafe",
    )
    coffee.topics.add(trade)
    coffee.regions.add(asean)
    coffee.documents.add(resolution)
    coffee.tags.add("coffee")
    coffee.bylines.create(author=AuthorFactory(name="Lê Minh Anh"))
    coffee.save_revision().publish()
    rice = published_story(
        other_section,
        {
            "vi": ("Gạo Việt Nam sang Philippines", "Xuất khẩu gạo tăng."),
            "en": ("Rice exports to the Philippines climb", "Rice \x0bshipments\x08 rose."),
        },
        days_ago=2,
    )
    vietnamese_only = published_story(
        section, {"vi": ("Hội nghị xúc tiến thương mại", "Chỉ có tiếng Việt.")}, days_ago=3
    )
    embargoed = published_story(
        section,
        {
            "vi": ("Thông cáo: Hiệp định mới", "Nội dung bị cấm vận."),
            "en": ("Press release: a new agreement", "Embargoed body text."),
        },
        days_ago=0,
        kind="press_release",
        embargoed_until=timezone.now() + timedelta(hours=6),
    )
    refresh()
    return {
        "coffee": coffee,
        "rice": rice,
        "vietnamese_only": vietnamese_only,
        "embargoed": embargoed,
        "topic": trade,
        "region": asean,
        "unit": unit,
        "image": image,
    }


@pytest.fixture
def partner_token(db):
    """(partner, secret) of an English and French partner with full text, no embargoes."""

    def issue(**fields):
        partner = PartnerFactory(**fields)
        _token, secret = PartnerToken.issue(partner, "Wire desk")
        return partner, secret

    return issue
