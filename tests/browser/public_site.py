"""The public site the browser tests visit: a story in five languages and every page type.

Vietnamese and English (Latin script, with diacritics), Arabic (right to left), Simplified
Chinese and Japanese: the languages whose layout and fonts differ most.
"""

from dataclasses import dataclass

from django.utils.translation import override
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from content.models import ArticleByline, RegionIndexPage
from tests.factories import (
    AuthorFactory,
    MinistryUnitFactory,
    OfficialDocumentFactory,
    RegionFactory,
    TopicFactory,
    TopicIndexPageFactory,
    UnitIndexPageFactory,
)
from tests.factories.stories import published_story

LANGUAGES = ("vi", "en", "ar", "zh-hans", "ja")
DOCUMENT_NUMBER = "41/2025/TT-BCT"

STORY_TEXTS = {
    "vi": (
        "Thông tư 41/2025/TT-BCT hướng dẫn xuất xứ hàng hóa trong EVFTA",
        "Thông tư 41/2025/TT-BCT có hiệu lực từ ngày 1 tháng 1 năm 2026.",
    ),
    "en": (
        "Circular 41/2025/TT-BCT explains rules of origin under the EVFTA",
        "Circular 41/2025/TT-BCT takes effect on 1 January 2026.",
    ),
    "ar": (
        "التعميم 41/2025/TT-BCT يشرح قواعد المنشأ في اتفاقية EVFTA",
        "يدخل التعميم 41/2025/TT-BCT حيز التنفيذ في 1 يناير 2026، وفق القرار 164/NQ-CP.",
    ),
    "zh_hans": (
        "第41/2025/TT-BCT号通知解读EVFTA原产地规则",
        "第41/2025/TT-BCT号通知自2026年1月1日起施行。",
    ),
    "ja": (
        "通達41/2025/TT-BCT、EVFTAの原産地規則を解説",
        "通達41/2025/TT-BCTは2026年1月1日に施行される。",
    ),
}


@dataclass
class PublicSite:
    """The pages built, and their paths in a language."""

    home: object
    section: object
    story: object
    topics: object
    regions: object
    units: object
    topic: object
    region: object
    unit: object

    def pages(self, language: str) -> dict[str, str]:
        """Path of each public page type in ``language``."""
        with override(language):
            return {
                "home": self.home.get_url(),
                "section": self.section.get_url(),
                "topic": f"{self.topics.get_url()}{self.topic.slug}/",
                "region": f"{self.regions.get_url()}{self.region.slug}/",
                "unit": f"{self.units.get_url()}{self.unit.slug}/",
                "article": self.story.get_url(),
                "search": f"/{language}/search/?q=EVFTA",
                "feeds": f"/{language}/feeds/",
                "not found": f"/{language}/no-such-page/",
            }


def build_public_site(home, section) -> PublicSite:
    topics = TopicIndexPageFactory(parent=home)
    units = UnitIndexPageFactory(parent=home)
    regions = home.add_child(
        instance=RegionIndexPage(
            title="Khu vực", title_en="Regions", slug="khu-vuc", slug_en="regions"
        )
    )
    topic, region = TopicFactory(slug="trade"), RegionFactory(slug="europe")
    unit = MinistryUnitFactory(slug="import-export")
    document = OfficialDocumentFactory(kind="circular", number=DOCUMENT_NUMBER)
    image = ImageFactory(file=get_test_image_file(size=(1600, 900)), title="Port")
    alt_texts = {
        f"hero_alt_text_{language}": alt
        for language, alt in {
            "vi": "Container xếp chồng ở cảng Hải Phòng",
            "en": "Containers stacked at Hai Phong port",
            "ar": "حاويات مكدسة في ميناء هاي فونغ",
            "zh_hans": "海防港堆放的集装箱",
            "ja": "ハイフォン港に積まれたコンテナ",
        }.items()
    }
    story = published_story(section, STORY_TEXTS, hero_image=image, lead_unit=unit, **alt_texts)
    story.topics.add(topic)
    story.regions.add(region)
    story.documents.add(document)
    story.tags.add("rules-of-origin")
    ArticleByline.objects.create(page=story, author=AuthorFactory(name="Nguyễn Thu Hà"))
    story.save_revision().publish()
    return PublicSite(home, section, story, topics, regions, units, topic, region, unit)
