"""The privacy rules of an export, per table: which columns carry a requester's identity and
what replaces them (see pipeline/export/privacy.py for the pseudonym and the text scrubbing)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Select, Table

from db.base import table_of
from db.models import Request, Requester
from pipeline.export.privacy import Pseudonymiser

if TYPE_CHECKING:
    from stages.export_query import ReadOptions


REQUESTS = table_of(Request)
REQUESTERS = table_of(Requester)

_PSEUDONYM = "Replaced by the requester's pseudonym unless the export used --include-names."
PRIVACY_NOTES: dict[tuple[str, str], str] = {
    ("requesters", "url_name"): _PSEUDONYM,
    ("requesters", "name"): _PSEUDONYM,
    ("requesters", "wdtk_user_id"): "Null unless the export used --include-names.",
    ("requesters", "pseudonym"): "Computed at export time with the export's key.",
    ("requests", "requester_url_name"): _PSEUDONYM,
    ("requests", "external_requester_name"): _PSEUDONYM,
    ("messages", "author"): "For outgoing messages and annotations: replaced by the author's "
    "pseudonym unless the export used --include-names.",
    ("messages", "author_url_name"): "Replaced by the annotation author's pseudonym unless the "
    "export used --include-names.",
    ("messages", "body_text"): "The requester's name is replaced by their pseudonym unless the "
    "export used --include-names.",
    ("messages", "quoted_text"): "The requester's name is replaced by their pseudonym unless the "
    "export used --include-names.",
    ("attachments", "text"): "The requester's name is replaced by their pseudonym unless the "
    "export used --include-names. Null when the site hides or erased the file.",
    ("letter_analyses", "evidence"): "The requester's name is replaced by their pseudonym "
    "unless the export used --include-names.",
    ("messages", "prominence"): "Body and quoted text are published only for normal messages.",
}

RowTransform = Callable[[Sequence[Any]], tuple[Any, ...]]
# Given the positions of the published columns, the pseudonymiser and how many columns are
# published (helper columns follow), make the row transform.
TransformFactory = Callable[[dict[str, int], Pseudonymiser, int], RowTransform]


@dataclass(frozen=True, slots=True)
class PrivacyRule:
    """Extra columns a table's rows need for pseudonymising, and the row transform itself."""

    transform: TransformFactory
    needs_requester: bool = False
    # What still happens when names are kept (the requesters table recomputes its pseudonym).
    with_names: TransformFactory | None = None

    @property
    def joins_requests(self) -> bool:
        return self.needs_requester

    def helper_columns(self, table: Table) -> list[Column[Any]]:
        if not self.needs_requester:
            return []
        return [
            REQUESTS.c.requester_url_name,
            REQUESTS.c.external_requester_name,
            REQUESTERS.c.name,
        ]

    def join(self, stmt: Select[Any], table: Table) -> Select[Any]:
        if not self.needs_requester:
            return stmt
        return stmt.join(REQUESTS, REQUESTS.c.id == table.c.request_id).outerjoin(
            REQUESTERS, REQUESTERS.c.url_name == REQUESTS.c.requester_url_name
        )

    def row_transform(
        self, options: ReadOptions, pseudonymiser: Pseudonymiser, *, names: Sequence[str]
    ) -> RowTransform:
        width = len(names)
        index = {name: i for i, name in enumerate(names)}
        factory = self.with_names if options.include_names else self.transform
        if factory is None:
            return lambda row: tuple(row[:width])
        return factory(index, pseudonymiser, width)


def _requester_keep_names(ix: dict[str, int], p: Pseudonymiser, width: int) -> RowTransform:
    url_name, pseudonym = ix["url_name"], ix["pseudonym"]

    def transform(row: Sequence[Any]) -> tuple[Any, ...]:
        out = list(row[:width])
        out[pseudonym] = p.label(out[url_name])
        return tuple(out)

    return transform


