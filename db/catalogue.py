"""The authorities catalogue: all-authorities.csv rows → ``authorities``, with its history.

Normalise calls ``apply_catalogue`` with the newest stored CSV (the authorities spider only
fetches it); ``/body/<url_name>.json`` pages load through ``db.load.load_authorities``, each
source writing only its own columns (``db.load.AUTHORITY_COLUMNS``).

Machine tags carry identifiers (``gss:E06000001``, ``wikidata:Q…``, ``dpr:Z…``, ``ch:…``) and
rules (``school``/``academy_trust`` = the longer very-late rule, ``foi_no`` = not subject to
FOI, ``defunct``). A body missing from the CSV has left the catalogue: it is kept, marked
defunct with ``removed_at``. Every change of name, short name, slug, tags or defunct status is
recorded in ``authority_changes``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from db import load
from db.models import Authority, AuthorityChange
from db.upsert import upsert
from pipeline.records import AuthorityRecord

TRACKED = ("name", "short_name", "url_name", "tags", "defunct")


@dataclass(slots=True)
class CatalogueChanges:
    added: list[int] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    returned: list[int] = field(default_factory=list)
    history_rows: int = 0


def authority_row(record: AuthorityRecord, now: datetime) -> dict[str, Any]:
    """The ``authorities`` columns a CSV row determines (JSON-only counts left out), built
    by the same code the normaliser uses, plus the catalogue's own bookkeeping."""
    row = load.authority_row(record, "authority_csv")
    row["last_seen_at"] = now
    row["removed_at"] = None
    return row


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def apply_catalogue(
    conn: Connection, records: Sequence[AuthorityRecord], now: datetime
) -> CatalogueChanges:
    """Upsert the CSV's bodies, record what changed, retire the ones that disappeared."""
    changes = CatalogueChanges()
    existing = {
        row["id"]: row
        for row in conn.execute(
            select(
                Authority.id,
                Authority.name,
                Authority.short_name,
                Authority.url_name,
                Authority.tags,
                Authority.defunct,
                Authority.removed_at,
            )
        ).mappings()
    }
    rows = [authority_row(r, now) for r in records]
    history: list[dict[str, Any]] = []
    for row in rows:
        old = existing.get(row["id"])
        if old is None:
            changes.added.append(row["id"])
            continue
        if old["removed_at"] is not None:
            changes.returned.append(row["id"])
        differs = False
        for column in TRACKED:
            before, after = old[column], row[column]
            if column == "tags":
                before = [list(t) for t in before or []]
            if before != after:
                differs = True
                history.append(
                    {
                        "authority_id": row["id"],
                        "field": column,
                        "old_value": _text(before),
                        "new_value": _text(after),
                        "seen_at": now,
                    }
                )
        if differs:
            changes.changed.append(row["id"])
    # Slugs are unique: free the ones being handed to another body before the upsert.
    incoming_slugs = {row["url_name"]: row["id"] for row in rows}
    for body_id, old in existing.items():
        owner = incoming_slugs.get(old["url_name"])
        if owner is not None and owner != body_id:
            conn.execute(
                update(Authority)
                .where(Authority.id == body_id)
                .values(url_name=f"{old['url_name']}~{body_id}")
            )
    for start in range(0, len(rows), 500):
        upsert(conn, Authority, rows[start : start + 500], keep=("last_seen_at",))
    # last_seen_at is bookkeeping, not a change: set it without touching last_changed_at.
    seen = [row["id"] for row in rows]
    for start in range(0, len(seen), 500):
        conn.execute(
            update(Authority)
            .where(Authority.id.in_(seen[start : start + 500]))
            .values(last_seen_at=now)
        )
    present = set(seen)
    for body_id, old in existing.items():
        if body_id in present or old["removed_at"] is not None:
            continue
        changes.removed.append(body_id)
        conn.execute(
            update(Authority)
            .where(Authority.id == body_id)
            .values(removed_at=now, defunct=True, last_changed_at=now)
        )
        if not old["defunct"]:
            history.append(
                {
                    "authority_id": body_id,
                    "field": "defunct",
                    "old_value": "false",
                    "new_value": "true",
                    "seen_at": now,
                }
            )
    if history:
        conn.execute(insert(AuthorityChange), history)
    changes.history_rows = len(history)
    return changes
