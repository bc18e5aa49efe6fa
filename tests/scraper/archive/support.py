"""Crawling the replica and its archive for real (loopback only), and comparing the rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.models import Attachment, Message, Request, RequestEvent
from pipeline.config import Settings
from scraper.launch import run_spider
from scraper.replica import Replica
from stages.normalise import normalise
from tests.support import SEEDS, optional_shared

SINCE = "2008-01-01"
# Columns a thread page provides (absent when only the JSON was captured).
HTML_COLUMNS = {"status", "due_date_shown", "batch_id", "html_page_id"}
BOOKKEEPING = {"first_seen_at", "last_changed_at", "json_page_id", "html_page_id",
               "captured_at", "data_source", "hidden_at"}  # fmt: skip


def replica(requests: int, seed: int = 7, **kw: Any) -> Replica:
    return Replica(requests=requests, seed=seed, seed_letters=optional_shared(*SEEDS), **kw)


def crawl(spider: str, url: str, db_url: str, data: Path, *options: str,
          **kw: Any) -> dict[str, Any]:  # fmt: skip
    config = Settings(database_url=db_url, base_url=url, rate=0, data_dir=data)
    if spider == "discover":
        kw.setdefault("since", SINCE)
    return run_spider(spider, config, options=options, **kw)


def archive(url: str, db_url: str, data: Path, archive_url: str | None = None,
            **kw: Any) -> dict[str, Any]:  # fmt: skip
    return crawl("archive", url, db_url, data, "WDTK_ARCHIVE=wayback",
                 f"WDTK_ARCHIVE_URL={archive_url or url}", **kw)  # fmt: skip


def normalise_all(db_url: str) -> dict[str, Any]:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session, session.begin():
            return normalise(session).as_dict()
    finally:
        engine.dispose()


def rows(db_url: str) -> dict[int, dict[str, Any]]:
    """Per request: its row (less bookkeeping), events, messages and attachment listings."""
    engine = make_engine(db_url)
    out: dict[int, dict[str, Any]] = {}
    try:
        with engine.connect() as conn:
            for r in conn.execute(select(Request.__table__)).mappings():
                out[r["id"]] = {
                    "request": {k: v for k, v in r.items() if k not in BOOKKEEPING},
                    "events": [], "messages": {}, "attachments": {},
                }  # fmt: skip
            for e in conn.execute(select(RequestEvent.__table__)).mappings():
                out[e["request_id"]]["events"].append(_plain(e))
            for m in conn.execute(select(Message.__table__)).mappings():
                out[m["request_id"]]["messages"][(m["kind"], m["id"])] = _plain(m)
            for a in conn.execute(select(Attachment.__table__)).mappings():
                listing = {k: a[k] for k in ("filename", "content_type", "size_label", "url",
                                             "html_url", "hidden", "erased")}  # fmt: skip
                out[a["request_id"]]["attachments"][(a["message_id"], a["part"])] = listing
    finally:
        engine.dispose()
    for item in out.values():
        item["events"].sort(key=lambda e: e["id"])
    return out


def _plain(row: Any) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in BOOKKEEPING}


def request_paths(log: list[dict[str, Any]]) -> list[str]:
    return [e["path"] for e in log if e["path"].startswith("/request/")]
