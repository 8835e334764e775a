"""Serving rendered feeds cheaply: cached bodies, strong ETags, conditional GET and gzip."""

import gzip
import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

POLL_SECONDS = 60


@dataclass(frozen=True)
class RenderedFeed:
    """A feed rendered once and cached: its body, gzipped body, ETag and Last-Modified."""

    body: bytes
    gzipped: bytes
    content_type: str
    etag: str  # of the identity body; the gzipped body's tag adds "-gzip"
    last_modified: datetime
    items: int = 0  # how many stories it delivers, for reach's counts

    @classmethod
    def of(
        cls, body: bytes, content_type: str, last_modified: datetime, items: int = 0
    ) -> "RenderedFeed":
        return cls(
            body=body,
            gzipped=gzip.compress(body, compresslevel=6, mtime=0),
            content_type=content_type,
            etag=hashlib.sha256(body).hexdigest()[:32],
            last_modified=last_modified,
            items=items,
        )


def accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def feed_response(request: HttpRequest, feed: RenderedFeed, private: bool) -> HttpResponse:
    """The feed, or 304 when the client's copy is current. Headers are the same on both."""
    compressed = accepts_gzip(request)
    response = HttpResponse(
        feed.gzipped if compressed else feed.body, content_type=feed.content_type
    )
    etag = f'"{feed.etag}-gzip"' if compressed else f'"{feed.etag}"'
    if compressed:
        response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(feed.last_modified.timestamp())
    response["Cache-Control"] = f"{'private' if private else 'public'}, max-age={POLL_SECONDS}"
    patch_vary_headers(response, ["Accept-Encoding", "Authorization", "X-Partner-Token"])
    not_modified = get_conditional_response(
        request,
        etag=etag,
        last_modified=int(feed.last_modified.timestamp()),
        response=response,
    )
    return not_modified or response
