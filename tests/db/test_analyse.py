"""stages.analyse and stages.extract: extraction results on attachments, letter analyses, citations, reviews and
request-level facts written to the lead's tables, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from db.engine import session_scope
from db.models import (
    Attachment,
    Authority,
    InternalReview,
    LetterAnalysis,
    Message,
    ProvisionCitation,
    Request,
    RequestAnalysis,
    RequestEvent,
)
from stages.analyse import analyse_request
from stages.extract import extract_pending
from tests.pipeline.extract import builders

REFUSAL = (
    "Dear Mr Lawson,\n\nI can confirm that the Council holds the pricing schedule. However, it is "
    "exempt under section 43(2) of the Act. Having considered the public interest test we are "
    "withholding the information.\n\nIf you are unhappy you may request an internal review. If "
    "you remain dissatisfied you may apply to the Information Commissioner under section 50 of "
    "the Freedom of Information Act 2000."
)
REVIEW = (
    "Dear Mr Lawson,\n\nInternal Review - FOI 2023-1402\n\nI have now completed the internal "
    "review. I am satisfied that section 43(2) was correctly applied and I have decided to "
    "uphold the original decision."
)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> Engine:
    pdf = builders.pdf(
        ["Dear Mr Lawson,", "Internal Review - FOI 2023-1402", *REVIEW.split("\n\n")[2:]]
    )
    stored = tmp_path / "ab" / "review.pdf"
    stored.parent.mkdir()
    stored.write_bytes(pdf)
    with session_scope(engine) as session:
        session.add(Authority(id=1, url_name="westbrook", name="Westbrook Council", tags=[]))
        session.flush()
        session.add(
            Request(
                id=100, url_title="pricing", title="Pricing", authority_id=1, law_used="foi",
                described_state="successful", tags=[], created_at=at(date(2023, 5, 2)),
            )
        )  # fmt: skip
        session.flush()
        for id, kind, day, extra in [
            (1, "sent", date(2023, 5, 2), {"outgoing_message_id": 11}),
            (2, "response", date(2023, 5, 30), {"incoming_message_id": 21}),
            (3, "followup_sent", date(2023, 6, 5), {"outgoing_message_id": 12, "calculated_state": "internal_review"}),
            (4, "response", date(2023, 6, 26), {"incoming_message_id": 22}),
        ]:  # fmt: skip
            session.add(
                RequestEvent(id=id, request_id=100, event_type=kind, created_at=at(day), **extra)
            )
        for kind, id, position, body in [
            ("outgoing", 11, 0, "Please send the pricing schedule."),
            ("incoming", 21, 1, REFUSAL),
            ("outgoing", 12, 2, "I am writing to request an internal review."),
            ("incoming", 22, 3, "Please see the attached letter."),
        ]:
            session.add(
                Message(kind=kind, id=id, request_id=100, position=position, body_text=body)
            )
        session.flush()
        session.add(
            Attachment(
                message_id=22, part=2, request_id=100, filename="review.pdf",
                content_type="application/pdf", download_status="downloaded",
                stored_path="ab/review.pdf", size_bytes=len(pdf),
                sha256=hashlib.sha256(pdf).hexdigest(),
            )
        )  # fmt: skip
    with session_scope(engine) as session:
        assert extract_pending(session, tmp_path) == 1
    with session_scope(engine) as session:
        analyse_request(session, 100, as_of=date(2023, 7, 31))
    return engine


def _one(engine: Engine, model: type, **where: object) -> dict:
    with engine.connect() as conn:
        query = select(model.__table__).filter_by(**where)
        (row,) = conn.execute(query).mappings().all()
        return dict(row)


def test_extraction_is_stored_on_the_attachment(loaded: Engine) -> None:
    row = _one(loaded, Attachment, message_id=22, part=2)
    assert (row["extraction_status"], row["text_method"], row["page_count"]) == ("ok", "pdf", 1)


def test_refusal_letter_row(loaded: Engine) -> None:
    row = _one(loaded, LetterAnalysis, message_id=21, part=0)
    assert (row["kind"], row["outcome"], row["information_held"], row["public_interest_test"]) == (
        "response",
        "withheld_in_full",
        True,
        True,
    )


def test_review_letter_from_the_attachment(loaded: Engine) -> None:
    row = _one(loaded, LetterAnalysis, message_id=22, part=2)
    assert (row["kind"], row["review_outcome"]) == ("internal_review_response", "upheld")


def test_citation_row_has_kind_and_evidence(loaded: Engine) -> None:
    row = _one(loaded, ProvisionCitation, message_id=21, part=0, citation="FOIA s43(2)")
    assert (row["provision_kind"], row["role"], row["position"], row["evidence_text"]) == (
        "qualified",
        "relied_on",
        1,
        "section 43(2)",
    )


def test_every_provision_named_is_stored_with_its_role(loaded: Engine) -> None:
    with loaded.connect() as conn:
        rows = conn.execute(
            select(ProvisionCitation.citation, ProvisionCitation.role, ProvisionCitation.position)
            .where(ProvisionCitation.message_id == 21)
            .order_by(ProvisionCitation.position)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("FOIA s43(2)", "relied_on", 1),
        ("FOIA s50", "mentioned", 2),  # the right to complain, not a reason for refusing
    ]


def test_internal_review_row(loaded: Engine) -> None:
    row = _one(loaded, InternalReview, request_id=100)
    assert (
        row["seq"],
        row["due_date"],
        row["answer_message_id"],
        row["outcome"],
        row["working_days_taken"],
    ) == (
        1,
        date(2023, 7, 3),
        22,
        "upheld",
        15,
    )


def test_internal_review_answer_part_is_the_attachment(loaded: Engine) -> None:
    assert _one(loaded, InternalReview, request_id=100)["answer_part"] == 2


def test_internal_review_carries_the_response_it_reviewed(loaded: Engine) -> None:
    row = _one(loaded, InternalReview, request_id=100)
    assert (
        row["original_message_id"],
        row["original_part"],
        row["original_outcome"],
        row["outcome"],
        row["outcome_after_review"],
    ) == (21, 0, "withheld_in_full", "upheld", "withheld_in_full")


def test_request_analysis_row(loaded: Engine) -> None:
    row = _one(loaded, RequestAnalysis, request_id=100)
    assert (row["due_date"], row["timeliness"], row["working_days_taken"]) == (
        date(2023, 6, 1),  # 8 May 2023 (coronation) and 29 May are holidays
        "on_time",
        18,
    )


def test_request_outcome_disagrees_with_the_label(loaded: Engine) -> None:
    row = _one(loaded, RequestAnalysis, request_id=100)
    assert (
        row["outcome"],
        row["outcome_message_id"],
        row["outcome_part"],
        row["requester_state"],
        row["disagrees"],
    ) == (
        "withheld_in_full",  # the review upheld the refusal
        22,
        2,
        "successful",
        True,
    )


def test_rerun_changes_nothing(loaded: Engine) -> None:
    before = _one(loaded, RequestAnalysis, request_id=100)
    with session_scope(loaded) as session:
        analyse_request(session, 100, as_of=date(2023, 7, 31))
    assert _one(loaded, RequestAnalysis, request_id=100) == before


def test_a_changed_analyser_is_picked_up_and_its_rows_rewritten(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.base import utcnow
    from stages.analyse import requests_to_analyse

    since = utcnow()
    with session_scope(loaded) as session:
        assert requests_to_analyse(session, since) == []  # nothing changed since
    for module in ("stages.analyse", "stages.analyse_letters"):
        monkeypatch.setattr(f"{module}.analyser_version", lambda: "letters-next")
    with session_scope(loaded) as session:
        assert requests_to_analyse(session, since) == [100]
        analyse_request(session, 100, as_of=date(2023, 7, 31))
    with loaded.connect() as conn:
        letters = conn.execute(
            select(LetterAnalysis.analyser_version, LetterAnalysis.analysed_at)
        ).all()
        assert {v for v, _ in letters} == {"letters-next"}
        assert all(at >= since for _, at in letters)  # re-exported by an incremental export
        assert {v for (v,) in conn.execute(select(InternalReview.analyser_version))} == {
            "letters-next"
        }
    with session_scope(loaded) as session:
        assert requests_to_analyse(session, since) == []  # read by the current analyser now


def test_citation_rows_one_per_provision_named_relied_on_wins() -> None:
    from dataclasses import replace

    from pipeline.letters import Citation, Evidence, analyse_letter
    from pipeline.letters.citations import distinct_citations
    from stages.analyse_letters import Letter, citation_rows

    def cited(citation: str, relied: bool, start: int) -> Citation:
        return Citation(citation, relied, 0.9, Evidence(start, start + 5, citation[-5:]))

    mentions = [
        cited("FOIA s43(2)", False, 10),  # weighed in passing first …
        cited("FOIA s40(2)", True, 40),
        cited("FOIA s43(2)", True, 80),  # … then applied
        cited("FOIA s50", False, 300),
        cited("FOIA s50", False, 320),
    ]
    analysis = replace(
        analyse_letter(""), citations=mentions, cited=distinct_citations(mentions)
    )
    rows = citation_rows(100, Letter(21, 0, "…"), analysis)
    assert [(r["citation"], r["role"], r["position"], r["evidence_start"]) for r in rows] == [
        ("FOIA s43(2)", "relied_on", 1, 80),
        ("FOIA s40(2)", "relied_on", 2, 40),
        ("FOIA s50", "mentioned", 3, 300),
    ]
    assert {r["provision_kind"] for r in rows} == {"qualified", "absolute", "procedural"}
