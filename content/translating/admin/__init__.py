"""The translators' admin: their queue, the side-by-side editor, review, requests and XLIFF.

Views (``views``) read the request and render; every step of the workflow is in
``content.translating.workflow``. ``wagtail_hooks`` registers the URLs (``my_translations``,
``translation_edit``, ``translation_review``, ``translation_request``,
``translation_xliff_export``, ``translation_xliff_import``), the menu item, the dashboard
panel, the page header button, the bulk action and the history's translation steps; it is
imported by ``content/wagtail_hooks.py``, the module Wagtail discovers. Outside code reaches
the admin by these URL names, not by importing it.
"""
