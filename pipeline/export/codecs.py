"""How a database driver hands back a published type, when it is not already the value wanted.

A reader tags each column of a batch with the codec of its raw values; row-wise writers get the
values decoded in Python, the Parquet writer can decode the whole column in Arrow instead
(pipeline/export/arrow_columns.py), which must give the same values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Codec:
    """A kind of raw value (``name``) and how it becomes the published Python value."""

    name: str
    decode: Callable[[Any], Any]


def _utc_from_text(value: str) -> datetime:
    # Parsing the offset is several times faster than datetime.replace(tzinfo=UTC).
    return datetime.fromisoformat(value + "+00:00")


def _to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


# Naive UTC times as ISO 8601 text, e.g. '2019-01-31 09:30:00.000000' (SQLite).
UTC_TEXT = Codec("utc_text", _utc_from_text)
# Dates as ISO 8601 text, e.g. '2019-01-31' (SQLite).
DATE_TEXT = Codec("date_text", date.fromisoformat)
# Booleans as integers, 0 for false (SQLite).
INT_BOOL = Codec("int_bool", bool)
# Timezone-aware datetimes in any zone, e.g. the session's (psycopg).
AWARE_DATETIME = Codec("aware_datetime", _to_utc)


def decode_column(codec: Codec | None, values: Sequence[Any]) -> Sequence[Any]:
    """The published values of a raw column; None stays None."""
    if codec is None:
        return values
    decode = codec.decode
    return tuple([None if v is None else decode(v) for v in values])
