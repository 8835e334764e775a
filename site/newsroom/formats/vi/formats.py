"""Vietnamese number formats: thousands grouped with a dot."""

# Vietnamese groups thousands with a dot (12.345); Django's data sets the dot but no grouping.
NUMBER_GROUPING = 3
