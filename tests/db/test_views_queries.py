"""Every example query in docs/queries.md runs, on the engine it is written for."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from pipeline.export.datasette import CANNED_QUERIES
from tests.export_fixtures import populate

DOC = Path(__file__).resolve().parents[2] / "docs" / "queries.md"
HEADERS = {
    "-- PostgreSQL": "postgresql",
    "-- SQLite (the pipeline database or the export)": "sqlite",
}


def _statements() -> list[tuple[str | None, str]]:
    """(dialect or None for both, SQL) for each statement of the doc's sql blocks."""
    out: list[tuple[str | None, str]] = []
    for block in re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S):
        dialect: str | None = None
        for chunk in block.split(";"):
            lines = [line for line in chunk.strip().splitlines()]
            while lines and lines[0].startswith("--"):
                header = lines.pop(0).strip()
                dialect = HEADERS.get(header, "export" if "export" in header else dialect)
            if lines:
                out.append((dialect, "\n".join(lines)))
    return out


STATEMENTS = _statements()


def test_the_doc_has_examples_for_both_engines() -> None:
    assert {d for d, _ in STATEMENTS} >= {None, "postgresql", "sqlite"}


def _run(engine: Engine, sql: str) -> None:
    populate(engine)
    with engine.connect() as conn:
        conn.execute(text(sql)).all()


def _for(dialect: str | None) -> list[str]:
    return [sql for d, sql in STATEMENTS if d == dialect]


@pytest.mark.parametrize("sql", _for(None))
def test_portable_example_runs_on_both_engines(engine: Engine, sql: str) -> None:
    _run(engine, sql)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("sql", _for("postgresql"))
def test_postgresql_example_runs(engine: Engine, sql: str) -> None:
    _run(engine, sql)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("sql", _for("sqlite"))
def test_sqlite_example_runs(engine: Engine, sql: str) -> None:
    _run(engine, sql)


def test_council_question_names_birmingham(engine: Engine) -> None:
    populate(engine)
    council = next(
        sql
        for dialect, sql in STATEMENTS
        if dialect == engine.dialect.name and "local_council" in sql
    )
    with engine.connect() as conn:
        rows = conn.execute(text(council)).all()
    assert [(r.authority_name, r.reviews_overturned) for r in rows] == [
        ("Birmingham City Council", 2)
    ]


@pytest.fixture
def exported_sqlite(engine: Engine, tmp_path: Path) -> Path:
    from db.export import ExportOptions, export_dataset

    populate(engine)
    options = ExportOptions(out_dir=tmp_path / "out", formats=("sqlite",), pseudonym_key="k")
    return export_dataset(engine, options).path / "wdtk.sqlite"


@pytest.mark.parametrize(
    ("dialect", "sql"),
    [(d, s) for d, s in STATEMENTS if d in ("export", "sqlite", None)],
    ids=lambda value: value if value in ("export", "sqlite") else None,
)
def test_example_query_runs_on_the_exported_sqlite(
    exported_sqlite: Path, dialect: str | None, sql: str
) -> None:
    conn = sqlite3.connect(exported_sqlite)
    conn.execute(sql).fetchall()


@pytest.mark.parametrize("name", sorted(CANNED_QUERIES))
def test_datasette_canned_query_runs_on_the_export(exported_sqlite: Path, name: str) -> None:
    conn = sqlite3.connect(exported_sqlite)
    conn.execute(CANNED_QUERIES[name]["sql"], {"q": "sprinkler"}).fetchall()
