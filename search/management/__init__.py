"""Management commands of search."""
