"""Re-parse stored raw pages into rows: the normalise stage.

``normalise`` reads ``raw_pages`` whose ``processed_version`` is not the current parser version
(``reprocess=True``: every page), parses them with ``pipeline.parse`` and loads the records
with ``db.load``. Requests are the unit of work: when either page of a request is new, the
request is reloaded from its latest JSON *and* latest thread page together, so older copies
never overwrite newer ones. A page that fails to parse or load becomes a ``quarantine`` row
(stage ``normalise``, reason, message, raw page id) and the run goes on; each unit runs in a
savepoint so a failure leaves no half-written request. Running it twice changes nothing: the
upserts only touch rows whose values differ, and every page is marked with the parser version
that processed it, failures included (the same parser would fail the same way).
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.base import utcnow
from db.load import (
    LoadCounts,
    load_authorities,
    load_request,
    load_requester,
    load_thread,
)
from db.models import Quarantine, RawPage, Request, SiteStats
from db.settings_store import pseudonym_key
from db.upsert import insert_missing
from pipeline.parse import (
    PARSER_VERSION,
    CsvHeaderError,
    FieldError,
    ListPageError,
    ParseError,
    ThreadParseError,
    merge_thread,
    parse_authorities_csv,
    parse_body_json,
    parse_request_json,
    parse_thread,
    parse_user_json,
    parse_version_json,
)
from pipeline.parse.request_json import load_json
from pipeline.records import RequestRecord, ThreadPage

STAGE = "normalise"
_REASONS: dict[type[Exception], str] = {
    ThreadParseError: "thread_parse_error",
    FieldError: "field_error",
    CsvHeaderError: "csv_header_error",
    ListPageError: "list_page_error",
}
_CATALOGUE_KINDS = ("authority_csv", "body_json", "user_json")


class UnitError(Exception):
    """A unit of work that cannot be loaded for a reason that is not a parse error."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


@dataclass(slots=True)
class NormaliseReport:
    parser_version: str
    pages: int = 0  # raw pages this run looked at
    loaded: int = 0  # pages whose records were loaded
    superseded: int = 0  # older copies of a page loaded from a newer one
    skipped: int = 0  # pages with nothing to load (lists, error statuses)
    quarantined: int = 0
    rows: dict[str, int] = field(default_factory=dict)  # rows offered per kind

    def merge(self, counts: LoadCounts) -> None:
        for key, n in counts.counts.items():
            self.rows[key] = self.rows.get(key, 0) + n

    def as_dict(self) -> dict[str, Any]:
        return {
            "parser_version": self.parser_version,
            "pages": self.pages,
            "loaded": self.loaded,
            "superseded": self.superseded,
            "skipped": self.skipped,
            "quarantined": self.quarantined,
            "rows": dict(sorted(self.rows.items())),
        }


@dataclass(slots=True)
class _Page:
    id: int
    url: str
    kind: str
    request_id: int | None
    http_status: int
    first_fetched: datetime  # when this content was first fetched
    fetched: datetime  # when it was last fetched or confirmed


def _body(session: Session, page_id: int) -> bytes:
    body, compression = session.execute(
        select(RawPage.body, RawPage.compression).where(RawPage.id == page_id)
    ).one()
    return zlib.decompress(body) if compression == "zlib" else bytes(body)


def _newest(pages: Sequence[_Page]) -> _Page:
    return max(pages, key=lambda p: (p.fetched, p.id))


