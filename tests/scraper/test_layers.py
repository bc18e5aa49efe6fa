"""Spiders fetch and remember: they store raw pages and the frontier, and write no entity row.

Every row of authorities, requests, request_slugs, site_stats … comes from normalise, from
raw pages; a spider that wrote one too would make two owners of the same fact. And a spider
does not even write its own storage: it yields items (scraper.items) and the item pipeline
(scraper.pipelines) commits them; what it reads comes through scraper.reader, which cannot
write.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.imports import REPO, imported, modules, offending, within

# Loaders, entity upserts and the tables themselves; db.raw_store, db.crawl_state,
# db.downloads and db.quarantine are the fetch stage's own storage.
ENTITY_WRITERS = ("db.load", "db.upsert", "db.catalogue", "db.models", "stages")
# The fetch stage's storage, written only by the item pipeline (and the WARC importer).
FETCH_STORAGE = ("db.raw_store", "db.crawl_state", "db.downloads", "db.quarantine")
WRITERS = (
    "db.raw_store.store_page", "db.raw_store.touch_page",
    "db.crawl_state.record_seen", "db.crawl_state.record_fetched", "db.crawl_state.record_gone",
    "db.crawl_state.record_failure", "db.crawl_state.record_captured", "db.crawl_state.mark_due",
    "db.downloads.record_download", "db.quarantine.record", "db.quarantine.resolve",
)  # fmt: skip
READER = REPO / "scraper/reader.py"
PIPELINE = REPO / "scraper/pipelines.py"


def test_no_spider_imports_loaders_or_entity_models() -> None:
    assert offending(("scraper/spiders",), ENTITY_WRITERS) == {}


def test_no_spider_imports_the_fetch_storage_or_its_writers() -> None:
    # Not a writer (store_page, the crawl_state and downloads writers), nor the modules that
    # hold them: reads go through scraper.reader, writes are items for the pipeline.
    assert offending(("scraper/spiders",), FETCH_STORAGE + WRITERS) == {}


def test_no_spider_and_not_the_reader_opens_a_transaction() -> None:
    # An uncommitted connection (engine.connect()) is rolled back when it closes: without
    # begin() or commit() nothing a spider or the reader does can persist.
    found = {
        str(path.relative_to(REPO)): calls
        for path in [*modules("scraper/spiders"), READER]
        if (calls := _transaction_calls(path))
    }
    assert found == {}


def test_the_reader_imports_no_writer() -> None:
    assert [n for n in imported(READER) if within(n, WRITERS)] == []
    assert {"db.crawl_state.get", "db.raw_store.latest_page"} <= imported(READER)


def test_only_the_item_pipeline_and_the_importer_write_the_fetch_storage() -> None:
    writers = offending(("scraper",), (*WRITERS, "db.raw_store", "db.crawl_state", "db.downloads"))
    # The reader imports read functions from those modules (checked above), nothing else.
    writers.pop("scraper.reader", None)
    assert sorted(writers) == ["scraper.importer", "scraper.pipelines"]


def test_the_item_pipeline_is_enabled_and_writes_in_order() -> None:
    from pipeline.config import Settings
    from scraper.politeness import scrapy_settings

    settings = scrapy_settings(Settings(database_url="sqlite://", base_url="http://127.0.0.1"))
    assert settings["ITEM_PIPELINES"] == {"scraper.pipelines.StorePipeline": 300}
    assert settings["CONCURRENT_ITEMS"] == 1  # one item of a response at a time, in order


def test_the_import_scan_sees_late_and_relative_imports() -> None:
    # Positive controls, so the tests above cannot pass by seeing nothing.
    assert {"db.crawl_state", "db.raw_store", "db.downloads"} <= imported(PIPELINE)
    threadfetch = imported(REPO / "scraper/spiders/threadfetch.py")
    assert {"scraper.items.Gone", "scraper.reader.FrontierEntry"} <= threadfetch
    importer = imported(REPO / "flows/cli/importer.py")  # imports it inside a function
    assert "stages.crawl_plan.normalise_stored" in importer
    assert _transaction_calls(PIPELINE)  # the pipeline does open transactions


def _transaction_calls(path: Path) -> list[str]:
    """``.begin()`` / ``.commit()`` / ``.begin_nested()`` calls in a module, by line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.lineno}: .{node.func.attr}()"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"begin", "commit", "begin_nested"}
    ]


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
