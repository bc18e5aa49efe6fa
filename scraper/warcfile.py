"""WARC records as pages: what a ``response`` (or ``resource``) record holds, read with warcio.

Used for Common Crawl's records (fetched by byte range) and for ``wdtk import`` of WARC files.
A record that cannot be read becomes a ``WarcProblem`` naming its offset; the reader goes on
with the next record when the file allows it (each gzip member is a record), and stops with a
last problem when the file itself is broken.
"""

from __future__ import annotations

import io
import mmap
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

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
    """Every response/resource record of a WARC, in order. A gzipped WARC is read member by
    member, so a damaged member is reported and the reader resumes at the next one; a plain
    WARC is read straight through and stops at the first damaged record."""
    head = stream.read(2)
    stream.seek(0)
    if head == b"\x1f\x8b":
        for offset, member in gzip_members(stream):
            if isinstance(member, str):
                yield WarcProblem(offset, member)
                continue
            for item in _records(io.BytesIO(member)):
                yield replace(item, offset=offset)
        return
    yield from _records(stream)


def gzip_members(stream: IO[bytes], chunk: int = 1 << 20) -> Iterator[tuple[int, bytes | str]]:
    """(offset, decompressed bytes) per gzip member, or (offset, error) for a damaged one,
    after which reading resumes at the next gzip header."""
    try:  # a file is mapped, not read: a WARC can be many gigabytes
        data: Any = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        data = stream.read()
    pos = 0
    while pos < len(data):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out: list[bytes] = []
        size, at, error = 0, pos, None
        try:
            while not inflater.eof and at < len(data):
                piece = data[at : at + chunk]
                out.append(inflater.decompress(piece, MAX_RECORD + 1))
                size += len(out[-1])
                if size > MAX_RECORD:
                    raise zlib.error(f"record larger than {MAX_RECORD} bytes")
                at += len(piece) - len(inflater.unused_data)
                if inflater.unconsumed_tail:
                    raise zlib.error(f"record larger than {MAX_RECORD} bytes")
            if not inflater.eof:
                raise zlib.error("gzip member cut short")
        except zlib.error as exc:
            error = f"damaged gzip member at offset {pos}: {exc}"
        if error is None:
            yield pos, b"".join(out)
            pos = at
            continue
        yield pos, error
        following = data.find(b"\x1f\x8b\x08", pos + 1)
        if following < 0:
            return
        pos = following


def _records(stream: IO[bytes]) -> Iterator[WarcPage | WarcProblem]:
    iterator = ArchiveIterator(stream, arc2warc=True)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            yield WarcProblem(_offset(iterator), f"unreadable WARC data: {exc}".strip())
            return
        if record.rec_type not in ("response", "resource"):
            continue
        try:
            page = _page(record)  # read the body first: asking the offset ends the record
        except (ValueError, OSError, EOFError, ArchiveLoadFailed) as exc:
            offset = _offset(iterator)
            yield WarcProblem(offset, f"record at offset {offset}: {exc}")
            continue
        yield replace(page, offset=_offset(iterator))


def _offset(iterator: ArchiveIterator) -> int:
    try:
        return int(iterator.get_record_offset())
    except (AttributeError, TypeError, ValueError):
        return -1


def _page(record: ArcWarcRecord) -> WarcPage:
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    if not url:
        raise ValueError("no WARC-Target-URI")
    status, content_type = 200, None
    http = getattr(record, "http_headers", None)
    if record.rec_type == "response":
        if http is None:
            raise ValueError("response record without HTTP headers")
        code = http.get_statuscode()
        if not code or not str(code).isdigit():
            raise ValueError(f"bad HTTP status line {http.statusline!r}")
        status = int(code)
        content_type = http.get_header("Content-Type")
    else:
        content_type = headers.get_header("Content-Type")
    body = record.content_stream().read(MAX_RECORD + 1)
    if len(body) > MAX_RECORD:
        raise ValueError(f"record body larger than {MAX_RECORD} bytes")
    return WarcPage(
        url=url.strip("<>"),
        captured_at=warc_date(headers.get_header("WARC-Date")),
        http_status=status,
        content_type=content_type,
        body=body,
        offset=-1,
    )


def one_record(data: bytes) -> WarcPage:
    """The single response record of a byte range (Common Crawl); ValueError if there is none."""
    for item in read_records(io.BytesIO(data)):
        if isinstance(item, WarcProblem):
            raise ValueError(item.error)
        return item
    raise ValueError("no response record in the WARC data")
