"""The feed formats: RSS 2.0, Atom 1.0, JSON Feed 1.1 and IPTC ninjs 2.1."""
