"""Named errors raised by the parsers; each carries what failed and where.

Every error names the one thing that no longer matched: ``ThreadParseError.selector`` and
``ListPageError.selector`` (a CSS-style description of the structure), ``FieldError.field``
(a JSON key or CSV column) and ``CsvHeaderError.column``. Normalise quarantines the page with
the message; ``wdtk doctor`` (pipeline.contract) reports the same name and message.
"""

from __future__ import annotations


class ParseError(ValueError):
    """Base class: something the site served did not have the expected shape."""


class ThreadParseError(ParseError):
    """A thread page lacks a structure the parser relies on (becomes a quarantine row)."""

    def __init__(self, selector: str, message: str, url: str | None = None) -> None:
        self.selector = selector
        self.message = message
        self.url = url
        where = f" at {url}" if url else ""
        super().__init__(f"{message} (selector {selector!r}){where}")


class FieldError(ParseError):
    """A JSON or CSV field is missing, of the wrong type or not a valid date."""

    def __init__(self, field: str, value: object, expected: str, source: str | None = None) -> None:
        self.field = field
        self.value = value
        where = f" in {source}" if source else ""
        super().__init__(f"field {field!r}{where}: expected {expected}, got {value!r}")


class CsvHeaderError(ParseError):
    """all-authorities.csv does not start with the header Alaveteli writes."""

    def __init__(self, header: list[str] | None, expected: list[str]) -> None:
        got = header or []
        # The first expected column that is missing or out of place names the change.
        self.column = next(
            (want for i, want in enumerate(expected) if i >= len(got) or got[i] != want),
            "(extra columns)",
        )
        super().__init__(
            f"all-authorities.csv header is {header!r}, expected {expected!r} "
            f"(first difference: column {self.column!r})"
        )


class ListPageError(ParseError):
    """A /list page lacks the structure the parser relies on."""

    def __init__(self, selector: str, message: str, url: str | None = None) -> None:
        self.selector = selector
        self.url = url
        where = f" at {url}" if url else ""
        super().__init__(f"{message} (selector {selector!r}){where}")
