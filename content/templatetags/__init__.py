"""Template tags and filters of content's own templates (blocks and includes)."""
