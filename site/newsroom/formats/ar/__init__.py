"""Number and date formats for the ar locale, where Django's own data needs completing."""
