"""Template tags of reach."""
