"""Spiders fetch and remember: they store raw pages and the frontier, and write no entity row.

Every row of authorities, requests, request_slugs, site_stats … comes from normalise, from
raw pages; a spider that wrote one too would make two owners of the same fact.
"""

from __future__ import annotations

from tests.imports import REPO, imported, offending, within

# Loaders, entity upserts and the tables themselves; db.raw_store, db.crawl_state,
# db.downloads and db.quarantine are the fetch stage's own storage.
ENTITY_WRITERS = ("db.load", "db.upsert", "db.catalogue", "db.models", "stages")


def test_no_spider_imports_loaders_or_entity_models() -> None:
    assert offending(("scraper/spiders",), ENTITY_WRITERS) == {}


def test_the_import_scan_sees_late_and_relative_imports() -> None:
    # Positive controls, so the test above cannot pass by seeing nothing.
    threadfetch = imported(REPO / "scraper/spiders/threadfetch.py")
    assert {"db.crawl_state", "db.raw_store.latest_for_request"} <= threadfetch
    importer = imported(REPO / "flows/cli/importer.py")  # imports it inside a function
    assert "stages.crawl_plan.normalise_stored" in importer


# Who may use the offline replica of the site: the CLI (``wdtk replica``, and ``wdtk demo``'s
# body in flows/demo.py), tests and benches.
REPLICA_USERS = ("flows.cli", "flows.demo", "tests", "bench")


def test_only_the_cli_tests_and_benches_import_the_replica() -> None:
    found = offending(("scraper", "pipeline", "db", "stages", "flows", "migrations"),
                      ("scraper.replica",))  # fmt: skip
    outside = {
        module: names
        for module, names in found.items()
        if not module.startswith("scraper.replica") and not within(module, REPLICA_USERS)
    }
    assert outside == {}
    assert "flows.cli.replica" in found  # the scan sees the replica's real users


def test_the_replica_imports_nothing_the_production_crawl_needs() -> None:
    crawl_only = ("scraper", "db", "stages", "flows")
    found = offending(("scraper/replica",), crawl_only)
    assert {m: [n for n in names if not within(n, ("scraper.replica",))]
            for m, names in found.items()} == {m: [] for m in found}  # fmt: skip
