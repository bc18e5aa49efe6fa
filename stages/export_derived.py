"""Columns an export publishes that the database derives rather than stores.

A letter's lists of provisions are the ``provision_citations`` rows read together, so they are
kept in one place (the citations, each with its role and position) and put together as JSON
lists only when a letter row is published: ``provisions`` (relied on) and ``provisions_cited``
(every provision the letter names), both in the order the letter first names them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, ColumnElement
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

from pipeline.export.schema import Field

_OF_LETTER = (
    "pc.message_kind = letter_analyses.message_kind AND pc.message_id = "
    "letter_analyses.message_id AND pc.part = letter_analyses.part"
)


class _CitationList(ColumnElement[Any]):
    """A JSON list of the letter row's citations, by position (``role``: only those)."""

    type = JSON()
    inherit_cache = True
    role: str | None = None

    def _where(self) -> str:
        return _OF_LETTER + (f" AND pc.role = '{self.role}'" if self.role else "")


class ProvisionsCited(_CitationList):
    inherit_cache = True


class ProvisionsReliedOn(_CitationList):
    inherit_cache = True
    role = "relied_on"


@compiles(_CitationList, "sqlite")
def _sqlite_list(element: _CitationList, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite 3.40 has no ORDER BY inside an aggregate; an ordered subquery feeds it in order.
    return (
        "(SELECT json_group_array(citation) FROM (SELECT pc.citation FROM provision_citations "
        f"pc WHERE {element._where()} ORDER BY pc.position))"
    )


@compiles(_CitationList, "postgresql")
def _postgresql_list(element: _CitationList, compiler: SQLCompiler, **kw: Any) -> str:
    return (
        "COALESCE((SELECT json_agg(pc.citation ORDER BY pc.position) FROM provision_citations "
        f"pc WHERE {element._where()}), '[]'::json)"
    )


@dataclass(frozen=True, slots=True)
class Derived:
    """A published column computed when the row is read: its field, the stored column it
    follows, and the SQL expression that gives it."""

    field: Field
    after: str
    expression: Callable[[], ColumnElement[Any]]


DERIVED: dict[str, tuple[Derived, ...]] = {
    "letter_analyses": (
        Derived(
            Field(
                "provisions",
                "json",
                "The provisions the letter relies on, normalised (e.g. ['FOIA s40(2)']), in the "
                "order it names them: the provision_citations rows of the letter whose role is "
                "relied_on.",
            ),
            after="outcome_confidence",
            expression=ProvisionsReliedOn,
        ),
        Derived(
            Field(
                "provisions_cited",
                "json",
                "Every provision the letter names (FOIA, EIR, FOISA or EISR), relied on or only "
                "mentioned (rights blocks, quotations of the Act), one entry per distinct "
                "normalised form ('FOIA s14' beside 'FOIA s14(1)'), in order of first mention, as "
                "the letter reader gives it (provisions_cited in `wdtk letter`): all the "
                "letter's provision_citations rows.",
            ),
            after="provisions",
            expression=ProvisionsCited,
        ),
    ),
}


def with_derived(table_name: str, fields: list[Field]) -> list[Field]:
    """``fields`` with the table's derived fields inserted where they belong."""
    out = list(fields)
    for derived in DERIVED.get(table_name, ()):
        names = [f.name for f in out]
        out.insert(names.index(derived.after) + 1, derived.field)
    return out


def derived_expression(table_name: str, name: str) -> ColumnElement[Any] | None:
    for derived in DERIVED.get(table_name, ()):
        if derived.field.name == name:
            return derived.expression().label(name)
    return None
