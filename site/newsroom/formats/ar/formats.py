"""Arabic number and date formats for pages written with Western digits."""

# Our Arabic pages use Western digits, which CLDR's Arabic writes as 12,345.6; Django's data
# swaps the two separators and sets no grouping.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# One date for every place a page shows one: CLDR's long Arabic date (d MMMM y), without
# the Latin comma Django's default datetime puts after the day ("نوفمبر 29, 2026") nor the
# Arabic comma its date format puts before the year. The time follows after an Arabic comma.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
