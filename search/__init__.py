"""Finding and syndicating stories: reader search now; Elasticsearch documents and feeds next."""
