"""Finding and syndicating stories: the index, reader search, and syndication.

Subpackages: ``index`` (Elasticsearch indices, documents, the outbox), ``reader`` (reader
search and its database fallback), ``syndication`` (feeds, WebSub, sitemaps, partners).
Dependencies point one way: syndication → reader → index. At the root, the app's wiring
may import any of them: models, signal handlers, tasks, admin hooks, template tags,
management commands.
"""
