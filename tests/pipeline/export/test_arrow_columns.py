"""Parquet's fast path: Arrow decodes raw columns to exactly the values Python decodes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.export import arrow_columns
from pipeline.export.arrow_columns import ARROW_DECODERS, arrow_column
from pipeline.export.codecs import DATE_TEXT, INT_BOOL, UTC_TEXT, Codec, decode_column
from pipeline.export.parquet import ParquetWriter
from pipeline.export.writers import TRANSPOSE_ROWS, Batch
from tests.pipeline.export.schemas import LETTERS

TIMESTAMP = pa.timestamp("us", tz="UTC")
TYPES: dict[str, pa.DataType] = {
    UTC_TEXT.name: TIMESTAMP,
    DATE_TEXT.name: pa.date32(),
    INT_BOOL.name: pa.bool_(),
}

# Forms the fast path takes: Arrow must read every one as Python does.
FAST = {
    UTC_TEXT.name: [
        "2019-01-31 09:30:00.000000",
        "2019-01-31 09:30:00",
        "2019-01-31T09:30:00.123456",
        "2019-01-31 09:30:00.5",
        "2019-01-31 09:30:00.12",
        "2019-01-31 09:30:00.123",
        "2019-01-31 09:30:00.1234",
        "2019-01-31 09:30:00.12345",
        "2019-01-31 09:30:00.000001",
        "2020-02-29 23:59:59.999999",
        "0001-01-01 00:00:00.000000",
        "0010-01-01 00:00:00",
        "0100-01-01 00:00:00",
        "1000-01-01 00:00:00",
        "9999-12-31 23:59:59.999999",
        "1969-12-31 23:59:59.999999",
        None,
    ],
    DATE_TEXT.name: ["2019-01-31", "2020-02-29", "0001-01-01", "9999-12-31", None],
    INT_BOOL.name: [0, 1, 2, -1, None],
}
# Columns Arrow must leave to Python, each holding one value Arrow reads differently from
# Python, refuses or should not be trusted with.
SLOW = {
    UTC_TEXT.name: [
        ["2019-01-31"],
        ["2019-01-31 09:30"],
        ["2019-01-31 09"],
        ["2019-01-31 09:30:00.1234567"],
        ["2019-01-31 09:30:00Z"],
        ["2019-01-31 09:30:00+01:00"],
        ["2019-02-30 09:30:00"],
        ["2019-01-31 24:00:00"],
        ["0000-01-01 00:00:00"],
        ["2019-00-10 00:00:00"],
        ["2019-01-00 00:00:00"],
        ["2019-01-31 09:60:00"],
        ["2019-01-31 09:30:60"],
        ["２０１９-01-31 09:30:00"],
        [" 2019-01-31 09:30:00"],
        [b"2019-01-31 09:30:00"],
        [datetime(2019, 1, 31)],
        ["2019-01-31 09:30:00", 1],
    ],
    DATE_TEXT.name: [
        ["20200229"],
        ["2020-W01-1"],
        ["2019-02-29"],
        ["0000-01-01"],
        ["2019-00-01"],
        [b"2019-01-31"],
        [1],
    ],
    INT_BOOL.name: [[0.5], [0.0, 1.0], [True, False], ["0"], [2**70], [1, True]],
}


def _python(values: Sequence[Any], codec: Codec, type_: pa.DataType) -> pa.Array:
    return pa.array(decode_column(codec, values), type=type_)


def _codec(name: str) -> Codec:
    return next(c for c in (UTC_TEXT, DATE_TEXT, INT_BOOL) if c.name == name)


@pytest.mark.parametrize("name", sorted(FAST))
def test_arrow_reads_every_fast_form_as_python_does(name: str) -> None:
    codec, type_ = _codec(name), TYPES[name]
    values = FAST[name]
    assert ARROW_DECODERS[name](pa.array(values), type_) is not None, "the fast path was not taken"
    fast = arrow_column(values, codec, type_)
    assert fast.type == type_
    assert fast.equals(_python(values, codec, type_))
    assert fast.to_pylist() == list(decode_column(codec, values))


@pytest.mark.parametrize(
    ("name", "values"), [(name, values) for name, cases in SLOW.items() for values in cases]
)
def test_other_forms_go_through_python(name: str, values: list[Any]) -> None:
    codec, type_ = _codec(name), TYPES[name]
    try:
        fast = ARROW_DECODERS[name](pa.array(values), type_)
    except (pa.ArrowException, ValueError, TypeError, OverflowError):
        fast = None
    assert fast is None
    try:
        expected: pa.Array | type[Exception] = _python(values, codec, type_)
    except Exception as exc:  # the generic path's error must be the fast path's too
        with pytest.raises(type(exc)):
            arrow_column(values, codec, type_)
        return
    assert arrow_column(values, codec, type_).equals(expected)


def test_times_are_utc_instants() -> None:
    array = arrow_column(["2019-01-31 09:30:00.000001"], UTC_TEXT, TIMESTAMP)
    assert array.to_pylist() == [datetime(2019, 1, 31, 9, 30, 0, 1, tzinfo=UTC)]


def test_all_null_and_empty_columns() -> None:
    for codec, type_ in ((UTC_TEXT, TIMESTAMP), (DATE_TEXT, pa.date32()), (INT_BOOL, pa.bool_())):
        assert arrow_column([None, None], codec, type_).equals(pa.nulls(2, type_))
        assert arrow_column([], codec, type_).equals(pa.array([], type_))


def test_batch_builds_rows_only_when_asked() -> None:
    raw = [(1, "2019-01-31 09:30:00.000000", 1, "helper"), (2, None, 0, "helper")]
    batch = Batch(raw, [None, UTC_TEXT, INT_BOOL])
    assert len(batch) == 2
    assert batch.raw_columns == [[1, 2], ["2019-01-31 09:30:00.000000", None], [1, 0]]
    assert batch._rows is None and batch._columns is None
    when = datetime(2019, 1, 31, 9, 30, tzinfo=UTC)
    assert list(batch) == [(1, when, True), (2, None, False)]
    assert batch[1] == (2, None, False)
    assert [list(c) for c in batch.columns] == [[1, 2], [when, None], [True, False]]


def test_batch_transposes_long_batches_in_pieces() -> None:
    raw = [(n, f"text {n}", n % 2, "helper") for n in range(TRANSPOSE_ROWS * 2 + 7)]
    batch = Batch(raw, [None, None, INT_BOOL])
    assert [list(c) for c in batch.raw_columns] == [list(c) for c in zip(*raw, strict=True)][:3]
    assert batch.rows == [(n, f"text {n}", bool(n % 2)) for n in range(len(raw))]


def test_batch_with_nothing_to_decode_serves_the_drivers_rows() -> None:
    raw = [(1, "a"), (2, "b")]
    batch = Batch(raw, [None, None])
    assert batch.rows == raw
    assert batch.rows[0] is raw[0]


# As SQLite hands them back: naive UTC text, ISO dates, 0/1 booleans, JSON as text.
RAW = [
    (1, "Annwyl Syr, ŵ ŷ — 40(2) ☃ 日本", 0.9, 0, "2019-01-31 09:30:00.000000", "2019-01-31",
     '[{"role": "ours", "value": "CAF 18-172"}]'),
    (2, None, None, None, None, None, None),
    (3, "", 0.0, 1, "2019-12-31 23:59:59.999999", "2020-02-29", "{}"),
    (4, "Plain", 1.0, 7, "2020-06-01 12:00:00", "2021-03-04", '{"ü": "ß"}'),
]  # fmt: skip
CODECS = [None, None, None, INT_BOOL, UTC_TEXT, DATE_TEXT, None]


def _write(folder: Path, batches: list[Sequence[Sequence[Any]]]) -> bytes:
    sink = ParquetWriter(folder).open(LETTERS)
    for batch in batches:
        sink.write(batch)
    sink.close()
    return (folder / "parquet" / "letters.parquet").read_bytes()


def test_parquet_from_raw_batches_equals_parquet_from_python_values(tmp_path: Path) -> None:
    fast = _write(tmp_path / "fast", [Batch(RAW[:2], CODECS), Batch(RAW[2:], CODECS)])
    decoded = [list(Batch(RAW[:2], CODECS)), list(Batch(RAW[2:], CODECS))]
    generic = _write(tmp_path / "generic", decoded)
    assert fast == generic
    table = pq.read_table(tmp_path / "fast" / "parquet" / "letters.parquet")
    assert table.to_pylist()[0] == {
        "id": 1,
        "body": "Annwyl Syr, ŵ ŷ — 40(2) ☃ 日本",
        "confidence": 0.9,
        "held": False,
        "sent_at": datetime(2019, 1, 31, 9, 30, tzinfo=UTC),
        "letter_date": date(2019, 1, 31),
        "refs": '[{"role": "ours", "value": "CAF 18-172"}]',
    }
    assert table.to_pylist()[1] == dict.fromkeys(LETTERS.field_names) | {"id": 2}
    assert table.column("held").to_pylist() == [False, None, True, True]


def test_parquet_is_the_same_without_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _write(tmp_path / "fast", [Batch(RAW, CODECS)])
    monkeypatch.setattr(arrow_columns, "ARROW_DECODERS", {})
    assert _write(tmp_path / "slow", [Batch(RAW, CODECS)]) == fast