class _Run:
    def __init__(self, session: Session, version: str, key: str | None) -> None:
        self.session = session
        self.version = version
        self.key = pseudonym_key(session, key)
        self.report = NormaliseReport(parser_version=version)

    # Bookkeeping -------------------------------------------------------------------------

    def mark(self, page_ids: Sequence[int]) -> None:
        if page_ids:
            self.session.execute(
                update(RawPage)
                .where(
                    RawPage.id.in_(page_ids),
                    RawPage.processed_version.is_distinct_from(self.version),
                )
                .values(processed_version=self.version)
            )

    def resolve(self, page_ids: Sequence[int]) -> None:
        if page_ids:
            self.session.execute(
                update(Quarantine)
                .where(
                    Quarantine.stage == STAGE,
                    Quarantine.raw_page_id.in_(page_ids),
                    Quarantine.resolved_at.is_(None),
                )
                .values(resolved_at=utcnow())
            )

    def quarantine(self, page: _Page, reason: str, detail: str) -> None:
        now = utcnow()
        insert_missing(
            self.session,
            Quarantine,
            [
                {
                    "stage": STAGE,
                    "entity_key": f"raw_page:{page.id}",
                    "reason": reason,
                    "detail": detail[:4000],
                    "raw_page_id": page.id,
                    "first_seen_at": now,
                    "last_seen_at": now,
                    "occurrences": 1,
                }
            ],
            conflict=("stage", "entity_key", "reason"),
        )
        self.report.quarantined += 1

    def unit(
        self, pages: Sequence[_Page], blame: _Page, work: Callable[[], LoadCounts | None]
    ) -> None:
        """Run ``work`` in a savepoint; quarantine ``blame`` if it fails; mark ``pages`` done."""
        try:
            with self.session.begin_nested():
                counts = work()
        except (ParseError, UnitError) as exc:
            reason = getattr(exc, "reason", None) or next(
                (r for cls, r in _REASONS.items() if isinstance(exc, cls)), "parse_error"
            )
            self.quarantine(blame, reason, str(exc))
        except SQLAlchemyError as exc:
            self.quarantine(blame, "load_error", str(exc).splitlines()[0])
        else:
            if counts is not None:
                self.report.merge(counts)
                self.report.loaded += 1
            else:
                self.report.skipped += 1
            self.resolve([p.id for p in pages])
        self.mark([p.id for p in pages])

    # Page kinds ---------------------------------------------------------------------------

    def catalogue(self, page: _Page) -> LoadCounts:
        data = _body(self.session, page.id)
        counts = LoadCounts()
        if page.kind == "authority_csv":
            counts.add("authorities", load_authorities(self.session, parse_authorities_csv(data)))
        elif page.kind == "body_json":
            counts.add(
                "authorities", load_authorities(self.session, [parse_body_json(data, page.url)])
            )
        else:
            load_requester(self.session, parse_user_json(data, page.url), self.key)
            counts.add("requesters")
        return counts

    def site_stats(self, page: _Page) -> LoadCounts:
        raw = _body(self.session, page.id)
        parsed = parse_version_json(raw)
        exists = self.session.execute(
            select(SiteStats.id).where(SiteStats.fetched_at == page.first_fetched)
        ).first()
        if exists is None:
            self.session.add(
                SiteStats(
                    fetched_at=page.first_fetched,
                    visible_request_count=parsed.counts.get("visible_request_count"),
                    visible_public_body_count=parsed.counts.get("visible_public_body_count"),
                    data=dict(load_json(raw, page.url)),
                )
            )
            self.session.flush()
        counts = LoadCounts()
        counts.add("site_stats")
        return counts

    def request(self, json_page: _Page | None, html_page: _Page | None) -> LoadCounts:
        if json_page is None:
            raise UnitError(
                "no_request_json", "thread page without a request JSON page to pair with"
            )
        request: RequestRecord = parse_request_json(
            _body(self.session, json_page.id), json_page.url
        )
        if json_page.request_id is not None and request.id != json_page.request_id:
            raise UnitError(
                "request_mismatch",
                f"{json_page.url} was stored for request {json_page.request_id} "
                f"but describes request {request.id}",
            )
        if self.taken_down(request.id, json_page):
            counts = LoadCounts()
            counts.add("taken_down")
            return counts
        if html_page is None:
            counts = load_request(
                self.session,
                request,
                parser_version=self.version,
                key=self.key,
                json_page_id=json_page.id,
            )
        else:
            page: ThreadPage = parse_thread(_body(self.session, html_page.id), html_page.url)
            # A slug freed by a rename can be claimed by another request, so a thread page
            # fetched by slug may be someone else's: never file its messages under this one.
            if page.request_id is not None and page.request_id != request.id:
                raise UnitError(
                    "request_mismatch",
                    f"thread page {html_page.url} is request {page.request_id}, "
                    f"not {request.id} as its JSON says",
                )
            counts = load_thread(
                self.session,
                merge_thread(request, page),
                parser_version=self.version,
                key=self.key,
                json_page_id=json_page.id,
                html_page_id=html_page.id,
            )
        return counts

    def taken_down(self, request_id: int, json_page: _Page) -> bool:
        """A 403 (hidden) or 404 (removed, embargoed) fetched after the JSON wins over it, so
        re-processing old pages never brings a taken-down request back into exports. The
        request keeps the rows it had; only its visibility follows the newer answer."""
        gone = _pages(
            self.session,
            (RawPage.request_id == request_id) & RawPage.http_status.in_((403, 404)),
        )
        newer = [p for p in gone if p.fetched > json_page.fetched]
        if not newer:
            return False
        last = _newest(newer)
        visibility = "hidden" if last.http_status == 403 else "removed"
        self.session.execute(
            update(Request)
            .where(Request.id == request_id, Request.visibility != visibility)
            .values(visibility=visibility, hidden_at=last.first_fetched, last_changed_at=utcnow())
        )
        return True


