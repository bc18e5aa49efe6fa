"""What the letters feed, as published: both lists of provisions beside each letter, each
citation's role, and the reviews' original and after-review outcomes, in every format."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from sqlalchemy.engine import Engine

from stages.export import ExportOptions, export_dataset
from tests.export_fixtures import BIRMINGHAM_IDS, incoming_id, populate

LISTS = {  # letter: (provisions relied on, provisions cited), as the fixture's citations give
    incoming_id(BIRMINGHAM_IDS[0]): (
        ["FOIA s40(2)", "FOIA s1(1)(a)"],
        ["FOIA s40(2)", "FOIA s1(1)(a)", "FOIA s50"],
    ),
    incoming_id(BIRMINGHAM_IDS[3]): (
        ["FOIA s43(2)", "FOIA s40(2)"],
        ["FOIA s43(2)", "FOIA s40(2)"],
    ),
    incoming_id(BIRMINGHAM_IDS[5]): ([], ["FOIA s44(1)(a)"]),
    incoming_id(1320499): ([], []),
}


@pytest.fixture
def exported(engine: Engine, tmp_path: Path) -> Path:
    populate(engine)
    options = ExportOptions(out_dir=tmp_path, pseudonym_key="k")
    return export_dataset(engine, options).path


def _jsonl(folder: Path, name: str) -> list[dict[str, Any]]:
    lines = (folder / "jsonl" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _csv(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / "csv" / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _sqlite(folder: Path, sql: str) -> list[tuple]:
    return sqlite3.connect(folder / "wdtk.sqlite").execute(sql).fetchall()


def _lists(rows: list[dict[str, Any]], decode: Any) -> dict[int, tuple[list, list]]:
    return {
        int(r["message_id"]): (decode(r["provisions"]), decode(r["provisions_cited"]))
        for r in rows
        if int(r["message_id"]) in LISTS
    }


def test_letters_carry_both_lists_in_jsonl_csv_and_parquet(exported: Path) -> None:
    assert _lists(_jsonl(exported, "letter_analyses"), lambda v: v) == LISTS
    assert _lists(_csv(exported, "letter_analyses"), json.loads) == LISTS
    table = pq.read_table(exported / "parquet" / "letter_analyses.parquet")
    assert _lists(table.to_pylist(), json.loads) == LISTS


def test_letters_carry_both_lists_in_the_sqlite_export(exported: Path) -> None:
    rows = _sqlite(exported, "SELECT message_id, provisions, provisions_cited FROM letter_analyses")
    got = {m: (json.loads(p), json.loads(c)) for m, p, c in rows if m in LISTS}
    assert got == LISTS


def test_each_citation_has_its_role_and_position_in_every_format(exported: Path) -> None:
    letter = incoming_id(BIRMINGHAM_IDS[0])
    expected = [("FOIA s40(2)", "relied_on", 1), ("FOIA s1(1)(a)", "relied_on", 2),
                ("FOIA s50", "mentioned", 3)]  # fmt: skip

    def ours(rows: list[dict[str, Any]]) -> list[tuple]:
        picked = [r for r in rows if int(r["message_id"]) == letter]
        return sorted(
            ((r["citation"], r["role"], int(r["position"])) for r in picked), key=lambda t: t[2]
        )

    assert ours(_jsonl(exported, "provision_citations")) == expected
    assert ours(_csv(exported, "provision_citations")) == expected
    assert ours(
        pq.read_table(exported / "parquet" / "provision_citations.parquet").to_pylist()
    ) == (expected)
    assert (
        _sqlite(
            exported,
            f"SELECT citation, role, position FROM provision_citations WHERE message_id = {letter} "
            "ORDER BY position",
        )
        == expected
    )
    assert "relied_on" not in _csv(exported, "provision_citations")[0]


def test_the_data_package_describes_the_new_columns(exported: Path) -> None:
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    fields = {
        (r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]
    }
    cited = fields[("letter_analyses", "provisions_cited")]
    assert (cited["type"], cited["description"][:32]) == ("any", "Every provision the letter names")
    assert fields[("letter_analyses", "provisions")]["description"].startswith(
        "The provisions the letter relies on"
    )
    assert "relied_on" in fields[("provision_citations", "role")]["description"]
    assert fields[("internal_reviews", "original_outcome")]["description"].startswith(
        "Outcome of the response that was reviewed"
    )
    assert ("review_outcomes", "outcome_after_review") in fields
    assert ("provision_citations", "relied_on") not in fields


def test_review_outcomes_publish_the_original_and_after_review_outcomes(exported: Path) -> None:
    rows = {r["request_id"]: r for r in _jsonl(exported, "review_outcomes")}
    first = rows[BIRMINGHAM_IDS[0]]
    assert (
        first["original_outcome"], first["original_refused"], first["outcome"],
        first["outcome_after_review"],
    ) == ("withheld_in_full", True, "overturned", "granted_in_full")  # fmt: skip
    reviews = _sqlite(
        exported,
        "SELECT original_outcome, outcome, outcome_after_review FROM internal_reviews "
        f"WHERE request_id = {BIRMINGHAM_IDS[3]}",
    )
    assert reviews == [("withheld_in_full", "partly_upheld", "partly_withheld")]