def _requesters(ix: dict[str, int], p: Pseudonymiser, width: int) -> RowTransform:
    url_name, name, pseudonym, user_id = (
        ix["url_name"],
        ix["name"],
        ix["pseudonym"],
        ix["wdtk_user_id"],
    )

    def transform(row: Sequence[Any]) -> tuple[Any, ...]:
        out = list(row[:width])
        out[pseudonym] = out[url_name] = out[name] = p.label(out[url_name])
        out[user_id] = None
        return tuple(out)

    return transform


def _requests(ix: dict[str, int], p: Pseudonymiser, width: int) -> RowTransform:
    url_name, external = ix["requester_url_name"], ix["external_requester_name"]
    label = p.label

    def transform(row: Sequence[Any]) -> tuple[Any, ...]:
        out = list(row[:width])
        out[url_name] = label(out[url_name])
        out[external] = label(out[external])
        return tuple(out)

    return transform


def _requester_of(
    row: Sequence[Any], p: Pseudonymiser, width: int
) -> tuple[str | None, str | None]:
    """(label, display name) of the request's requester, from the helper columns."""
    url_name, external_name, name = row[width : width + 3]
    label = p.label(url_name) if url_name else p.label(external_name)
    return label, name or external_name


def _messages(
    ix: dict[str, int], p: Pseudonymiser, width: int, *, keep_names: bool = False
) -> RowTransform:
    kind, author, author_url = ix["kind"], ix["author"], ix["author_url_name"]
    body, quoted, prominence = ix["body_text"], ix["quoted_text"], ix["prominence"]
    scrub = p.scrub

    def transform(row: Sequence[Any]) -> tuple[Any, ...]:
        out = list(row[:width])
        if out[prominence] != "normal":
            # The site hid it (often for personal data) or shows it to the requester only.
            out[body] = out[quoted] = None
        if keep_names:
            return tuple(out)
        label, display = _requester_of(row, p, width)
        if out[kind] == "outgoing":
            out[author] = label
        elif out[kind] == "annotation":
            out[author_url] = out[author] = p.label(out[author_url])
        out[body] = scrub(out[body], display, label)
        if out[quoted] is not None:
            out[quoted] = scrub(out[quoted], display, label)
        return tuple(out)

    return transform


def _attachments(
    ix: dict[str, int], p: Pseudonymiser, width: int, *, keep_names: bool = False
) -> RowTransform:
    text, hidden, erased = ix["text"], ix["hidden"], ix["erased"]

    def transform(row: Sequence[Any]) -> tuple[Any, ...]:
        out = list(row[:width])
        if out[hidden] or out[erased]:
            # Text extracted before the site hid or erased the file is not republished.
            out[text] = None
        elif not keep_names:
            label, display = _requester_of(row, p, width)
            out[text] = p.scrub(out[text], display, label)
        return tuple(out)

    return transform


def _letters(ix: dict[str, int], p: Pseudonymiser, width: int) -> RowTransform:
    evidence = ix["evidence"]

    def transform(row: Sequence[Any]) -> tuple[Any, ...]:
        out = list(row[:width])
        label, display = _requester_of(row, p, width)
        # JSON text: the label has no quotes or backslashes, so replacing inside it is safe.
        out[evidence] = p.scrub(out[evidence], display, label)
        return tuple(out)

    return transform


RULES: dict[str, PrivacyRule] = {
    "requesters": PrivacyRule(_requesters, with_names=_requester_keep_names),
    "requests": PrivacyRule(_requests),
    "messages": PrivacyRule(
        _messages, needs_requester=True, with_names=partial(_messages, keep_names=True)
    ),
    "attachments": PrivacyRule(
        _attachments, needs_requester=True, with_names=partial(_attachments, keep_names=True)
    ),
    "letter_analyses": PrivacyRule(_letters, needs_requester=True),
}


def transform_for(table_name: str) -> PrivacyRule | None:
    return RULES.get(table_name)
