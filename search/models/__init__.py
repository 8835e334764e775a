"""The models of search: the index outbox, partners and their tokens, syndication settings."""

from search.models.outbox import IndexChange, IndexChangeQuerySet
from search.models.partners import Partner, PartnerToken
from search.models.syndication import SyndicationSettings

__all__ = ["IndexChange", "IndexChangeQuerySet", "Partner", "PartnerToken", "SyndicationSettings"]
