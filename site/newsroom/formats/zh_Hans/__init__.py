"""Number and date formats for the zh_Hans locale, where Django's own data needs completing."""
