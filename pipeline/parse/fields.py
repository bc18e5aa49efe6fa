"""Typed field readers for JSON objects and CSV rows; each failure names its field.

Rails writes times as ``TimeWithZone#as_json`` (``2024-01-05T10:23:45.123+00:00`` or ``…Z``) in
JSON and as ``TimeWithZone#to_s`` (``2008-03-18 14:20:16 +0000``) in the authorities CSV.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pipeline.parse.errors import FieldError
from pipeline.records import Tag

Obj = Mapping[str, Any]


def require(obj: Obj, key: str, source: str) -> Any:
    if not isinstance(obj, Mapping):
        raise FieldError(key, obj, "a JSON object around it", source)
    if key not in obj:
        raise FieldError(key, None, "the field to be present", source)
    return obj[key]


def opt_int(obj: Obj, key: str, source: str) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(key, value, "an integer", source)
    return value


def req_int(obj: Obj, key: str, source: str) -> int:
    require(obj, key, source)
    value = opt_int(obj, key, source)
    if value is None:
        raise FieldError(key, None, "an integer", source)
    return value


def opt_str(obj: Obj, key: str, source: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise FieldError(key, value, "a string", source)
    return value


def req_str(obj: Obj, key: str, source: str) -> str:
    require(obj, key, source)
    value = opt_str(obj, key, source)
    if value is None:
        raise FieldError(key, None, "a string", source)
    return value


def bool_field(obj: Obj, key: str, source: str) -> bool:
    value = require(obj, key, source)
    if not isinstance(value, bool):
        raise FieldError(key, value, "true or false", source)
    return value


def iso_datetime(value: object, key: str, source: str) -> datetime:
    """An ISO 8601 time with an offset (``Z`` accepted, milliseconds kept)."""
    if not isinstance(value, str):
        raise FieldError(key, value, "an ISO 8601 time string", source)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise FieldError(key, value, "an ISO 8601 time", source) from None
    if parsed.tzinfo is None:
        raise FieldError(key, value, "a time with a UTC offset", source)
    return parsed


def opt_datetime(obj: Obj, key: str, source: str) -> datetime | None:
    value = obj.get(key)
    return None if value is None else iso_datetime(value, key, source)


def req_datetime(obj: Obj, key: str, source: str) -> datetime:
    return iso_datetime(require(obj, key, source), key, source)


def ruby_datetime(value: str, key: str, source: str) -> datetime | None:
    """``2008-03-18 14:20:16 +0000`` (Ruby ``Time#to_s``); empty means no value."""
    if value == "":
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        raise FieldError(key, value, "a time like 2008-03-18 14:20:16 +0000", source) from None


def tag_pairs(value: object, key: str, source: str) -> list[Tag]:
    """JSON ``tags``: ``[["school", null], ["charity", "123"]]``."""
    if not isinstance(value, list):
        raise FieldError(key, value, "a list of [name, value] pairs", source)
    tags: list[Tag] = []
    for pair in value:
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not isinstance(pair[0], str)
            or not (pair[1] is None or isinstance(pair[1], str))
        ):
            raise FieldError(key, pair, "a [name, value-or-null] pair", source)
        tags.append((pair[0], pair[1]))
    return tags


def tag_string(value: str) -> list[Tag]:
    """CSV ``Tags``: "a b:c" → [("a", None), ("b", "c")]; a value may itself hold colons."""
    tags: list[Tag] = []
    for token in value.split():
        name, sep, rest = token.partition(":")
        tags.append((name, rest if sep else None))
    return tags
