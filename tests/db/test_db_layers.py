"""``db/`` stores; the stage runners live in ``stages/``, above it.

db imports nothing from stages, flows or scraper, and no stage runner is left in db (the
modules that moved are checked by name, so one cannot come back under the old path).
"""

from __future__ import annotations

from tests.imports import REPO, offending

MOVED_TO_STAGES = (
    "normalise", "normalise_requests", "normalise_pages", "parse_workers", "parse_worker",
    "extract", "analyse", "analyse_letters", "quality", "export", "export_derived",
    "export_privacy", "export_query", "summary",
)  # fmt: skip


def test_db_imports_nothing_above_it() -> None:
    assert offending(("db",), ("stages", "flows", "scraper")) == {}


def test_no_stage_runner_is_left_in_db() -> None:
    assert sorted(m for m in MOVED_TO_STAGES if (REPO / "db" / f"{m}.py").exists()) == []
    assert all((REPO / "stages" / f"{m}.py").exists() for m in MOVED_TO_STAGES)


def test_stages_import_no_flow_and_no_spider() -> None:
    assert offending(("stages",), ("flows", "scraper.spiders", "scraper.replica")) == {}
