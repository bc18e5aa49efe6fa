"""Reviews stored from a replica build equal the replica's ground truth, and the documented
review queries count what the truth says, on a database built from the replica.

The letters are read by an oracle that returns each letter's true labels, so what is on trial
is everything after the reader: finding each review and the response it reviewed, the outcome
after it, the request's outcome, storage and the views (the reader is measured on its own in
tests/pipeline/letters and bench/).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import upgrade
from db.models import Attachment, InternalReview, Message, RequestAnalysis
from db.raw_store import store_page
from pipeline.letters import Citation, Evidence, Finding, LetterAnalysis, analyse_letter
from scraper.replica import Replica
from scraper.replica.letters import LetterLabels
from scraper.replica.site import Site
from stages.analyse import analyse_requests
from stages.normalise import normalise
from tests.support import SEEDS, optional_shared

BASE = "http://127.0.0.1:8800"
SIZE = 400
DOC = Path(__file__).resolve().parents[2] / "docs" / "queries.md"
BLANK = analyse_letter("")  # the reader's answer for no letter: every field unset
REFUSED = {"withheld_in_full", "partly_withheld", "cost_limit", "vexatious",
           "neither_confirm_nor_deny", "subject_access_redirect"}  # fmt: skip


def oracle_reading(labels: LetterLabels | None) -> LetterAnalysis:
    """What a perfect reader would say of a letter with these labels (none: not a letter)."""
    if labels is None:
        return BLANK
    citations = [Citation(c, True, 1.0, Evidence(0, 0, "")) for c in labels.provisions]
    regime = citations[0].citation.split()[0] if citations else "FOIA"
    return replace(
        BLANK,
        kind=Finding(labels.kind, 1.0),
        regime=Finding(regime, 0.5),
        outcome=Finding(labels.outcome, 1.0),
        information_held=Finding(labels.information_held),
        citations=citations,
        review_outcome=Finding(labels.review_outcome, 1.0),
    )


@dataclass(frozen=True)
class TrueReview:
    request_id: int
    answer_message_id: int
    original: str | None
    verdict: str | None
    after: str | None


@dataclass
class Build:
    replica: Replica
    engine: Engine
    reviews: list[TrueReview]  # every answered review whose letters the database holds
    final: dict[int, str | None]  # request → outcome of its last letter that states one


def _store_pages(engine: Engine, replica: Replica, site: Site) -> None:
    with engine.begin() as conn:
        csv = site.handle("GET", "/body/all-authorities.csv").body
        store_page(conn, url=f"{BASE}/body/all-authorities.csv", kind="authority_csv",
                   body=csv, http_status=200)  # fmt: skip
        for request_id in replica.visible_ids():
            slug = replica.slug_of(request_id)
            for suffix, kind in ((".json", "request_json"), ("?unfold=1", "thread_html")):
                page = site.handle("GET", f"/request/{slug}{suffix}").body
                store_page(conn, url=f"{BASE}/request/{slug}{suffix}", kind=kind, body=page,
                           http_status=200, request_id=request_id)  # fmt: skip


def _texts(engine: Engine, replica: Replica) -> dict[str, LetterLabels]:
    """Each letter's text as stored (the body as parsed; attachment text written here, as a
    perfect extraction would give it), to its true labels."""
    readings: dict[str, LetterLabels] = {}
    with Session(engine) as session, session.begin():
        bodies = dict(
            session.execute(
                select(Message.id, Message.body_text).where(Message.kind == "incoming")
            ).all()
        )
        stored = {tuple(k) for k in session.execute(select(Attachment.message_id, Attachment.part))}
        for request_id in replica.visible_ids():
            truth = replica.truth(request_id)
            for letter in truth.letters:
                if letter.part is None and bodies.get(letter.incoming_message_id):
                    readings[bodies[letter.incoming_message_id]] = letter.labels
            for a in truth.attachments:
                if a.letter is None or a.hidden or (a.incoming_message_id, a.part) not in stored:
                    continue
                session.execute(
                    update(Attachment)
                    .where(
                        Attachment.message_id == a.incoming_message_id, Attachment.part == a.part
                    )
                    .values(text=a.text, extraction_status="ok")
                )
                readings[a.text] = a.letter
    return readings


def _truth(
    replica: Replica, read: set[tuple[int, int]]
) -> tuple[list[TrueReview], dict[int, str | None]]:
    """The reviews and final outcomes the replica wrote, from its letters' labels alone: a
    review letter answers the review of the response letter before it."""
    reviews, final = [], {}
    for request_id in replica.visible_ids():
        truth = replica.truth(request_id)
        order = {e.incoming_message_id: (e.created_at, e.id) for e in truth.record.events}
        letters = sorted(
            (x for x in truth.letters if (x.incoming_message_id, x.part or 0) in read),
            key=lambda x: order[x.incoming_message_id],
        )
        standing: str | None = None
        for letter in letters:
            labels = letter.labels
            if labels.kind == "internal_review_response":
                reviews.append(
                    TrueReview(
                        request_id,
                        letter.incoming_message_id,
                        standing,
                        labels.review_outcome,
                        labels.outcome,
                    )
                )
            if labels.outcome is not None:
                standing = labels.outcome
        final[request_id] = standing
    return reviews, final


@pytest.fixture(scope="module")
def build(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch_module: pytest.MonkeyPatch
) -> Iterator[Build]:
    replica = Replica(requests=SIZE, seed=11, seed_letters=optional_shared(*SEEDS))
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('reviews') / 'replica.sqlite3'}")
    upgrade(engine)
    _store_pages(engine, replica, Site(replica))
    with Session(engine) as session, session.begin():
        assert normalise(session).quarantined == 0
    readings = _texts(engine, replica)
    monkeypatch_module.setattr(
        "stages.analyse_letters.analyse_letter", lambda text: oracle_reading(readings.get(text))
    )
    with Session(engine) as session, session.begin():
        analyse_requests(session, replica.visible_ids(), replica.clock.date())
    with engine.connect() as conn:
        read = {
            tuple(k) for k in conn.execute(text("SELECT message_id, part FROM letter_analyses"))
        }
    reviews, final = _truth(replica, read)
    yield Build(replica, engine, reviews, final)
    engine.dispose()


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_build_has_reviews_of_every_verdict(build: Build) -> None:
    verdicts = Counter(r.verdict for r in build.reviews)
    # None: a review of a failure to respond, which has no earlier decision to uphold.
    assert set(verdicts) == {"upheld", "partly_upheld", "overturned", None}, verdicts
    assert all(r.original is None for r in build.reviews if r.verdict is None)
    assert sum(1 for r in build.reviews if r.original in REFUSED and r.verdict == "overturned")


def test_each_review_carries_the_response_it_reviewed_and_the_outcome_after(build: Build) -> None:
    with build.engine.connect() as conn:
        stored = {
            (r.request_id, r.answer_message_id): (
                r.original_outcome,
                r.outcome,
                r.outcome_after_review,
            )
            for r in conn.execute(select(InternalReview.__table__)).all()
            if r.answer_message_id is not None
        }
    expected = {
        (r.request_id, r.answer_message_id): (r.original, r.verdict, r.after) for r in build.reviews
    }
    assert stored == expected


def test_request_outcome_is_the_outcome_after_review(build: Build) -> None:
    with build.engine.connect() as conn:
        ours = dict(conn.execute(select(RequestAnalysis.request_id, RequestAnalysis.outcome)).all())
    assert ours == build.final


def _documented(question: str) -> str:
    doc = DOC.read_text(encoding="utf-8")
    section = doc[doc.index(f"**{question}**") :]
    return re.search(r"```sql\n(.*?);?\n```", section, flags=re.S).group(1)  # type: ignore[union-attr]


def test_the_documented_reversal_query_counts_what_the_truth_says(build: Build) -> None:
    sql = _documented("How often does an internal review reverse a refusal?")
    with build.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(sql))]
    by_original: dict[str, Counter[str]] = {}
    for r in build.reviews:
        if r.original in REFUSED and r.verdict is not None:
            by_original.setdefault(r.original, Counter())[r.verdict] += 1
    expected = sorted(
        ((o, sum(c.values()), c["overturned"], c["partly_upheld"], c["upheld"])
         for o, c in by_original.items()),
        key=lambda row: (-row[1], row[0]),
    )  # fmt: skip
    assert rows == expected
    assert sum(row[2] for row in rows) > 0  # reversals are counted, the bug this guards against


def test_the_documented_verdict_query_counts_what_the_truth_says(build: Build) -> None:
    sql = _documented("How are internal reviews decided?")
    with build.engine.connect() as conn:
        rows = dict(tuple(r) for r in conn.execute(text(sql)))
    assert rows == dict(Counter(r.verdict for r in build.reviews if r.verdict))
