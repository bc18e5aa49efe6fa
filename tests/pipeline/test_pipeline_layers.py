"""``pipeline`` is pure: no database, no orchestration, no fetching, nothing above it."""

from __future__ import annotations

from tests.imports import offending


def test_pipeline_imports_no_storage_fetching_or_orchestration() -> None:
    above = ("db", "stages", "flows", "scraper", "sqlalchemy", "prefect", "scrapy")
    assert offending(("pipeline",), above) == {}
