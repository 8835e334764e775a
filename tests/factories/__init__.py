"""Factories for every model the tests build. Import them from ``tests.factories``."""

from tests.factories.pages import (
    ArticlePageFactory,
    HomePageFactory,
    SectionPageFactory,
    TopicIndexPageFactory,
    UnitIndexPageFactory,
    ensure_tree_roots,
)
from tests.factories.partners import PartnerFactory
from tests.factories.snippets import (
    AuthorFactory,
    MinistryUnitFactory,
    OfficialDocumentFactory,
    RegionFactory,
    TopicFactory,
)
from tests.factories.users import UserFactory

__all__ = [
    "ArticlePageFactory",
    "AuthorFactory",
    "HomePageFactory",
    "MinistryUnitFactory",
    "OfficialDocumentFactory",
    "PartnerFactory",
    "RegionFactory",
    "SectionPageFactory",
    "TopicFactory",
    "TopicIndexPageFactory",
    "UnitIndexPageFactory",
    "UserFactory",
    "ensure_tree_roots",
]
