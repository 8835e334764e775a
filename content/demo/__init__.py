"""The demo newsroom: original stories, taxonomies and people, built by ``build_demo_site``."""
