"""``metadata.json`` for Datasette: titles, descriptions from the column comments, units, facets
and canned queries over the exported SQLite file (``datasette wdtk.sqlite -m metadata.json``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.export.datapackage import PackageInfo
from pipeline.export.schema import ResourceSchema

FILENAME = "metadata.json"
DATABASE = "wdtk"  # Datasette names a database after its file: wdtk.sqlite

_COUNCIL = (
    "EXISTS (SELECT 1 FROM json_each(authorities.tags) AS tag "
    "WHERE json_extract(tag.value, '$[0]') = 'local_council')"
)

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
        "description": "Full-text search (FTS5 syntax, stemmed) over message bodies.",
        "sql": (
            "SELECT messages.request_id, messages.kind, messages.id, messages.sent_at,\n"
            "  snippet(messages_fts, 0, '[', ']', '…', 20) AS snippet\n"
            "FROM messages_fts JOIN messages ON messages.rowid = messages_fts.rowid\n"
            "WHERE messages_fts MATCH :q ORDER BY rank LIMIT 100"
        ),
    },
}


def _table(schema: ResourceSchema) -> dict[str, Any]:
    table: dict[str, Any] = {
        "title": schema.title,
        "description": schema.description,
        "columns": {f.name: f.description for f in schema.fields},
    }
    units = {f.name: f.unit for f in schema.fields if f.unit}
    if units:
        table["units"] = units
    if schema.facets:
        table["facets"] = list(schema.facets)
    return table


def metadata(schemas: Sequence[ResourceSchema], info: PackageInfo) -> dict[str, Any]:
    return {
        "title": "WhatDoTheyKnow FOI requests",
        "description": (
            f"Dataset version {info.version}"
            + (" (incremental)" if info.incremental else "")
            + ". Public requests only; "
            + (
                "requester names pseudonymised."
                if info.pseudonymised
                else "requester names included."
            )
        ),
        "source": "WhatDoTheyKnow",
        "source_url": info.source_url,
        "databases": {
            DATABASE: {
                "tables": {schema.name: _table(schema) for schema in schemas},
                "queries": CANNED_QUERIES,
            }
        },
    }


def write_metadata(folder: Path, meta: dict[str, Any]) -> Path:
    path = folder / FILENAME
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
