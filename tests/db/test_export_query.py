"""Published resources follow the models: every column described, the dictionary current."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from db.engine import make_engine
from db.migrate import upgrade
from db.models import metadata
from pipeline.export.dictionary import render_dictionary
from stages.export_derived import DERIVED
from stages.export_query import EXPORTED, INTERNAL_COLUMNS, ReadOptions, all_schemas, sources

REPO = Path(__file__).resolve().parents[2]


def test_data_dictionary_is_current() -> None:
    current = (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert current == render_dictionary(all_schemas()), (
        "docs/data-dictionary.md is stale: run `wdtk data-dictionary --write`"
    )


@pytest.mark.parametrize("table", sorted(EXPORTED))
def test_every_model_column_is_published_except_internal_ones(table: str) -> None:
    schema = next(s for s in all_schemas() if s.name == table)
    derived = {d.field.name for d in DERIVED.get(table, ())}
    expected = [
        c.name
        for c in metadata.tables[table].columns
        if c.name not in INTERNAL_COLUMNS.get(table, ())
    ]
    assert [name for name in schema.field_names if name not in derived] == expected


def test_letters_publish_both_lists_of_provisions_beside_the_outcome() -> None:
    letters = next(s for s in all_schemas() if s.name == "letter_analyses")
    names = list(letters.field_names)
    at = names.index("outcome_confidence")
    assert names[at + 1 : at + 3] == ["provisions", "provisions_cited"]
    assert {f.type for f in letters.fields if f.name.startswith("provisions")} == {"json"}


def test_crawl_bookkeeping_is_not_published() -> None:
    names = {s.name for s in all_schemas()}
    assert not names & {
        "raw_pages",
        "crawl_state",
        "crawl_runs",
        "pipeline_settings",
        "export_runs",
    }


def test_pseudonymised_columns_say_so() -> None:
    requesters = next(s for s in all_schemas() if s.name == "requesters")
    name = next(f for f in requesters.fields if f.name == "name")
    assert name.description.endswith(
        "Replaced by the requester's pseudonym unless the export used --include-names."
    )


@pytest.mark.parametrize("name", ["requests", "messages", "request_events"])
def test_sqlite_is_told_visible_requests_are_the_rule(name: str) -> None:
    query = next(s for s in sources() if s.schema.name == name).query(ReadOptions())
    sqlite_sql = str(query.compile(dialect=sqlite.dialect()))
    postgres_sql = str(query.compile(dialect=postgresql.dialect()))
    assert "WHERE likely(requests.visibility IN (" in sqlite_sql
    assert "likely" not in postgres_sql
    assert "WHERE requests.visibility IN (" in postgres_sql


def test_sqlite_reads_in_key_order_without_sorting(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'plan.sqlite3'}")
    upgrade(engine)
    with engine.connect() as conn:
        for source in sources():
            if source.schema.kind == "view":
                continue
            query = source.query(ReadOptions()).compile(
                dialect=engine.dialect, compile_kwargs={"literal_binds": True}
            )
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}").all()
            assert not [p for p in plan if "TEMP B-TREE" in p[-1]], (source.schema.name, plan)
    engine.dispose()
