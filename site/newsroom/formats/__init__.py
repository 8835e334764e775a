"""Number formats where Django's locale data leaves digits ungrouped or differs from CLDR.

Django looks here first (FORMAT_MODULE_PATH) and falls back to its own formats for anything
not set, so each module holds only the settings it corrects.
"""
