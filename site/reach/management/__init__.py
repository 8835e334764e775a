"""Management commands of reach."""
