"""Template tags: ``search_tags`` (related stories), ``feed_tags`` (feed links)."""
