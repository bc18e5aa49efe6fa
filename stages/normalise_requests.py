"""Normalise requests in batches: the bulk of the normalise stage.

A request is reloaded from its newest request JSON and newest thread page together. Requests
go through in batches: one query for the batch's pages, one for their bodies, the parse of
each request (a parse failure quarantines that request alone), then one savepoint that writes
the whole batch with one statement per table. If that write fails, the batch is written again
one request per savepoint, so the quarantine row names the request at fault and the others
load as usual. Either way the rows are the ones loading each request alone would give.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Protocol

from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.base import chunked, utcnow
from db.load import LoadCounts, RequestRows, request_rows, thread_rows, write_requests
from db.models import RawPage, Request
from db.raw_store import PackedBody, RawStoreError, read_packed
from pipeline.parse import ParseError, merge_thread, parse_request_json, parse_thread
from pipeline.visibility import GONE_STATUSES, taken_down
from stages.normalise_pages import (
    REQUEST_KINDS,
    PageRef,
    UnitError,
    failure_reason,
    newest,
    page_refs,
)

BATCH = 200  # requests per write; large enough to amortise statements, small to retry
_AHEAD = 2  # batches being parsed while one is written
_SLICE = 50  # requests per parse job handed to a pool: four per batch keep two workers busy


class Run(Protocol):
    """What a normalise run offers the request batches (stages.normalise._Run)."""

    session: Session
    version: str
    key: str

    def quarantine(self, page: PageRef, reason: str, detail: str) -> None: ...
    def done(self, counts: LoadCounts | None) -> None: ...
    def resolve(self, page_ids: Sequence[int]) -> None: ...
    def mark(self, page_ids: Sequence[int]) -> None: ...
    def checkpoint(self) -> None: ...
    def unit(
        self, pages: Sequence[PageRef], blame: PageRef, work: Callable[[], LoadCounts | None]
    ) -> None: ...


@dataclass(slots=True)
class _Plan:
    pages: list[PageRef]  # every 200 copy of the request's JSON and thread page
    blame: PageRef  # the page a failure is filed against
    json_page: PageRef | None
    html_page: PageRef | None
    gone: list[PageRef]  # its 403/404 answers (GONE_STATUSES)


@dataclass(slots=True)
class _TakenDown:
    request_id: int
    visibility: str
    hidden_at: datetime


@dataclass(slots=True)
class _Failed:
    """A request that could not be parsed: its quarantine reason and message."""

    reason: str
    detail: str


_Prepared = RequestRows | _TakenDown | _Failed


def normalise_requests(
    run: Run, request_ids: Sequence[int], *, batch: int = BATCH, pool: Executor | None = None
) -> int:
    """Load every request in ``request_ids``; returns how many older page copies were passed
    over for a newer one. The next batch is parsed while the last one is written: by default
    in a second thread (lxml and the database drivers release the GIL, so the two overlap
    in part), or in ``pool``, the caller's executor (e.g. worker processes; see
    ``stages.normalise.parse_pool``), which gets each batch in slices of ``_SLICE``."""
    superseded = 0
    with ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="normalise-parse")
            )
        queued: deque[tuple[list[_Plan], list[Future[list[_Prepared]]]]] = deque()
        for chunk in chunked(sorted(request_ids), batch):
            plans = _plans(run.session, chunk)
            superseded += sum(
                len(p.pages) - (p.json_page is not None) - (p.html_page is not None) for p in plans
            )
            jobs = _jobs(run.session, plans)
            queued.append(
                (
                    plans,
                    [
                        pool.submit(_prepare_all, part, run.version, run.key)
                        for part in chunked(jobs, _SLICE)
                    ],
                )
            )
            if len(queued) > _AHEAD:
                _load_parsed(run, *queued.popleft())
        while queued:
            _load_parsed(run, *queued.popleft())
    return superseded


def _load_parsed(run: Run, plans: list[_Plan], parsing: list[Future[list[_Prepared]]]) -> None:
    """Write a batch once its parse is done, then commit (when the run commits as it goes)."""
    _load_batch(run, plans, [item for future in parsing for item in future.result()])
    run.checkpoint()


def _plans(session: Session, request_ids: Sequence[int]) -> list[_Plan]:
    in_batch = RawPage.request_id.in_(request_ids)
    ok: dict[int, list[PageRef]] = defaultdict(list)
    for page in page_refs(
        session, in_batch & RawPage.kind.in_(REQUEST_KINDS) & (RawPage.http_status == 200)
    ):
        ok[page.request_id].append(page)  # type: ignore[index]
    gone: dict[int, list[PageRef]] = defaultdict(list)
    for page in page_refs(session, in_batch & RawPage.http_status.in_(GONE_STATUSES)):
        gone[page.request_id].append(page)  # type: ignore[index]
    plans = []
    for request_id in request_ids:
        pages = ok.get(request_id, [])
        jsons = [p for p in pages if p.kind == "request_json"]
        htmls = [p for p in pages if p.kind == "thread_html"]
        json_page = newest(jsons) if jsons else None
        html_page = newest(htmls) if htmls else None
        blame = json_page or html_page
        if blame is None:  # its pages are error statuses, filed under not_ok
            continue
        plans.append(_Plan(pages, blame, json_page, html_page, gone.get(request_id, [])))
    return plans


def _jobs(
    session: Session, plans: Sequence[_Plan]
) -> list[tuple[_Plan, dict[int, PackedBody | RawStoreError]]]:
    wanted = [p.id for plan in plans for p in (plan.json_page, plan.html_page) if p is not None]
    # Still compressed: the parse (a worker process, when there is a pool) decompresses.
    bodies = read_packed(session.connection(), wanted)
    return [
        (plan, {p.id: bodies[p.id] for p in (plan.json_page, plan.html_page) if p is not None})
        for plan in plans
    ]


def _prepare_all(
    jobs: Sequence[tuple[_Plan, dict[int, PackedBody | RawStoreError]]], version: str, key: str
) -> list[_Prepared]:
    """Parse a batch: pure, no database."""
    prepared: list[_Prepared] = []
    for plan, bodies in jobs:
        try:
            prepared.append(_prepare(plan, bodies, version, key))
        except (ParseError, UnitError) as exc:
            prepared.append(_Failed(failure_reason(exc), str(exc)))
    return prepared


def _load_batch(run: Run, plans: Sequence[_Plan], prepared: Sequence[_Prepared]) -> None:
    ready: list[tuple[_Plan, RequestRows | _TakenDown]] = []
    for plan, item in zip(plans, prepared, strict=True):
        if isinstance(item, _Failed):
            run.quarantine(plan.blame, item.reason, item.detail)
        else:
            ready.append((plan, item))
    try:
        with run.session.begin_nested():
            _write(run.session, [item for _, item in ready])
    except SQLAlchemyError:
        # Find the request at fault: one savepoint each, as an unbatched run would.
        for plan, item in ready:
            run.unit(plan.pages, plan.blame, partial(_write_one, run.session, item))
    else:
        for _, item in ready:
            run.done(_counts(item))
        run.resolve([p.id for plan, _ in ready for p in plan.pages])
    run.mark([p.id for plan in plans for p in plan.pages])


def _prepare(
    plan: _Plan, bodies: dict[int, PackedBody | RawStoreError], version: str, key: str
) -> RequestRows | _TakenDown:
    json_page, html_page = plan.json_page, plan.html_page
    if json_page is None:
        raise UnitError("no_request_json", "thread page without a request JSON page to pair with")
    request = parse_request_json(_body(bodies, json_page), json_page.site_url)
    if json_page.request_id is not None and request.id != json_page.request_id:
        raise UnitError(
            "request_mismatch",
            f"{json_page.url} was stored for request {json_page.request_id} "
            f"but describes request {request.id}",
        )
    taken_down = _taken_down(request.id, json_page, plan.gone)
    if taken_down is not None:
        return taken_down
    if html_page is None:
        rows = request_rows(request, parser_version=version, key=key, json_page_id=json_page.id)
        return _with_provenance(rows, json_page)
    page = parse_thread(_body(bodies, html_page), html_page.site_url)
    # A slug freed by a rename can be claimed by another request, so a thread page fetched
    # by slug may be someone else's: never file its messages under this one.
    if page.request_id is not None and page.request_id != request.id:
        raise UnitError(
            "request_mismatch",
            f"thread page {html_page.url} is request {page.request_id}, "
            f"not {request.id} as its JSON says",
        )
    rows = thread_rows(
        merge_thread(request, page),
        parser_version=version,
        key=key,
        json_page_id=json_page.id,
        html_page_id=html_page.id,
    )
    return _with_provenance(rows, json_page, html_page)


def _with_provenance(rows: RequestRows, *pages: PageRef) -> RequestRows:
    """Record how stale the row may be: the older page's capture time and source; and when
    the JSON (whose slug the row carries) was served."""
    rows.seen_at = pages[0].observed
    oldest = min(pages, key=lambda p: (p.observed, p.id))
    rows.request["captured_at"] = oldest.observed
    rows.request["data_source"] = oldest.source
    return rows


def _body(bodies: dict[int, PackedBody | RawStoreError], page: PageRef) -> bytes:
    item = bodies[page.id]
    try:
        if isinstance(item, RawStoreError):
            raise item
        return item.unpack()
    except RawStoreError as exc:
        raise UnitError("raw_page_unreadable", str(exc)) from None


def _taken_down(request_id: int, json_page: PageRef, gone: Sequence[PageRef]) -> _TakenDown | None:
    """A 403 (hidden) or 404 (removed, embargoed) fetched after the JSON wins over it, so
    re-processing old pages never brings a taken-down request back into exports. The request
    keeps the rows it had; only its visibility follows the newer answer."""
    newer = [p for p in gone if p.observed > json_page.observed]
    if not newer:
        return None
    last = newest(newer)
    return _TakenDown(request_id, taken_down(last.http_status), last.first_fetched)


def _write_one(session: Session, item: RequestRows | _TakenDown) -> LoadCounts:
    _write(session, [item])
    return _counts(item)


def _write(session: Session, items: Sequence[RequestRows | _TakenDown]) -> None:
    for item in items:
        if isinstance(item, _TakenDown):
            session.execute(
                update(Request)
                .where(Request.id == item.request_id, Request.visibility != item.visibility)
                .values(
                    visibility=item.visibility, hidden_at=item.hidden_at, last_changed_at=utcnow()
                )
            )
    write_requests(session, [item for item in items if isinstance(item, RequestRows)])


def _counts(item: RequestRows | _TakenDown) -> LoadCounts:
    if isinstance(item, RequestRows):
        return item.counts
    counts = LoadCounts()
    counts.add("taken_down")
    return counts
