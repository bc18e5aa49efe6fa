"""The data dictionary as Markdown (``docs/data-dictionary.md``), from the same resource schemas
the data package uses, so the two cannot disagree."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.export.schema import ResourceSchema

HEADER = """# Data dictionary

<!-- Generated from the SQLAlchemy models and db/views.py: do not edit by hand.
     Regenerate with `wdtk data-dictionary --write`. -->

Every resource of a `wdtk export` folder, in every format (CSV, JSON Lines, Parquet, the SQLite
file). Types are the data package's: `datetime` values are UTC (`2019-03-01T12:00:00Z`), `json`
columns hold JSON text in CSV and SQLite and nested values in JSON Lines.

Requests hidden, embargoed or removed on the site are left out, with all their rows (events,
messages, attachments, analyses). Unless the export is run with `--include-names`, requester names
and account slugs are replaced by a stable pseudonym (`requester_<16 hex>`, a keyed hash).
"""

SECTIONS = (
    ("table", "Entities"),
    ("view", "Derived views"),
    ("bookkeeping", "Export bookkeeping"),
)


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", " ")


def render_resource(schema: ResourceSchema) -> str:
    lines = [f"### `{schema.name}`", "", _escape(schema.description), ""]
    for note in schema.notes:
        lines.append(f"- {_escape(note)}")
    if schema.notes:
        lines.append("")
    if schema.primary_key:
        lines.append(f"Key: {', '.join(f'`{k}`' for k in schema.primary_key)}")
        lines.append("")
    lines.append("| column | type | description |")
    lines.append("|---|---|---|")
    for f in schema.fields:
        unit = f" Unit: {f.unit}." if f.unit else ""
        lines.append(f"| `{f.name}` | {f.type} | {_escape(f.description)}{unit} |")
    lines.append("")
    return "\n".join(lines)


def render_dictionary(schemas: Sequence[ResourceSchema]) -> str:
    parts = [HEADER]
    for kind, heading in SECTIONS:
        chosen = [s for s in schemas if s.kind == kind]
        if not chosen:
            continue
        parts.append(f"## {heading}\n")
        parts.extend(render_resource(s) for s in chosen)
    return "\n".join(parts).rstrip() + "\n"
