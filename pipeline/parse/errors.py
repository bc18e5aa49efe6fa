"""Named errors raised by the parsers; each carries what failed and where."""

from __future__ import annotations


class ParseError(ValueError):
    """Base class: something the site served did not have the expected shape."""


class ThreadParseError(ParseError):
    """A thread page lacks a structure the parser relies on (becomes a quarantine row)."""

    def __init__(self, selector: str, message: str, url: str | None = None) -> None:
        self.selector = selector
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


class ListPageError(ParseError):
    """A /list page lacks the structure the parser relies on."""
