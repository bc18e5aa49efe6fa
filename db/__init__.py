"""Storage: SQLAlchemy models, engine and sessions, upserts. The one place for the schema."""
