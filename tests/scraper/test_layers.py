"""Spiders fetch and remember: they store raw pages and the frontier, and write no entity row.

Every row of authorities, requests, request_slugs, site_stats … comes from normalise, from
raw pages; a spider that wrote one too would make two owners of the same fact.
"""

from __future__ import annotations

from tests.imports import REPO, imported, offending

# Loaders, entity upserts and the tables themselves; db.raw_store, db.crawl_state,
# db.downloads and db.quarantine are the fetch stage's own storage.
ENTITY_WRITERS = ("db.load", "db.upsert", "db.catalogue", "db.models", "db.normalise", "stages")


def test_no_spider_imports_loaders_or_entity_models() -> None:
    assert offending(("scraper/spiders",), ENTITY_WRITERS) == {}


def test_the_import_scan_sees_late_and_relative_imports() -> None:
    # Positive controls, so the test above cannot pass by seeing nothing.
    threadfetch = imported(REPO / "scraper/spiders/threadfetch.py")
    assert {"db.crawl_state", "db.raw_store.latest_for_request"} <= threadfetch
    launch = imported(REPO / "scraper/launch.py")  # imports normalise inside a function
    assert any(name.endswith(".normalise") for name in launch)
