"""``wdtk import PATH…``: pages someone already holds, into ``raw_pages`` with source ``import``.

Reads WARC / WARC.gz files (warcio; ``response`` and ``resource`` records) and folders of saved
pages (``.html``/``.htm``/``.json``). A page's URL comes from the WARC header, else a sidecar
``<file>.meta.json`` (``{"url": …, "captured_at": …}``), else the page's own canonical link
(``<link rel="canonical">`` or ``og:url``); its capture time from the WARC-Date, the sidecar,
or the file's modification time. Pages are classified by URL (pipeline.archives.page_kind);
other URLs (assets, attachments, search pages) are counted and left out.

Like a spider it only stores and remembers: raw pages first, then the frontier
(crawl_state) seeded from the newest imported JSON of each request, so a later live crawl
fetches only what changed since. Idempotent (the same bytes for the same URL are stored once),
resumable (each WARC's committed offset is kept in ``pipeline_settings``; a rerun starts
after it), and a record that cannot be read or parsed is quarantined (stage ``import``,
its file and offset named) while the run goes on.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, type_coerce
from sqlalchemy.engine import Connection, Engine

from db import crawl_state, quarantine, raw_store
from db.base import UTCDateTime, utcnow
from db.models import CrawlState, PipelineSetting, RawPage
from db.upsert import upsert
from pipeline.archives import page_kind
from pipeline.parse import ParseError, parse_thread
from pipeline.parse.request_json import parse_request_json
from scraper.spiders.threadfetch import summarise
from scraper.warcfile import WarcPage, WarcProblem, read_records, warc_date

STAGE = "import"
PAGE_SUFFIXES = (".html", ".htm", ".json")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
SIDECAR = ".meta.json"
COMMIT_EVERY = 200
_CANONICAL = re.compile(
    rb"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']|"""
    rb"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']""",
    re.IGNORECASE,
)


@dataclass(slots=True)
class ImportReport:
    files: int = 0
    records: int = 0  # pages read (WARC records of a response type, saved files)
    stored: int = 0  # new raw pages
    unchanged: int = 0  # already stored with the same bytes
    skipped: int = 0  # not a page the pipeline reads (or not a 200)
    resumed: int = 0  # records before a file's committed offset, not read again
    quarantined: int = 0
    frontier_seeded: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class ImportPathError(ValueError):
    """A path that cannot be imported at all (missing, or not a WARC or page)."""


def files_under(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p))
        elif path.is_file():
            yield path
        else:
            raise ImportPathError(f"{path}: no such file or folder")


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(SIDECAR):
        return False
    return name.endswith(WARC_SUFFIXES) or name.endswith(PAGE_SUFFIXES)


def canonical_url(body: bytes) -> str | None:
    match = _CANONICAL.search(body[:200_000])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("utf-8", "replace")


