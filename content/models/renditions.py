"""Renditions that a lost original image cannot turn into an error page or a stale index."""

import logging

from wagtail.images.models import AbstractImage, AbstractRendition, SourceImageIOError

logger = logging.getLogger(__name__)


def rendition_or_none(image: AbstractImage | None, spec: str) -> AbstractRendition | None:
    """``image``'s rendition to ``spec``; None (logged) when its original file is missing.

    Wagtail's ``{% image %}`` tag forgives a missing original the same way; code that asks
    for renditions directly (search hits, index documents, feeds) must too.
    """
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except SourceImageIOError:
        logger.warning("Image %s (%s) has lost its original file", image.pk, image.file.name)
        return None
