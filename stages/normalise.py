"""Re-parse stored raw pages into rows: the normalise stage.

``normalise`` reads ``raw_pages`` whose ``processed_version`` is not the current parser version
(``reprocess=True``: every page), parses them with ``pipeline.parse`` and loads the records
with ``db.load``. Requests are the unit of work: when either page of a request is new, the
request is reloaded from its latest JSON *and* latest thread page together, so older copies
never overwrite newer ones. A page that fails to parse or load becomes a ``quarantine`` row
(stage ``normalise``, reason, message, raw page id; reopened and counted when the page fails
again) and the run goes on; every write runs in a savepoint so a failure leaves no
half-written request. Requests load in batches (``stages.normalise_requests``). Running it twice
changes nothing: the upserts only touch rows whose values differ, and every page is marked with the parser version
that processed it, failures included (the same parser would fail the same way).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, and_, func, not_, or_, select, true, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db import quarantine
from db.base import chunked, utcnow
from db.catalogue import apply_catalogue
from db.load import LoadCounts, load_authorities, load_requester
from db.models import Quarantine, RawPage, SiteStats
from db.raw_store import RawStoreError, read_body
from db.settings_store import pseudonym_key
from pipeline.parse import (
    PARSER_VERSION,
    ParseError,
    parse_authorities_csv,
    parse_body_json,
    parse_user_json,
    parse_version_json,
)
from pipeline.parse.request_json import load_json
from pipeline.visibility import GONE_STATUSES
from stages.normalise_pages import (
    REQUEST_KINDS,
    STAGE,
    PageRef,
    UnitError,
    failure_reason,
    newest,
    page_refs,
)
from stages.normalise_requests import BATCH, normalise_requests
from stages.parse_workers import WorkerPool

_CATALOGUE_KINDS = ("authority_csv", "body_json", "user_json")
# Below this many pending requests, starting worker processes costs more than it saves:
# `wdtk normalise` took 4.3 s on 1 200 requests either way.
POOL_MIN_REQUESTS = 2000


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


def _body(session: Session, page_id: int) -> bytes:
    try:
        return read_body(session.connection(), page_id)
    except RawStoreError as exc:
        raise UnitError("raw_page_unreadable", str(exc)) from None


class _Run:
    def __init__(
        self,
        session: Session,
        version: str,
        key: str | None,
        checkpoint: Callable[[], None] | None = None,
    ) -> None:
        self.session = session
        self._checkpoint = checkpoint
        self.version = version
        self.key = pseudonym_key(session, key)
        self.report = NormaliseReport(parser_version=version)

    # Bookkeeping -------------------------------------------------------------------------

    def checkpoint(self) -> None:
        self.session.flush()
        if self._checkpoint is not None:
            self._checkpoint()

    # Core statements on the session's connection: no ORM objects to synchronise.
    def mark(self, page_ids: Sequence[int]) -> None:
        for chunk in chunked(page_ids, 500):
            self.session.connection().execute(
                update(RawPage)
                .where(
                    RawPage.id.in_(chunk),
                    RawPage.processed_version.is_distinct_from(self.version),
                )
                .values(processed_version=self.version)
            )

    def resolve(self, page_ids: Sequence[int]) -> None:
        for chunk in chunked(page_ids, 500):
            self.session.connection().execute(
                update(Quarantine)
                .where(
                    Quarantine.stage == STAGE,
                    Quarantine.raw_page_id.in_(chunk),
                    Quarantine.resolved_at.is_(None),
                )
                .values(resolved_at=utcnow())
            )

    def quarantine(self, page: PageRef, reason: str, detail: str) -> None:
        quarantine.record(
            self.session, STAGE, f"raw_page:{page.id}", reason, detail, utcnow(), page.id
        )
        self.report.quarantined += 1

    def fail(self, page: PageRef, exc: Exception) -> None:
        """Quarantine ``page`` for a parse, unit or load error."""
        if isinstance(exc, SQLAlchemyError):
            self.quarantine(page, "load_error", str(exc).splitlines()[0])
            return
        self.quarantine(page, failure_reason(exc), str(exc))

    def done(self, counts: LoadCounts | None) -> None:
        if counts is not None:
            self.report.merge(counts)
            self.report.loaded += 1
        else:
            self.report.skipped += 1

    def unit(
        self, pages: Sequence[PageRef], blame: PageRef, work: Callable[[], LoadCounts | None]
    ) -> None:
        """Run ``work`` in a savepoint; quarantine ``blame`` if it fails; mark ``pages`` done."""
        try:
            with self.session.begin_nested():
                counts = work()
        except (ParseError, UnitError, SQLAlchemyError) as exc:
            self.fail(blame, exc)
        else:
            self.done(counts)
            self.resolve([p.id for p in pages])
        self.mark([p.id for p in pages])

    # Page kinds ---------------------------------------------------------------------------

    def catalogue(self, page: PageRef) -> LoadCounts:
        data = _body(self.session, page.id)
        counts = LoadCounts()
        if page.kind == "authority_csv":
            records = parse_authorities_csv(data)
            # The catalogue as the site served it then: new, renamed, retired bodies.
            changes = apply_catalogue(self.session.connection(), records, page.observed)
            counts.add("authorities", len(records))
            if changes.history_rows:
                counts.add("authority_changes", changes.history_rows)
        elif page.kind == "body_json":
            counts.add(
                "authorities",
                load_authorities(self.session, [parse_body_json(data, page.url)], page.kind),
            )
        else:
            load_requester(self.session, parse_user_json(data, page.url), self.key)
            counts.add("requesters")
        return counts

    def site_stats(self, page: PageRef) -> LoadCounts:
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


def normalise(
    session: Session,
    *,
    reprocess: bool = False,
    parser_version: str = PARSER_VERSION,
    pseudonym_key: str | None = None,
    batch_size: int = BATCH,
    checkpoint: Callable[[], None] | None = None,
    pool: Executor | None = None,
    workers: int = 0,
) -> NormaliseReport:
    """Parse and load every raw page not yet processed by ``parser_version`` (or all of them),
    ``batch_size`` requests per write.

    ``checkpoint`` is called after the catalogue and after every batch of requests; pass
    ``session.commit`` to keep the work done so far if the run is killed (each page is marked
    processed in the same transaction as its rows, so a rerun takes up exactly the rest).
    Without it the whole run is the caller's one transaction.

    Requests are parsed in one thread beside the writes, or in ``pool``, the caller's
    executor (e.g. ``parse_pool()``), or, when ``workers`` > 0 and at least
    ``POOL_MIN_REQUESTS`` requests are pending, in that many worker processes started for
    this run: parsing is mostly Python, so a thread shares one core with the writes."""
    run = _Run(session, parser_version, pseudonym_key, checkpoint)
    todo = None if reprocess else RawPage.processed_version.is_distinct_from(parser_version)

    def pending(where: ColumnElement[bool]) -> ColumnElement[bool]:
        return where if todo is None else and_(todo, where)

    # Only ids and the small kinds are held in memory, so a run's footprint does not grow
    # with the number of requests. (No connection is held across checkpoints: each commit
    # hands it back.)
    run.report.pages = (
        session.connection()
        .execute(select(func.count()).select_from(RawPage).where(pending(true())))
        .scalar_one()
    )
    ok = RawPage.http_status == 200

    # Catalogue first: requests point at authorities and requesters.
    for kind in _CATALOGUE_KINDS:
        by_url: dict[str, list[PageRef]] = defaultdict(list)
        for page in page_refs(session, pending(and_(ok, RawPage.kind == kind))):
            by_url["" if kind == "authority_csv" else page.url].append(page)
        for copies in by_url.values():
            latest = newest(copies)
            run.report.superseded += len(copies) - 1
            run.unit(copies, latest, partial(run.catalogue, latest))
    run.checkpoint()

    of_requests = and_(ok, RawPage.kind.in_(REQUEST_KINDS))
    for page in page_refs(session, pending(and_(of_requests, RawPage.request_id.is_(None)))):
        run.unit([page], page, partial(_no_request_id, page))
    # A request is reloaded when a page of it is new, its "gone" answers (403/404) included:
    # they are what sets its visibility.
    answers = and_(
        RawPage.kind.in_(REQUEST_KINDS),
        or_(ok, RawPage.http_status.in_(GONE_STATUSES)),
        RawPage.request_id.is_not(None),
    )
    request_ids = (
        session.connection()
        .execute(select(RawPage.request_id).distinct().where(pending(answers)))
        .scalars()
    )
    # None never comes (`answers` asks for request_id IS NOT NULL); the test narrows the type.
    dirty = sorted(request_id for request_id in request_ids if request_id is not None)
    with ExitStack() as stack:
        if pool is None and workers > 0 and len(dirty) >= POOL_MIN_REQUESTS:
            pool = stack.enter_context(parse_pool(workers))
        run.report.superseded += normalise_requests(run, dirty, batch=batch_size, pool=pool)

    for page in page_refs(session, pending(and_(ok, RawPage.kind == "version_json"))):
        run.unit([page], page, partial(run.site_stats, page))
    # Lists (discovery is the crawler's), error statuses, other kinds: nothing to load.
    loaded_kinds = (*_CATALOGUE_KINDS, *REQUEST_KINDS, "version_json")
    rest = pending(not_(and_(ok, RawPage.kind.in_(loaded_kinds))))
    skipped = list(
        session.connection().execute(select(RawPage.id).where(rest).order_by(RawPage.id)).scalars()
    )
    run.resolve(skipped)
    run.mark(skipped)
    run.report.skipped += len(skipped)
    session.flush()
    return run.report


def normalise_committed(
    session: Session, *, reprocess: bool, pseudonym_key: str | None, workers: int
) -> NormaliseReport:
    """``normalise`` as the ``wdtk`` command and the flow run it: committed batch by batch, so
    a run killed or cut off keeps what it finished and the next one takes up only the rest."""
    report = normalise(
        session,
        reprocess=reprocess,
        pseudonym_key=pseudonym_key,
        checkpoint=session.commit,
        workers=workers,
    )
    session.commit()
    return report


def parse_pool(workers: int = 2) -> WorkerPool:
    """Worker processes for ``normalise(pool=...)``: parsing is mostly Python, so a second
    thread shares one core with the writes; processes use them all. Use it as a context
    manager and keep it across calls: a worker takes about half a second to start."""
    return WorkerPool(workers, preload=normalise_requests.__module__)


def _no_request_id(page: PageRef) -> LoadCounts:
    raise UnitError("no_request_id", f"{page.kind} page {page.url} has no request_id")
