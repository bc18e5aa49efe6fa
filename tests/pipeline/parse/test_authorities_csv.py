"""parse_authorities_csv on tests/files/all-authorities.csv."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from pipeline.parse.authorities_csv import HEADER, parse_authorities_csv
from pipeline.parse.errors import CsvHeaderError, FieldError
from pipeline.parse.fields import tag_string
from tests.pipeline.parse.support import FILES

RAW = (FILES / "all-authorities.csv").read_bytes()


def test_two_rows_including_a_multiline_note() -> None:
    assert [a.url_name for a in parse_authorities_csv(RAW)] == [
        "kings_lynn_and_west_norfolk",
        "academy_trust_of_somewhere",
    ]


def test_name_with_a_comma_survives_csv_quoting() -> None:
    assert (
        parse_authorities_csv(RAW)[0].name
        == "Borough Council of King's Lynn & West Norfolk, Norfolk"
    )


def test_tags_split_into_pairs_on_the_first_colon() -> None:
    assert parse_authorities_csv(RAW)[0].tags == [
        ("local_council", None),
        ("dpi", "3"),
        ("url", "http://x.example/a"),
    ]


def test_tag_string_example_from_the_spec() -> None:
    assert tag_string("a b:c") == [("a", None), ("b", "c")]


def test_ruby_timestamps_keep_their_offset() -> None:
    first = parse_authorities_csv(RAW)[0]
    assert (first.created_at, first.updated_at) == (
        datetime(2008, 3, 18, 14, 20, 16, tzinfo=UTC),
        datetime(2023, 10, 1, 8, 0, tzinfo=timezone(timedelta(hours=1))),
    )


def test_empty_cells_become_none() -> None:
    second = parse_authorities_csv(RAW)[1]
    assert (second.short_name, second.home_page, second.notes, second.disclosure_log) == (
        None,
        None,
        None,
        None,
    )


def test_notes_keep_their_newline() -> None:
    assert parse_authorities_csv(RAW)[0].notes == "Covers the borough.\nSecond line of notes."


def test_ids_and_versions_are_integers() -> None:
    assert [(a.id, a.version) for a in parse_authorities_csv(RAW)] == [(501, 12), (502, 1)]


def test_changed_header_raises() -> None:
    with pytest.raises(CsvHeaderError, match="Internal ID"):
        parse_authorities_csv(RAW.replace(b"Short name", b"Short Name", 1))


def test_header_is_exactly_alaveteli_s() -> None:
    assert ",".join(HEADER) == RAW.decode().splitlines()[0]


def test_bad_timestamp_names_column_and_line() -> None:
    broken = RAW.replace(b"2019-09-02 10:11:12 +0100,2019", b"2 Sept 2019,2019")
    with pytest.raises(FieldError, match="line 4") as info:
        parse_authorities_csv(broken)
    assert info.value.field == "Created at"


def test_non_numeric_id_names_the_column() -> None:
    with pytest.raises(FieldError) as info:
        parse_authorities_csv(RAW.replace(b"\n502,", b"\nx502,"))
    assert info.value.field == "Internal ID"
