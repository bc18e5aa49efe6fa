"""``/body/all-authorities.csv`` (``lib/public_body_csv.rb``) → AuthorityRecord rows.

The header is fixed; a different one means the export changed and the mapping must be
re-checked, so it raises. Empty cells are written as empty strings; times look like
``2008-03-18 14:20:16 +0000``; ``Tags`` is space-separated ``name`` or ``name:value``.
"""

from __future__ import annotations

import csv
import io

from pipeline.parse.errors import CsvHeaderError, FieldError
from pipeline.parse.fields import ruby_datetime, tag_string
from pipeline.records import AuthorityRecord

HEADER = [
    "Internal ID",
    "Name",
    "Short name",
    "URL name",
    "Tags",
    "Home page",
    "Publication scheme",
    "Disclosure log",
    "Notes",
    "Created at",
    "Updated at",
    "Version",
]


def _int(value: str, column: str, source: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise FieldError(column, value, "an integer", source) from None


def parse_authority_row(row: list[str], line: int) -> AuthorityRecord:
    source = f"all-authorities.csv line {line}"
    if len(row) != len(HEADER):
        raise FieldError("(row)", row, f"{len(HEADER)} columns", source)
    ident, name, short, url_name, tags, home, scheme, log, notes, created, updated, version = row
    return AuthorityRecord(
        id=_int(ident, "Internal ID", source),
        url_name=url_name,
        name=name,
        short_name=short or None,
        tags=tag_string(tags),
        home_page=home or None,
        publication_scheme=scheme or None,
        disclosure_log=log or None,
        notes=notes or None,
        created_at=ruby_datetime(created, "Created at", source),
        updated_at=ruby_datetime(updated, "Updated at", source),
        version=_int(version, "Version", source) if version else None,
    )


def parse_authorities_csv(data: bytes | str) -> list[AuthorityRecord]:
    """Every row of the export; raises CsvHeaderError on an unexpected header."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != HEADER:
        raise CsvHeaderError(header, HEADER)
    # reader.line_num counts physical lines, so quoted multi-line notes keep the number right
    return [parse_authority_row(row, reader.line_num) for row in reader if row]
