"""What editors make: pages, snippets, blocks and the editorial workflow.

This app never imports ``search`` or ``newsroom``: the floors above learn about
publishing through Wagtail's signals.
"""
