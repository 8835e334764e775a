"""Syndication: feeds of stories per language and selection, for readers and partners."""
