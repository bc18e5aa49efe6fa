"""WARC records as pages: what a ``response`` (or ``resource``) record holds, read with warcio.

Used for Common Crawl's records (fetched by byte range) and for ``wdtk import`` of WARC files.
A record that cannot be read becomes a ``WarcProblem`` naming its offset; the reader goes on
with the next record when the file allows it (each gzip member is a record), and stops with a
last problem when the file itself is broken.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

MAX_RECORD = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class WarcPage:
    url: str
    captured_at: datetime | None
    http_status: int
    content_type: str | None
    body: bytes
    offset: int


@dataclass(frozen=True, slots=True)
class WarcProblem:
    offset: int
    error: str


def warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def read_records(stream: IO[bytes]) -> Iterator[WarcPage | WarcProblem]:
    """Every response/resource record of a WARC (gzip or not), in order."""
    iterator = ArchiveIterator(stream, arc2warc=True)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            yield WarcProblem(_offset(iterator), f"unreadable WARC data: {exc}".strip())
            return
        offset = _offset(iterator)
        if record.rec_type not in ("response", "resource"):
            continue
        try:
            yield _page(record, offset)
        except (ValueError, OSError, EOFError, ArchiveLoadFailed) as exc:
            yield WarcProblem(offset, f"record at offset {offset}: {exc}")


def _offset(iterator: ArchiveIterator) -> int:
    try:
        return int(iterator.get_record_offset())
    except (AttributeError, TypeError, ValueError):
        return -1


def _page(record: object, offset: int) -> WarcPage:
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    if not url:
        raise ValueError("no WARC-Target-URI")
    status, content_type = 200, None
    http = getattr(record, "http_headers", None)
    if record.rec_type == "response":  # type: ignore[attr-defined]
        if http is None:
            raise ValueError("response record without HTTP headers")
        code = http.get_statuscode()
        if not code or not str(code).isdigit():
            raise ValueError(f"bad HTTP status line {http.statusline!r}")
        status = int(code)
        content_type = http.get_header("Content-Type")
    else:
        content_type = headers.get_header("Content-Type")
    body = record.content_stream().read(MAX_RECORD + 1)  # type: ignore[attr-defined]
    if len(body) > MAX_RECORD:
        raise ValueError(f"record body larger than {MAX_RECORD} bytes")
    return WarcPage(
        url=url.strip("<>"),
        captured_at=warc_date(headers.get_header("WARC-Date")),
        http_status=status,
        content_type=content_type,
        body=body,
        offset=offset,
    )


def one_record(data: bytes) -> WarcPage:
    """The single response record of a byte range (Common Crawl); ValueError if there is none."""
    for item in read_records(io.BytesIO(data)):
        if isinstance(item, WarcProblem):
            raise ValueError(item.error)
        return item
    raise ValueError("no response record in the WARC data")
