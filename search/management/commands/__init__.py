"""``search_reindex``, ``search_check`` and ``search_drain``: the index, by hand."""
