"""Storage: SQLAlchemy models (the one place for the schema), engine, upserts and the loaders
that write records as rows (each source only its own columns), the raw store, the crawl and
download frontiers, quarantine, views and queries, migrations. No stage runs here (those are
``stages``'), and nothing here imports ``stages``, ``flows`` or ``scraper``."""
