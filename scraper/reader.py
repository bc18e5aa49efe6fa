"""What a spider may read of the store: the frontier, stored pages, the files due.

Spiders decide from these reads and hand every write to the item pipeline as an item
(``scraper.items``). Each read runs on a connection that is never committed, so nothing done
through this module can change the database (``tests/scraper/test_layers.py`` keeps it so).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine

from db.crawl_state import (
    FrontierEntry,
    due,
    get,
    ids_last_active_between,
    known_ids,
    slug_index,
    visible_count,
    visible_ids,
)
from db.downloads import due_files
from db.raw_store import StoredPage, latest_for_request, latest_page, read_body, stored_urls

__all__ = ["FrontierEntry", "StoreReader", "StoredPage"]


class StoreReader:
    """Reads for one spider, on its engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- raw_pages ----------------------------------------------------------------------------

    def latest_page(self, url: str) -> StoredPage | None:
        """The live copy of ``url`` fetched or confirmed most recently (its validators)."""
        with self.engine.connect() as conn:
            return latest_page(conn, url)

    def stored_copy(self, url: str) -> tuple[StoredPage, bytes] | None:
        """That copy with its body, or None if ``url`` was never stored."""
        with self.engine.connect() as conn:
            page = latest_page(conn, url)
            return None if page is None else (page, read_body(conn, page.id))

    def stored_urls(self, kind: str) -> set[str]:
        """The URLs of which a 200 copy of ``kind`` is stored."""
        with self.engine.connect() as conn:
            return stored_urls(conn, kind)

    def has_thread_page(self, request_id: int) -> bool:
        """Whether the newest stored thread page of the request answered 200."""
        with self.engine.connect() as conn:
            page = latest_for_request(conn, request_id, "thread_html")
        return page is not None and page.http_status == 200

    # -- crawl_state --------------------------------------------------------------------------

    def frontier(self, request_id: int) -> FrontierEntry | None:
        with self.engine.connect() as conn:
            return get(conn, request_id)

    def slug_index(self) -> dict[str, FrontierEntry]:
        with self.engine.connect() as conn:
            return slug_index(conn)

    def due(self, limit: int | None) -> list[int]:
        with self.engine.connect() as conn:
            return due(conn, limit=limit)

    def ids_last_active_between(self, start: datetime, end: datetime) -> list[int]:
        with self.engine.connect() as conn:
            return ids_last_active_between(conn, start, end)

    def visible_count(self) -> int:
        with self.engine.connect() as conn:
            return visible_count(conn)

    def known_and_visible_ids(self) -> tuple[set[int], set[int]]:
        """Every id the frontier holds, and those whose last fetch succeeded."""
        with self.engine.connect() as conn:
            return known_ids(conn), visible_ids(conn)

    # -- attachments --------------------------------------------------------------------------

    def due_files(self) -> list[tuple[int, int, str]]:
        """(message_id, part, url) of every file due a download."""
        with self.engine.connect() as conn:
            return due_files(conn)
