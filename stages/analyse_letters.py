"""Store what each letter says: one ``letter_analyses`` row per letter read (a message body or
an attachment's text) and one ``provision_citations`` row per provision it names.

The reading itself is ``pipeline.letters.analyse_letter``; this module loads the letters'
stored text, calls it and writes the results (upserts keyed on natural ids, so a rerun that
reads the same changes nothing).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import pipeline
from db.base import utcnow
from db.models import Attachment, LetterAnalysis, Message, ProvisionCitation
from db.upsert import upsert
from pipeline import __version__
from pipeline.letters import Citation, analyse_letter
from pipeline.letters import LetterAnalysis as Analysis
from pipeline.provisions import lookup
from pipeline.request_analysis import letter_rank

# What the analyser version is made of: the reader, the request-level rules and their data
# (paths under the pipeline package).
ANALYSER_SOURCES = (
    "letters",
    "reviews.py",
    "request_analysis.py",
    "timeliness.py",
    "workdays.py",
    "provisions.py",
    "data/provisions.csv",
)


@cache
def analyser_version() -> str:
    """``letters-<package version>+<12 hex>``: the hex digests the analysing code and data, so
    any change to the reader gives new rows a new version and ``requests_to_analyse`` picks up
    every request read by an older one, with no version number to remember to bump."""
    root = Path(pipeline.__file__).parent
    digest = hashlib.sha256()
    for name in ANALYSER_SOURCES:
        node = root / name
        files = sorted(node.rglob("*")) if node.is_dir() else [node]
        for file in files:
            if not file.is_file() or "__pycache__" in file.parts or file.suffix == ".pyc":
                continue
            digest.update(file.relative_to(root).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
    return f"letters-{__version__}+{digest.hexdigest()[:12]}"


def provisions_cited(analysis: Analysis) -> list[str]:
    """Every distinct provision the letter names, in order of first mention, as the reader
    gives it (``LetterAnalysis.provisions_cited``: "section 14" beside "section 14(1)")."""
    return list(analysis.provisions_cited)


@dataclass(frozen=True, slots=True)
class Letter:
    message_id: int
    part: int  # 0 = message body
    text: str


def letters_of(session: Session, request_id: int) -> list[Letter]:
    """Each incoming message body and each readable attachment text of the request."""
    letters: list[Letter] = []
    messages = session.scalars(
        select(Message)
        .where(Message.request_id == request_id, Message.kind == "incoming")
        .order_by(Message.position)
    ).all()
    for message in messages:
        if message.body_text and message.body_text.strip():
            letters.append(Letter(message.id, 0, message.body_text))
    attachments = session.scalars(
        select(Attachment)
        .where(Attachment.request_id == request_id, Attachment.text.is_not(None))
        .order_by(Attachment.message_id, Attachment.part)
    ).all()
    letters += [
        Letter(a.message_id, a.part, a.text or "") for a in attachments if (a.text or "").strip()
    ]
    return letters


def _letter_row(
    request_id: int, letter: Letter, analysis: Analysis, at: datetime
) -> dict[str, Any]:
    out = analysis.to_dict()
    return {
        "message_kind": "incoming",
        "message_id": letter.message_id,
        "part": letter.part,
        "request_id": request_id,
        "kind": analysis.kind.value,
        "kind_confidence": analysis.kind.confidence,
        "letter_date": analysis.letter_date.value,
        "wdtk_request_id": analysis.wdtk_request_id.value,
        "references": out["references"],
        "outcome": analysis.outcome.value,
        "outcome_confidence": analysis.outcome.confidence if analysis.outcome.value else None,
        "information_held": analysis.information_held.value,
        "public_interest_test": analysis.public_interest_test.value,
        "review_outcome": analysis.review_outcome.value,
        "review_outcome_confidence": analysis.review_outcome.confidence
        if analysis.review_outcome.value
        else None,
        "ico_signposted": analysis.regulator == "ICO",
        "sic_signposted": analysis.regulator == "SIC",
        "regulator_refs": out["regulator_case_refs"],
        "dates_mentioned": {
            name: value.isoformat()
            for name, value in (
                ("review_requested_on", analysis.review_requested_on.value),
                ("original_response_on", analysis.original_response_on.value),
            )
            if value is not None
        },
        "evidence": out["evidence"],
        "text_sha256": hashlib.sha256(letter.text.encode("utf-8")).hexdigest(),
        "analyser_version": analyser_version(),
        "analysed_at": at,
    }


def citation_rows(request_id: int, letter: Letter, analysis: Analysis) -> list[dict[str, Any]]:
    """One row per provision the letter names (``provisions_cited``), in that order: relied on
    when the reader says so of any mention (``analysis.provisions``), with that mention as the
    evidence; otherwise mentioned, with the first mention."""
    relied = set(analysis.provisions)
    mentions: dict[str, Citation] = {c.citation: c for c in analysis.cited}
    for citation in analysis.citations:
        known = mentions.get(citation.citation)
        if known is None or (citation.relied_on and not known.relied_on):
            mentions[citation.citation] = citation
    named = provisions_cited(analysis)
    named += [c for c in analysis.provisions if c not in named]  # relied on is named too
    rows = []
    for position, cited in enumerate(named, start=1):
        regime, _, provision = cited.partition(" ")
        row = lookup(cited)
        evidence = mentions[cited].evidence if cited in mentions else None
        rows.append(
            {
                "message_kind": "incoming",
                "message_id": letter.message_id,
                "part": letter.part,
                "citation": cited,
                "request_id": request_id,
                "regime": regime,
                "provision": provision,
                "provision_kind": row.kind if row else None,
                "role": "relied_on" if cited in relied else "mentioned",
                "position": position,
                "evidence_start": evidence.start if evidence else None,
                "evidence_end": evidence.end if evidence else None,
                "evidence_text": evidence.text if evidence else None,
            }
        )
    return rows


def analyse_letters(session: Session, request_id: int) -> dict[int, tuple[int, Analysis]]:
    """Analyse and store every letter of the request; returns, per incoming message, the
    part that speaks for it (its most decisive letter) and that letter's analysis."""
    at = utcnow()
    per_message: dict[int, tuple[Letter, Analysis]] = {}
    for letter in letters_of(session, request_id):
        analysis = analyse_letter(letter.text)
        upsert(
            session,
            LetterAnalysis,
            [_letter_row(request_id, letter, analysis, at)],
            touch=("analysed_at",),
        )
        session.execute(
            delete(ProvisionCitation).where(
                ProvisionCitation.message_kind == "incoming",
                ProvisionCitation.message_id == letter.message_id,
                ProvisionCitation.part == letter.part,
            )
        )
        upsert(session, ProvisionCitation, citation_rows(request_id, letter, analysis))
        best = per_message.get(letter.message_id)
        if best is None or letter_rank(analysis) > letter_rank(best[1]):
            per_message[letter.message_id] = (letter, analysis)
    return {
        message_id: (letter.part, analysis)
        for message_id, (letter, analysis) in per_message.items()
    }


