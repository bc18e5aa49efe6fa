"""`export_dataset` end to end on both engines: round trips, privacy, increments, the package."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from db.base import utcnow
from db.models import ExportRun, Message, PipelineSetting, Request
from pipeline.export import versions
from pipeline.export.schema import parse_text
from pipeline.pseudonym import pseudonym
from stages.export import ExportError, ExportOptions, export_dataset, parse_formats, watermark
from stages.export_query import ENTITIES, INTERNAL_COLUMNS
from tests.export_fixtures import (
    EXTERNAL_ID,
    EXTERNAL_NAME,
    HIDDEN_ID,
    HIDDEN_MESSAGE_ID,
    NAMES,
    incoming_id,
    outgoing_id,
    populate,
)

KEY = "export-test-key"
PERSONAL = (*NAMES, *NAMES.values(), EXTERNAL_NAME)


@pytest.fixture
def corpus(engine: Engine) -> Engine:
    populate(engine)
    return engine


def _export(engine: Engine, out: Path, **kwargs: Any) -> Any:
    kwargs.setdefault("pseudonym_key", KEY)
    return export_dataset(engine, ExportOptions(out_dir=out, **kwargs))


def _published_db_rows(engine: Engine, table_name: str) -> list[tuple]:
    """What the database holds for a resource, hidden request excluded, internal columns not."""
    table = next(e.table for e in ENTITIES if e.table.name == table_name)
    columns = [c for c in table.columns if c.name not in INTERNAL_COLUMNS.get(table_name, ())]
    with engine.connect() as conn:
        rows = conn.execute(select(*columns).order_by(*table.primary_key.columns)).all()
    names = [c.name for c in columns]
    key = "id" if table_name == "requests" else "request_id"
    if key in table.c:
        rows = [r for r in rows if r[names.index(key)] != HIDDEN_ID]
    return [_withheld(table_name, dict(zip(names, r, strict=True))) for r in rows]


def _withheld(table_name: str, row: dict[str, Any]) -> tuple:
    """The row as published: content the site hid is not republished."""
    if table_name == "messages" and row["prominence"] != "normal":
        row["body_text"] = row["quoted_text"] = None
    if table_name == "attachments" and (row["hidden"] or row["erased"]):
        row["text"] = None
    return tuple(row.values())


def _csv_rows(folder: Path, name: str, engine_rows_types: list[str]) -> list[tuple]:
    with (folder / "csv" / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        return [
            tuple(parse_text(cell, t) for cell, t in zip(row, engine_rows_types, strict=True))  # type: ignore[arg-type]
            for row in reader
        ]


def _types(folder: Path, name: str) -> list[str]:
    package = json.loads((folder / "datapackage.json").read_text())
    resource = next(r for r in package["resources"] if r["name"] == name)
    pq_types = pq.read_schema(folder / "parquet" / f"{name}.parquet")
    return [
        pq_types.field(f["name"]).metadata[b"type"].decode() for f in resource["schema"]["fields"]
    ]


ROUND_TRIPPED = ("authorities", "requests", "messages", "attachments", "request_analyses")


@pytest.mark.parametrize("name", ROUND_TRIPPED)
def test_parquet_values_equal_the_database(corpus: Engine, tmp_path: Path, name: str) -> None:
    result = _export(corpus, tmp_path, formats=("parquet", "csv"), include_names=True)
    types = _types(result.path, name)
    table = pq.read_table(result.path / "parquet" / f"{name}.parquet")
    rows = [
        tuple(
            json.loads(v) if t == "json" and v is not None else v
            for v, t in zip(r.values(), types, strict=True)
        )
        for r in table.to_pylist()
    ]
    assert rows == _published_db_rows(corpus, name)


@pytest.mark.parametrize("name", ROUND_TRIPPED)
def test_csv_values_equal_the_database(corpus: Engine, tmp_path: Path, name: str) -> None:
    result = _export(corpus, tmp_path, formats=("parquet", "csv"), include_names=True)
    assert _csv_rows(result.path, name, _types(result.path, name)) == _published_db_rows(
        corpus, name
    )


def test_row_counts_are_recorded_per_resource(corpus: Engine, tmp_path: Path) -> None:
    result = _export(corpus, tmp_path, formats=("parquet",))
    for entity in ENTITIES:
        name = entity.table.name
        assert result.row_counts[name] == len(_published_db_rows(corpus, name)), name


def test_duckdb_and_pandas_read_the_files(corpus: Engine, tmp_path: Path) -> None:
    result = _export(corpus, tmp_path, formats=("parquet", "csv"))
    parquet = str(result.path / "parquet" / "messages.parquet")
    count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchall()[0]
    frame = pd.read_csv(result.path / "csv" / "messages.csv")
    assert count == (result.row_counts["messages"],)
    assert len(frame) == result.row_counts["messages"]


def test_hidden_request_is_in_no_resource(corpus: Engine, tmp_path: Path) -> None:
    result = _export(corpus, tmp_path, formats=("jsonl",))
    for path in (result.path / "jsonl").glob("*.jsonl"):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            assert HIDDEN_ID not in (row.get("request_id"), row.get("id")), path.name


def _all_text(folder: Path) -> str:
    parts = [
        p.read_text(encoding="utf-8")
        for p in folder.rglob("*")
        if p.suffix in (".csv", ".jsonl", ".json")
    ]
    parts += [str(pq.read_table(p).to_pylist()) for p in folder.rglob("*.parquet")]
    parts += list(sqlite3.connect(folder / "wdtk.sqlite").iterdump())
    return "\n".join(parts)


def test_default_export_names_nobody(corpus: Engine, tmp_path: Path) -> None:
    text = _all_text(_export(corpus, tmp_path).path).lower()
    assert [name for name in PERSONAL if name.lower() in text] == []


def test_include_names_keeps_them(corpus: Engine, tmp_path: Path) -> None:
    folder = _export(corpus, tmp_path, formats=("csv",), include_names=True).path
    assert "Joe Bloggs" in (folder / "csv" / "requesters.csv").read_text()


def test_requests_link_to_requesters_by_pseudonym(corpus: Engine, tmp_path: Path) -> None:
    folder = _export(corpus, tmp_path, formats=("jsonl",)).path
    requests = [
        json.loads(x) for x in (folder / "jsonl" / "requests.jsonl").read_text().splitlines()
    ]
    first = next(r for r in requests if r["id"] == 100001)
    external = next(r for r in requests if r["id"] == EXTERNAL_ID)
    assert first["requester_url_name"] == pseudonym(KEY, "joe_bloggs")
    assert external["external_requester_name"] == pseudonym(KEY, EXTERNAL_NAME)


def test_outgoing_author_and_signature_become_the_pseudonym(corpus: Engine, tmp_path: Path) -> None:
    folder = _export(corpus, tmp_path, formats=("jsonl",)).path
    lines = (folder / "jsonl" / "messages.jsonl").read_text().splitlines()
    message = next(m for m in map(json.loads, lines) if m["id"] == outgoing_id(100001))
    label = pseudonym(KEY, "joe_bloggs")
    assert message["author"] == label
    assert message["body_text"].endswith(f"Yours faithfully,\n\n{label}")


def test_key_is_generated_once_and_kept(corpus: Engine, tmp_path: Path) -> None:
    first = _export(corpus, tmp_path / "a", formats=("csv",), pseudonym_key=None).path
    second = _export(corpus, tmp_path / "b", formats=("csv",), pseudonym_key=None).path
    with corpus.connect() as conn:
        key = conn.execute(select(PipelineSetting.value)).scalar_one()
    text = (first / "csv" / "requesters.csv").read_text()
    assert pseudonym(key, "joe_bloggs") in text
    assert text == (second / "csv" / "requesters.csv").read_text()


def test_export_is_recorded_and_latest_points_at_it(corpus: Engine, tmp_path: Path) -> None:
    result = _export(corpus, tmp_path, formats=("csv",))
    with corpus.connect() as conn:
        run = conn.execute(select(ExportRun.__table__)).one()
        assert watermark(conn, tmp_path) == run.started_at
    assert (run.version, run.path, run.incremental) == (result.version, str(result.path), False)
    assert run.row_counts == result.row_counts
    assert versions.latest(tmp_path) == result.path


def _change_after_export(engine: Engine) -> None:
    now = utcnow()
    with engine.begin() as conn:
        conn.execute(
            update(Message)
            .where(Message.kind == "incoming", Message.id == incoming_id(100001))
            .values(body_text="Corrected response.", last_changed_at=now)
        )
        conn.execute(
            update(Request)
            .where(Request.id == 100002)
            .values(
                visibility="removed",
                hidden_at=datetime(2026, 1, 5, tzinfo=UTC),
                last_changed_at=now,
            )
        )


def test_incremental_export_holds_only_changed_rows(corpus: Engine, tmp_path: Path) -> None:
    first = _export(corpus, tmp_path, formats=("jsonl",))
    _change_after_export(corpus)
    second = _export(corpus, tmp_path, formats=("jsonl",), incremental=True)
    assert (second.incremental, second.since) == (True, first_started(corpus, first.version))
    lines = (second.path / "jsonl" / "messages.jsonl").read_text().splitlines()
    assert [(m["id"], m["body_text"]) for m in map(json.loads, lines)] == [
        (incoming_id(100001), "Corrected response.")
    ]
    assert (second.row_counts["requests"], second.row_counts["authorities"]) == (0, 0)


def first_started(engine: Engine, version: str) -> datetime:
    with engine.connect() as conn:
        return conn.execute(
            select(ExportRun.started_at).where(ExportRun.version == version)
        ).scalar_one()


def test_incremental_export_tombstones_a_removed_request(corpus: Engine, tmp_path: Path) -> None:
    _export(corpus, tmp_path, formats=("csv",))
    _change_after_export(corpus)
    second = _export(corpus, tmp_path, formats=("csv",), incremental=True)
    with (second.path / "csv" / "tombstones.csv").open(newline="") as handle:
        rows = {(r["entity"], r["key"]) for r in csv.DictReader(handle)}
    assert {
        ("requests", "100002"),
        ("messages", f"incoming/{incoming_id(100002)}"),
        ("messages", f"outgoing/{outgoing_id(100002)}"),
        ("internal_reviews", "100002/1"),
        ("letter_analyses", f"incoming/{incoming_id(100002)}/0"),
    } <= rows
    assert all(key.split("/")[0] != "100001" for _, key in rows)


def test_full_export_has_no_tombstones(corpus: Engine, tmp_path: Path) -> None:
    assert _export(corpus, tmp_path, formats=("csv",)).row_counts["tombstones"] == 0


def test_content_the_site_hid_is_not_republished(corpus: Engine, tmp_path: Path) -> None:
    text = _all_text(_export(corpus, tmp_path, include_names=True).path)
    assert ("07700 900123" in text, "07700 900456" in text) == (False, False)


def test_hidden_message_keeps_its_row_and_notice(corpus: Engine, tmp_path: Path) -> None:
    folder = _export(corpus, tmp_path, formats=("jsonl",)).path
    lines = (folder / "jsonl" / "messages.jsonl").read_text().splitlines()
    message = next(m for m in map(json.loads, lines) if m["id"] == HIDDEN_MESSAGE_ID)
    assert (message["body_text"], message["hidden_notice"]) == (
        None,
        "This message has been hidden.",
    )


def test_sqlite_export_searches_message_text(corpus: Engine, tmp_path: Path) -> None:
    folder = _export(corpus, tmp_path, formats=("sqlite",)).path
    conn = sqlite3.connect(folder / "wdtk.sqlite")
    hits = conn.execute(
        "SELECT messages.id FROM messages_fts JOIN messages ON messages.rowid = messages_fts.rowid "
        "WHERE messages_fts MATCH 'sprinkler' ORDER BY messages.id"
    ).fetchall()
    assert hits == [(9002,)]


def test_failed_export_leaves_no_folder(
    corpus: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("stages.export.datapackage.write_datapackage", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        _export(corpus, tmp_path / "out", formats=("csv",))
    assert list((tmp_path / "out").iterdir()) == []


def test_formats_accept_repeats_and_commas() -> None:
    assert parse_formats(["csv,parquet", "sqlite", "csv"]) == ("csv", "parquet", "sqlite")


def test_unknown_format_is_named() -> None:
    with pytest.raises(ExportError, match="unknown export format 'xlsx'"):
        parse_formats(["xlsx"])


def test_export_reads_one_snapshot(
    corpus: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stages.export

    original = stages.export.stream

    def write_while_exporting(conn, source, *args):  # type: ignore[no-untyped-def]
        yield from original(conn, source, *args)
        if source.schema.name == "authorities":
            with corpus.begin() as other:
                other.execute(
                    insert(Message).values(
                        kind="annotation", id=9999, request_id=100001, position=5,
                        body_text="Written during the export.", resent_at=[],
                    )
                )  # fmt: skip

    monkeypatch.setattr(stages.export, "stream", write_while_exporting)
    result = _export(corpus, tmp_path, formats=("jsonl",))
    ids = [
        json.loads(x)["id"]
        for x in (result.path / "jsonl" / "messages.jsonl").read_text().splitlines()
    ]
    assert 9999 not in ids
    assert (
        len(ids) == result.row_counts["messages"] == len(_published_db_rows(corpus, "messages")) - 1
    )


def test_first_incremental_export_is_a_full_one(corpus: Engine, tmp_path: Path) -> None:
    result = _export(corpus, tmp_path, formats=("csv",), incremental=True)
    assert (result.incremental, result.since) == (False, None)
    assert result.row_counts["requests"] == len(_published_db_rows(corpus, "requests"))


def test_watermark_belongs_to_the_export_folder(corpus: Engine, tmp_path: Path) -> None:
    _export(corpus, tmp_path / "a", formats=("csv",))
    with corpus.connect() as conn:
        assert watermark(conn, tmp_path / "b") is None


def test_a_failing_writer_stops_the_export(
    corpus: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Full:
        def write(self, rows: object) -> None:
            raise OSError("No space left on device")

        def close(self) -> None:
            pass

    monkeypatch.setattr("stages.export.CsvWriter.open", lambda self, schema: Full())
    with pytest.raises(OSError, match="No space left"):
        _export(corpus, tmp_path / "out", formats=("csv",), batch_size=2)
    assert list((tmp_path / "out").iterdir()) == []
