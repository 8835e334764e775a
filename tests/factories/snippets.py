"""Factories for the newsroom's snippets."""

import datetime

import factory
from factory.django import DjangoModelFactory

from content.models import Author, MinistryUnit, OfficialDocument, Region, Topic


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    name_vi = factory.Sequence(lambda n: f"Chủ đề {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    name_vi = factory.Sequence(lambda n: f"Khu vực {n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class MinistryUnitFactory(DjangoModelFactory):
    class Meta:
        model = MinistryUnit

    name_vi = factory.Sequence(lambda n: f"Vụ {n}")
    name_en = factory.Sequence(lambda n: f"Department {n}")
    slug = factory.Sequence(lambda n: f"unit-{n}")


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Faker("name", locale="vi_VN")
    role_vi = "Phóng viên"
    role_en = "Reporter"


class OfficialDocumentFactory(DjangoModelFactory):
    class Meta:
        model = OfficialDocument

    kind = "decision"
    number = factory.Sequence(lambda n: f"{1000 + n}/QD-BCT")
    title_vi = factory.Sequence(lambda n: f"Quyết định số {n}")
    title_en = factory.Sequence(lambda n: f"Decision No. {n}")
    issuing_body_vi = "Bộ Công Thương"
    issuing_body_en = "Ministry of Industry and Trade"
    date_signed = datetime.date(2025, 3, 14)
