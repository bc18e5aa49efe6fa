"""Arrow arrays of a batch's columns, decoded by Arrow where that gives the same values.

Python decoding (pipeline/export/codecs.py) stays the reference: Arrow takes a raw column only
when every value has the one form it is known to read exactly as Python does (checked on the
whole column first); any other column, or any error, goes through the Python decoder, so the
values, and any error, are those of the generic path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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

ArrowDecoder = Callable[[Sequence[Any], pa.DataType], pa.Array | None]


def _text_of_form(values: Sequence[Any], form: str) -> pa.Array | None:
    """``values`` as an Arrow string array if every one is a str of ``form``, else None."""
    # Inferred, not forced to string: forcing would also take bytes, which Python refuses.
    text = pa.array(values)
    if text.type != pa.string():
        return None
    if not pc.all(pc.match_substring_regex(text, form), min_count=0).as_py():
        return None
    return text


def _utc_text(values: Sequence[Any], type_: pa.DataType) -> pa.Array | None:
    text = _text_of_form(values, UTC_TEXT_FORM)
    if text is None:
        return None
    # Naive first, then marked UTC: Arrow only reads text with an offset as an aware time.
    return pc.cast(pc.cast(text, pa.timestamp(type_.unit)), type_)


def _date_text(values: Sequence[Any], type_: pa.DataType) -> pa.Array | None:
    text = _text_of_form(values, DATE_TEXT_FORM)
    return None if text is None else pc.cast(text, type_)


def _int_bool(values: Sequence[Any], type_: pa.DataType) -> pa.Array | None:
    # Inferred, not forced to int64: forcing would truncate floats (bool(0.5) is True).
    numbers = pa.array(values)
    if numbers.type != pa.int64():
        return None
    return pc.not_equal(numbers, 0)


ARROW_DECODERS: dict[str, ArrowDecoder] = {
    UTC_TEXT.name: _utc_text,
    DATE_TEXT.name: _date_text,
    INT_BOOL.name: _int_bool,
}


def arrow_column(values: Sequence[Any], codec: Codec | None, type_: pa.DataType) -> pa.Array:
    """The published values of a raw column as an Arrow array of ``type_``."""
    fast = ARROW_DECODERS.get(codec.name) if codec is not None else None
    if fast is not None:
        try:
            array = fast(values, type_)
        except (pa.ArrowException, ValueError, TypeError, OverflowError):
            array = None
        if array is not None and array.type == type_:
            return array
    return pa.array(decode_column(codec, values), type=type_)


def arrow_columns(rows: Sequence[Sequence[Any]], types: Sequence[pa.DataType]) -> list[pa.Array]:
    """Arrow arrays of ``rows`` (a :class:`Batch`, decoded here, or rows of published values)."""
    if isinstance(rows, Batch):
        columns: Sequence[Sequence[Any]] = rows.raw_columns
        codecs: Sequence[Codec | None] = rows.codecs
    else:
        columns = list(zip(*rows, strict=True))
        codecs = [None] * len(types)
    return [
        arrow_column(values, codec, type_)
        for values, codec, type_ in zip(columns, codecs, types, strict=True)
    ]
