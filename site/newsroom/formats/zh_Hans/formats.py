"""Simplified Chinese number formats: thousands grouped by three."""

# Simplified Chinese writes 12,345 (CLDR); Django's data groups by four with no separator.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
