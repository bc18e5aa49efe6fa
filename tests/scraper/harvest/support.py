"""Crawling the replica for real: a server on 127.0.0.1, spiders in child processes.

``Harvest`` runs the spiders the way ``wdtk crawl`` does (scraper.launch.run_spider), against
one database, and reads the server's access log. ``snapshot`` reduces a database to the facts a
crawl must reproduce (no timestamps), so two crawls can be compared for equality.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.models import Attachment, CrawlState, Message, Request, RequestEvent
from pipeline.config import Settings
from scraper.launch import run_spider
from scraper.replica import Faults, Replica, ReplicaServer
from stages.normalise import normalise
from tests.support import optional_shared

REPO = Path(__file__).resolve().parents[3]
SINCE = "2008-01-01"
THREAD_PATH = re.compile(r"^/request/[^/?]+(\.json)?(\?.*)?$")


def replica(requests: int, seed: int = 7, faults: Faults | None = None) -> Replica:
    return Replica(
        requests=requests,
        seed=seed,
        seed_letters=optional_shared("seeds"),
        faults=faults,
    )


@dataclass
class Harvest:
    server: ReplicaServer
    db_url: str
    data_dir: Path
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def config(self) -> Settings:
        return Settings(
            database_url=self.db_url, base_url=self.server.url, rate=0, data_dir=self.data_dir
        )

    def run(self, spider: str, *, rate: float = 0, options: tuple[str, ...] = (),
            **kw: Any) -> dict[str, Any]:  # fmt: skip
        config = Settings(
            database_url=self.db_url, base_url=self.server.url, rate=rate, data_dir=self.data_dir
        )
        if spider == "discover":
            kw.setdefault("since", SINCE)
        result = run_spider(spider, config, options=options, **kw)
        self.results.append(result)
        return result

    def normalise(self) -> dict[str, Any]:
        engine = make_engine(self.db_url)
        try:
            with Session(engine) as session, session.begin():
                return normalise(session).as_dict()
        finally:
            engine.dispose()

    def full(self) -> None:
        """discover, threads, normalise, attachments twice (the first meets the masking wait)."""
        self.run("discover")
        self.run("threads")
        self.normalise()
        self.run("attachments")
        self.run("attachments")

    def copy_to(self, root: Path, server: ReplicaServer) -> Harvest:
        """This crawl's database and files in ``root``, crawling on with ``server`` (a fresh
        server of the same corpus): a later test starts where this crawl ended without
        crawling it again."""
        source = Path(make_url(self.db_url).database or "")
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, root / source.name)
        if self.data_dir.is_dir():
            shutil.copytree(self.data_dir, root / "data")
        return Harvest(server, f"sqlite:///{root / source.name}", root / "data")

    def mark(self) -> int:
        return len(self.server.log)

    def log_since(self, mark: int) -> list[dict[str, Any]]:
        return self.server.log[mark:]


def thread_fetches(entries: list[dict[str, Any]]) -> list[str]:
    """Paths of request JSON and thread pages (not lists, robots, version, attachments)."""
    return [e["path"] for e in entries if THREAD_PATH.match(e["path"])]


def html_fetches(entries: list[dict[str, Any]]) -> list[str]:
    return [e["path"] for e in entries if "unfold=1" in e["path"]]


def attachment_fetches(entries: list[dict[str, Any]]) -> list[str]:
    return [e["path"] for e in entries if "/attach/" in e["path"]]


def snapshot(db_url: str) -> dict[str, Any]:
    """What a crawl produced, without bookkeeping times: for comparing two crawls."""
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            return {
                "requests": conn.execute(
                    select(
                        Request.id,
                        Request.url_title,
                        Request.described_state,
                        Request.status,
                        Request.visibility,
                        Request.title,
                    ).order_by(Request.id)
                ).all(),
                "events": conn.execute(
                    select(
                        RequestEvent.id, RequestEvent.request_id, RequestEvent.event_type
                    ).order_by(RequestEvent.id)
                ).all(),
                "messages": conn.execute(
                    select(
                        Message.kind,
                        Message.id,
                        Message.request_id,
                        Message.author,
                        Message.body_text,
                        Message.quoted_text,
                    ).order_by(Message.kind, Message.id)
                ).all(),
                "attachments": conn.execute(
                    select(
                        Attachment.message_id,
                        Attachment.part,
                        Attachment.filename,
                        Attachment.download_status,
                        Attachment.sha256,
                        Attachment.stored_path,
                    ).order_by(Attachment.message_id, Attachment.part)
                ).all(),
                "crawl_state": conn.execute(
                    select(
                        CrawlState.request_id,
                        CrawlState.url_title,
                        CrawlState.gone,
                        CrawlState.last_http_status,
                        CrawlState.last_event_id,
                    ).order_by(CrawlState.request_id)
                ).all(),
            }
    finally:
        engine.dispose()
