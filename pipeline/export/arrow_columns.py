"""Arrow arrays of a batch's columns, decoded by Arrow where that gives the same values.

Python decoding (pipeline/export/codecs.py) stays the reference: Arrow takes a raw column only
when every value has the one form it is known to read exactly as Python does (checked on the
whole column first); any other column, or any error, goes through the Python decoder, so the
values, and any error, are those of the generic path.

Decoding comes in two steps, so the Parquet writer can run them in two threads: taking the
Python values in (holds the GIL), then checking and casting them (Arrow lets the GIL go).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.export.codecs import DATE_TEXT, INT_BOOL, UTC_TEXT, Codec, decode_column
from pipeline.export.writers import Batch

# Text both datetime.fromisoformat(text + "+00:00") and Arrow's cast read as the same naive UTC
# time (the form SQLAlchemy stores in SQLite); Arrow also reads forms Python does not, or reads
# them differently (a date alone, no seconds, more than six decimals, the year 0).
_YEAR = r"([1-9]\d{3}|0[1-9]\d{2}|00[1-9]\d|000[1-9])"
DATE_TEXT_FORM = rf"^{_YEAR}-\d{{2}}-\d{{2}}$"
UTC_TEXT_FORM = rf"^{_YEAR}-\d{{2}}-\d{{2}}[T ]\d{{2}}:\d{{2}}:\d{{2}}(\.\d{{1,6}})?$"

# Given a raw column as Arrow inferred it, its published values, or None if Arrow cannot be
# trusted with this column. Arrow's compute functions let the GIL go; inferring does not.
# (A string: pyarrow's Array is generic only in its stubs, not at run time.)
ArrowDecoder: TypeAlias = "Callable[[pa.Array[Any], pa.DataType], pa.Array[Any] | None]"


def _is_text_of_form(inferred: pa.Array[Any], form: str) -> bool:
    # Inferred, not forced to string: forcing would also take bytes, which Python refuses.
    if inferred.type != pa.string():
        return False
    return bool(pc.all(pc.match_substring_regex(inferred, form), min_count=0).as_py())


def _utc_text(inferred: pa.Array[Any], type_: pa.DataType) -> pa.Array[Any] | None:
    if not _is_text_of_form(inferred, UTC_TEXT_FORM):
        return None
    assert isinstance(type_, pa.TimestampType)  # the UTC_TEXT codec's column type
    # Naive first, then marked UTC: Arrow only reads text with an offset as an aware time.
    return pc.cast(pc.cast(inferred, pa.timestamp(type_.unit)), type_)


def _date_text(inferred: pa.Array[Any], type_: pa.DataType) -> pa.Array[Any] | None:
    if not _is_text_of_form(inferred, DATE_TEXT_FORM):
        return None
    return pc.cast(inferred, type_)


def _int_bool(inferred: pa.Array[Any], type_: pa.DataType) -> pa.Array[Any] | None:
    # Inferred, not forced to int64: forcing would truncate floats (bool(0.5) is True).
    if inferred.type != pa.int64():
        return None
    return pc.not_equal(inferred, pa.scalar(0))


ARROW_DECODERS: dict[str, ArrowDecoder] = {
    UTC_TEXT.name: _utc_text,
    DATE_TEXT.name: _date_text,
    INT_BOOL.name: _int_bool,
}
ARROW_ERRORS = (pa.ArrowException, ValueError, TypeError, OverflowError)


@dataclass(frozen=True, slots=True)
class PendingColumn:
    """A raw column Arrow has taken in but not yet decoded (see :func:`finish_column`)."""

    raw: Sequence[Any]
    inferred: pa.Array[Any] | None  # None: Arrow could not even take the raw values in
    codec: Codec
    type: pa.DataType


def start_column(
    values: Sequence[Any], codec: Codec | None, type_: pa.DataType
) -> pa.Array[Any] | PendingColumn:
    """The part of decoding a raw column that reads Python values, so holds the GIL."""
    if codec is None:
        return pa.array(values, type=type_)
    if codec.name not in ARROW_DECODERS:
        return pa.array(decode_column(codec, values), type=type_)
    try:
        inferred = pa.array(values)
    except ARROW_ERRORS:
        inferred = None
    return PendingColumn(values, inferred, codec, type_)


def finish_column(column: pa.Array[Any] | PendingColumn) -> pa.Array[Any]:
    """The published values of a started column: decoded by Arrow where its check passes
    (the GIL is free meanwhile), else by Python from the raw values (rare: unusual data)."""
    if isinstance(column, pa.Array):
        return column
    if column.inferred is not None:
        try:
            array = ARROW_DECODERS[column.codec.name](column.inferred, column.type)
        except ARROW_ERRORS:
            array = None
        if array is not None and array.type == column.type:
            return array
    return pa.array(decode_column(column.codec, column.raw), type=column.type)


def arrow_column(values: Sequence[Any], codec: Codec | None, type_: pa.DataType) -> pa.Array[Any]:
    """The published values of a raw column as an Arrow array of ``type_``."""
    return finish_column(start_column(values, codec, type_))


def start_columns(
    rows: Sequence[Sequence[Any]], types: Sequence[pa.DataType]
) -> list[pa.Array[Any] | PendingColumn]:
    """:func:`start_column` for each column of ``rows`` (a :class:`Batch`, or rows of published
    values)."""
    if isinstance(rows, Batch):
        columns: Sequence[Sequence[Any]] = rows.raw_columns
        codecs: Sequence[Codec | None] = rows.codecs
    else:
        columns = list(zip(*rows, strict=True))
        codecs = [None] * len(types)
    return [
        start_column(values, codec, type_)
        for values, codec, type_ in zip(columns, codecs, types, strict=True)
    ]


def arrow_columns(
    rows: Sequence[Sequence[Any]], types: Sequence[pa.DataType]
) -> list[pa.Array[Any]]:
    """Arrow arrays of ``rows`` (a :class:`Batch`, decoded here, or rows of published values)."""
    return [finish_column(column) for column in start_columns(rows, types)]