class Importer:
    def __init__(
        self,
        engine: Engine,
        *,
        progress: Callable[[str], None] | None = None,
        commit_every: int = COMMIT_EVERY,
    ) -> None:
        self.engine = engine
        self.progress = progress or (lambda line: None)
        self.commit_every = commit_every
        self.report = ImportReport()

    def run(self, paths: Iterable[Path]) -> ImportReport:
        for path in files_under(paths):
            self.report.files += 1
            if path.name.lower().endswith(WARC_SUFFIXES):
                self._warc(path)
            else:
                self._saved(path)
        with self.engine.begin() as conn:
            self.report.frontier_seeded += seed_frontier(conn)
        return self.report

    # -- WARC files ---------------------------------------------------------------------------

    def _warc(self, path: Path) -> None:
        key = _resume_key(path)
        count, last = 0, None
        with self.engine.connect() as conn:
            done = conn.execute(
                select(PipelineSetting.value).where(PipelineSetting.key == key)
            ).scalar()
            start = int(done) if done else -1
            conn.rollback()  # end the read's implicit transaction
            trans = conn.begin()
            try:
                with path.open("rb") as stream:
                    for item in read_records(stream):
                        if isinstance(item, WarcProblem):
                            entity = f"file:{path.name}#{item.offset}"
                            self._quarantine(conn, entity, "unreadable_record",
                                             f"{path}: {item.error}")  # fmt: skip
                            continue
                        if item.offset <= start:
                            self.report.resumed += 1
                            continue
                        self._page(conn, item, where=f"{path.name}#{item.offset}")
                        count, last = count + 1, item.offset
                        if count % self.commit_every == 0:
                            _save_offset(conn, key, item.offset)
                            trans.commit()
                            trans = conn.begin()
                            self.progress(f"{path.name}: {count:,} records, offset {last:,}")
                if last is not None:
                    _save_offset(conn, key, last)
                trans.commit()
            except BaseException:
                trans.rollback()
                raise
        self.progress(f"{path.name}: {count:,} records read")

    # -- saved pages --------------------------------------------------------------------------

    def _saved(self, path: Path) -> None:
        body = path.read_bytes()
        sidecar = path.with_name(path.name + SIDECAR)
        meta: dict[str, Any] = {}
        if sidecar.is_file():
            try:
                meta = json.loads(sidecar.read_text(encoding="utf-8"))
            except ValueError:
                meta = {}
        url = meta.get("url") or canonical_url(body)
        at = warc_date(meta.get("captured_at")) or datetime.fromtimestamp(path.stat().st_mtime, UTC)
        with self.engine.begin() as conn:
            if not url:
                self._quarantine(conn, f"file:{path}", "no_url",
                                 f"{path}: no URL (no sidecar {sidecar.name}, no canonical link)")  # fmt: skip
                return
            page = WarcPage(url=str(url), captured_at=at, http_status=200, content_type=None,
                            body=body, offset=0)  # fmt: skip
            self._page(conn, page, where=str(path))

    # -- one page -----------------------------------------------------------------------------

    def _page(self, conn: Connection, page: WarcPage, *, where: str) -> None:
        self.report.records += 1
        kind = page_kind(page.url)
        if kind is None or page.http_status != 200:
            self.report.skipped += 1
            return
        request_id: int | None = None
        try:
            if kind == "request_json":
                request_id = parse_request_json(page.body, source=page.url).id
            elif kind == "thread_html":
                request_id = parse_thread(page.body, page.url).request_id
        except (ParseError, ValueError) as exc:
            self._quarantine(conn, f"file:{where}", "bad_page", f"{page.url} ({where}): {exc}")
            return
        if kind in ("request_json", "thread_html") and request_id is None:
            self._quarantine(conn, f"file:{where}", "no_request_id", f"{page.url} ({where})")
            return
        stored = raw_store.store_page(
            conn, url=page.url, kind=kind, body=page.body, http_status=200,
            request_id=request_id, content_type=page.content_type, source="import",
            captured_at=page.captured_at or utcnow(), original_url=page.url,
        )  # fmt: skip
        self.report.kinds[kind] = self.report.kinds.get(kind, 0) + 1
        if stored.is_new:
            self.report.stored += 1
        else:
            self.report.unchanged += 1

    def _quarantine(self, conn: Connection, entity: str, reason: str, detail: str) -> None:
        quarantine.record(conn, STAGE, entity[:255], reason, detail, utcnow())
        self.report.quarantined += 1
        self.progress(f"quarantined ({reason}): {detail}")


def _resume_key(path: Path) -> str:
    """The file's resume bookmark in pipeline_settings: its path, size and modification time."""
    stat = path.stat()
    ident = f"{path.resolve()}:{stat.st_size}:{int(stat.st_mtime)}"
    return "import:" + hashlib.sha1(ident.encode()).hexdigest()


def _save_offset(conn: Connection, key: str, offset: int) -> None:
    upsert(conn, PipelineSetting, [{"key": key, "value": str(offset)}])


def seed_frontier(conn: Connection) -> int:
    """Seed crawl_state from the newest imported JSON of each request the frontier has not
    seen as recently; returns how many entries changed."""
    newest = (
        select(RawPage.request_id, type_coerce(func.max(RawPage.captured_at), UTCDateTime()))
        .where(
            RawPage.source == "import",
            RawPage.kind == "request_json",
            RawPage.http_status == 200,
            RawPage.request_id.is_not(None),
        )
        .group_by(RawPage.request_id)
    )
    checked = dict(
        conn.execute(select(CrawlState.request_id, CrawlState.last_checked_at)).tuples().all()
    )
    seeded = 0
    for request_id, at in conn.execute(newest).all():
        seen = checked.get(request_id)
        if seen is not None and at is not None and seen >= at:
            continue
        page_id = conn.execute(
            select(RawPage.id).where(RawPage.request_id == request_id, RawPage.source == "import",
                                     RawPage.kind == "request_json", RawPage.captured_at == at)
        ).scalar()  # fmt: skip
        if page_id is None:
            continue
        try:
            found = summarise(parse_request_json(raw_store.read_body(conn, page_id)))
        except (ParseError, ValueError, raw_store.RawStoreError):
            continue
        has_html = conn.execute(
            select(RawPage.id).where(RawPage.request_id == request_id,
                                     RawPage.kind == "thread_html", RawPage.http_status == 200)
        ).first() is not None  # fmt: skip
        seeded += crawl_state.record_captured(
            conn, request_id, url_title=found.url_title, last_event_id=found.last_event_id,
            last_event_at=found.last_event_at, site_updated_at=found.updated_at,
            is_open=found.is_open, captured_at=at, has_thread_page=has_html,
        )  # fmt: skip
    return seeded
