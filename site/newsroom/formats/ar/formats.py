"""Arabic number formats for pages written with Western digits."""

# Our Arabic pages use Western digits, which CLDR's Arabic writes as 12,345.6; Django's data
# swaps the two separators and sets no grouping.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
