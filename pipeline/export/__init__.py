"""Dataset writers: CSV, JSON Lines, Parquet, a standalone SQLite file, the Frictionless data
package, Datasette metadata and the Markdown data dictionary. No database, no network: they take
resource schemas and batches of row tuples."""