def _pages(session: Session, where: Any = None) -> list[_Page]:
    stmt = select(
        RawPage.id,
        RawPage.url,
        RawPage.kind,
        RawPage.request_id,
        RawPage.http_status,
        RawPage.fetched_at,
        RawPage.last_fetched_at,
    )
    if where is not None:
        stmt = stmt.where(where)
    return [_Page(*row) for row in session.execute(stmt.order_by(RawPage.id))]


def normalise(
    session: Session,
    *,
    reprocess: bool = False,
    parser_version: str = PARSER_VERSION,
    pseudonym_key: str | None = None,
) -> NormaliseReport:
    """Parse and load every raw page not yet processed by ``parser_version`` (or all of them)."""
    run = _Run(session, parser_version, pseudonym_key)
    todo = _pages(
        session, None if reprocess else RawPage.processed_version.is_distinct_from(parser_version)
    )
    run.report.pages = len(todo)
    by_kind: dict[str, list[_Page]] = defaultdict(list)
    for page in todo:
        by_kind[page.kind if page.http_status == 200 else "not_ok"].append(page)

    # Catalogue first: requests point at authorities and requesters.
    for kind in _CATALOGUE_KINDS:
        by_url: dict[str, list[_Page]] = defaultdict(list)
        for page in by_kind.pop(kind, []):
            by_url["" if kind == "authority_csv" else page.url].append(page)
        for copies in by_url.values():
            newest = _newest(copies)
            run.report.superseded += len(copies) - 1
            run.unit(copies, newest, lambda p=newest: run.catalogue(p))

    dirty: set[int] = set()
    for page in by_kind.pop("request_json", []) + by_kind.pop("thread_html", []):
        if page.request_id is None:
            run.unit([page], page, lambda p=page: _no_request_id(p))
        else:
            dirty.add(page.request_id)
    for request_id in sorted(dirty):
        pages = _pages(
            session,
            (RawPage.request_id == request_id)
            & RawPage.kind.in_(("request_json", "thread_html"))
            & (RawPage.http_status == 200),
        )
        jsons = [p for p in pages if p.kind == "request_json"]
        htmls = [p for p in pages if p.kind == "thread_html"]
        json_page = _newest(jsons) if jsons else None
        html_page = _newest(htmls) if htmls else None
        blame = json_page or html_page
        if blame is None:  # its pages are error statuses, filed under not_ok
            continue
        run.report.superseded += len(pages) - (json_page is not None) - (html_page is not None)
        run.unit(pages, blame, lambda j=json_page, h=html_page: run.request(j, h))

    for page in by_kind.pop("version_json", []):
        run.unit([page], page, lambda p=page: run.site_stats(p))
    for pages in by_kind.values():  # lists (discovery is the crawler's), error statuses, others
        for page in pages:
            run.unit([page], page, lambda: None)
    session.flush()
    return run.report


def _no_request_id(page: _Page) -> LoadCounts:
    raise UnitError("no_request_id", f"{page.kind} page {page.url} has no request_id")
