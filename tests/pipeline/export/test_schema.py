"""Resource schemas and the text forms every output shares."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from pipeline.export.schema import (
    Field,
    FieldType,
    ResourceSchema,
    SchemaError,
    iso_datetime,
    parse_text,
    to_json_value,
    to_text,
)


def test_iso_datetime_is_utc_with_a_z() -> None:
    bst = timezone(timedelta(hours=1))
    assert iso_datetime(datetime(2019, 6, 11, 20, 29, 28, tzinfo=bst)) == "2019-06-11T19:29:28Z"


def test_iso_datetime_keeps_microseconds() -> None:
    assert (
        iso_datetime(datetime(2019, 1, 2, 3, 4, 5, 60, tzinfo=UTC)) == "2019-01-02T03:04:05.000060Z"
    )


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(SchemaError, match="naive"):
        iso_datetime(datetime(2019, 1, 2))


@pytest.mark.parametrize(
    ("value", "type_", "text"),
    [
        (540577, "integer", "540577"),
        (0.25, "number", "0.25"),
        (True, "boolean", "true"),
        (False, "boolean", "false"),
        ("Dear Sir,\n\nThank you", "string", "Dear Sir,\n\nThank you"),
        (datetime(2019, 1, 31, 9, 0, tzinfo=UTC), "datetime", "2019-01-31T09:00:00Z"),
        (date(2019, 1, 31), "date", "2019-01-31"),
    ],
)
def test_text_form_round_trips(value: object, type_: FieldType, text: str) -> None:
    assert to_text(value, type_) == text
    assert parse_text(text, type_) == value


def test_null_has_no_text_form() -> None:
    assert to_text(None, "string") is None


def test_json_columns_are_published_as_the_text_they_hold() -> None:
    assert to_text('[["gss", "E08000025"]]', "json") == '[["gss", "E08000025"]]'


def test_json_text_reads_back_as_json() -> None:
    assert parse_text('[["gss", "E08000025"]]', "json") == [["gss", "E08000025"]]


def test_json_lines_nest_json_columns() -> None:
    assert to_json_value('{"request_received": "2019-01-10"}', "json") == {
        "request_received": "2019-01-10"
    }


def test_a_field_needs_a_description() -> None:
    with pytest.raises(SchemaError, match="'title' has no description"):
        Field("title", "string", " ")


def test_a_key_must_name_a_field() -> None:
    with pytest.raises(SchemaError, match="'id' is not one of its fields"):
        ResourceSchema("x", "X", "x", (Field("a", "integer", "A."),), primary_key=("id",))
