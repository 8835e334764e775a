"""Feeds label topics, regions and units in the feed's language, or in the frame's fallback.

A Chinese feed whose topic has no Chinese name carries its English name, never the
Vietnamese one; an Arabic feed carries the Arabic name the topic has.
"""

import feedparser
import pytest

pytestmark = pytest.mark.django_db


def categories(client, url):
    response = client.get(url)
    assert response.status_code == 200
    (entry,) = [e for e in feedparser.parse(response.content).entries if e.tags]
    return {tag.term for tag in entry.tags}


def test_an_arabic_feed_labels_terms_in_arabic_or_english(client, wire):
    assert categories(client, "/ar/feeds/all.rss") == {"التجارة", "ASEAN"}


def test_a_chinese_feed_labels_terms_without_chinese_names_in_english(client, wire):
    labels = categories(client, "/zh-hans/feeds/all.rss")
    assert labels == {"Trade", "ASEAN"}
    assert "Thương mại" not in labels
