"""Plain JSON-ready dicts of parsed threads (for ``wdtk parse`` and anyone diffing output)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from pipeline.records import ThreadItem, ThreadPage


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()  # datetimes keep the offset the page printed
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def item_to_dict(item: ThreadItem) -> dict[str, Any]:
    plain: dict[str, Any] = _plain(asdict(item))
    return plain


def thread_to_dict(page: ThreadPage) -> dict[str, Any]:
    """Every ThreadPage field, plus the short names ``authority`` and ``requester``."""
    data = _plain(asdict(page))
    return {
        "status": data.pop("status"),
        "title": data.pop("title"),
        "authority": page.authority_name,
        "requester": page.requester_name,
        **data,
    }
