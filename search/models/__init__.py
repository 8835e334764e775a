"""The models of search: the index outbox, rendered bodies, partners, syndication settings."""

from search.models.outbox import IndexChange, IndexChangeQuerySet
from search.models.partners import Partner, PartnerToken
from search.models.rendered_body import RenderedBody
from search.models.syndication import SyndicationSettings

__all__ = [
    "IndexChange",
    "IndexChangeQuerySet",
    "Partner",
    "PartnerToken",
    "RenderedBody",
    "SyndicationSettings",
]
