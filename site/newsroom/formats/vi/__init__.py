"""Number and date formats for the vi locale, where Django's own data needs completing."""
