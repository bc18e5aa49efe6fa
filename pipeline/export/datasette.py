"""``metadata.json`` for Datasette: titles, descriptions from the column comments, units, facets,
licence, source and canned queries over the exported SQLite file (``datasette wdtk.sqlite -m
metadata.json``).

Each table page shows a one-sentence description; the column descriptions go in ``columns``,
which Datasette puts in each column's menu (and, as a list, above the table, which a small
stylesheet folds away so the rows are on the first screen). User input to the full-text canned
query is quoted word by word, so any text is a valid FTS5 query and an empty one shows the form.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.export.datapackage import PackageInfo
from pipeline.export.rights import attribution, package_title, rights_note
from pipeline.export.schema import ResourceSchema

FILENAME = "metadata.json"
DATABASE = "wdtk"  # Datasette names a database after its file: wdtk.sqlite

_COUNCIL = (
    "EXISTS (SELECT 1 FROM json_each(authorities.tags) AS tag "
    "WHERE json_extract(tag.value, '$[0]') = 'local_council')"
)

# The user's words as an FTS5 expression: each word a quoted string (inner quotes doubled), so
# operators, brackets and "s40(2)" are searched for as text, never parsed: '' matches nothing.
FTS_WORDS = "'\"' || replace(replace(trim(:q), '\"', '\"\"'), ' ', '\" \"') || '\"'"
# The list of every column's description that Datasette prints above a table is folded away;
# each description is still in its column's menu (the cog by the heading).
CSS = "data:text/css,dl.column-descriptions%7Bdisplay:none%7D"
LABEL_COLUMNS = {"authorities": "name", "requests": "title"}

CANNED_QUERIES: dict[str, dict[str, str]] = {
    "councils_overturning_reviews": {
        "title": "Which councils overturn most internal reviews?",
        "description": "Local councils by the share of internal reviews that changed the "
        "original decision (overturned or partly upheld); at least 5 decided reviews.",
        "sql": (
            "SELECT s.authority_name, s.reviews_decided, s.reviews_overturned, s.overturn_rate\n"
            "FROM authority_stats AS s JOIN authorities ON authorities.id = s.authority_id\n"
            f"WHERE s.overturn_rate IS NOT NULL AND {_COUNCIL}\n"
            "ORDER BY s.overturn_rate DESC, s.reviews_decided DESC LIMIT 50"
        ),
    },
    "slowest_authorities": {
        "title": "Which authorities answer on time least often?",
        "description": "Authorities with at least 5 timed requests, by on-time rate.",
        "sql": (
            "SELECT authority_name, requests, timed, on_time, on_time_rate, mean_working_days\n"
            "FROM authority_stats WHERE on_time_rate IS NOT NULL\n"
            "ORDER BY on_time_rate, timed DESC LIMIT 50"
        ),
    },
    "overdue_by_authority": {
        "title": "Who owes the most overdue answers today?",
        "description": "Overdue responses and internal reviews at export time, by authority.",
        "sql": (
            "SELECT authority_name, count(*) AS overdue, max(days_overdue) AS longest_days\n"
            "FROM overdue_now GROUP BY authority_id, authority_name\n"
            "ORDER BY overdue DESC, longest_days DESC LIMIT 50"
        ),
    },
    "exemptions_by_year": {
        "title": "Which exemptions are cited most, year by year?",
        "description": "Requests citing each provision, all authorities, by year of request.",
        "sql": (
            "SELECT year, citation, provision_kind, sum(requests) AS requests\n"
            "FROM exemption_use GROUP BY year, citation, provision_kind\n"
            "ORDER BY year DESC, requests DESC"
        ),
    },
    "search_letters": {
        "title": "Search the letters",
        "description": "Messages containing every word given (stemmed: 'refuse' finds "
        "'refused'), best matches first; e.g. s40(2) or cost limit.",
        "sql": (
            "SELECT messages.request_id, messages.kind, messages.id, messages.sent_at,\n"
            "  snippet(messages_fts, 0, '[', ']', '…', 20) AS snippet\n"
            "FROM messages_fts JOIN messages ON messages.rowid = messages_fts.rowid\n"
            f"WHERE messages_fts MATCH {FTS_WORDS} ORDER BY rank LIMIT 100"
        ),
    },
}


def first_sentence(text: str) -> str:
    """The description's first sentence: the full text is in the data dictionary."""
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def _table(schema: ResourceSchema) -> dict[str, Any]:
    table: dict[str, Any] = {
        "title": schema.title,
        "description": first_sentence(schema.description),
        "columns": {f.name: f.description for f in schema.fields},
    }
    if schema.name in LABEL_COLUMNS:
        table["label_column"] = LABEL_COLUMNS[schema.name]
    units = {f.name: f.unit for f in schema.fields if f.unit}
    if units:
        table["units"] = units
    if schema.facets:
        table["facets"] = list(schema.facets)
    return table


def metadata(schemas: Sequence[ResourceSchema], info: PackageInfo) -> dict[str, Any]:
    licence = info.licence
    meta: dict[str, Any] = {
        "title": package_title(info.sources),
        "description": (
            f"Dataset version {info.version}"
            + (" (incremental)" if info.incremental else "")
            + ". Public requests only; "
            + (
                "requester names pseudonymised. "
                if info.pseudonymised
                else "requester names included. "
            )
            + attribution(info.sources)
            + ("" if info.license else " " + rights_note(info.sources))
        ),
        "license": licence.title,
        "extra_css_urls": [CSS],
    }
    if licence.path:
        meta["license_url"] = licence.path
    if info.sources:
        meta["source"] = info.sources[0].title
        meta["source_url"] = info.sources[0].url
    else:
        meta["source"] = "not recorded (no crawl in the exported database)"
    meta["databases"] = {
        DATABASE: {
            "tables": {schema.name: _table(schema) for schema in schemas},
            "queries": CANNED_QUERIES,
        }
    }
    return meta


def write_metadata(folder: Path, meta: dict[str, Any]) -> Path:
    path = folder / FILENAME
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
