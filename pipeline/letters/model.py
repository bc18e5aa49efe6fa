"""The analysis of one letter: every inferred field with a confidence and its evidence span.

Offsets index the text given to ``analyse_letter`` (``text[start:end] == evidence.text``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")

Kind = Literal[
    "acknowledgement", "clarification_request", "response", "internal_review_response", "other"
]
Outcome = Literal[
    "granted_in_full",
    "partly_withheld",
    "withheld_in_full",
    "not_held",
    "advice_and_assistance",
    "cost_limit",
    "vexatious",
    "neither_confirm_nor_deny",
    "subject_access_redirect",
]
ReviewOutcome = Literal["upheld", "partly_upheld", "overturned"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
OUTCOMES: tuple[str, ...] = Outcome.__args__  # type: ignore[attr-defined]
REVIEW_OUTCOMES: tuple[str, ...] = ReviewOutcome.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Evidence:
        return cls(start, end, text[start:end])

    def as_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Finding(Generic[T]):
    value: T
    confidence: float = 0.0
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    citation: str  # normalised: "FOIA s40(2)", "EIR reg12(5)(e)", "FOISA s38(1)(b)"
    relied_on: bool  # False for rights-block and procedural mentions (s1, s17, s50 …)
    confidence: float
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Reference:
    role: Literal["ours", "yours", "case"]
    value: str
    evidence: Evidence


@dataclass(slots=True)
class LetterAnalysis:
    kind: Finding[Kind]
    regime: Finding[str]
    letter_date: Finding[date | None]
    wdtk_request_id: Finding[int | None]
    references: list[Reference]
    outcome: Finding[Outcome | None]
    information_held: Finding[bool | None]
    citations: list[Citation]
    public_interest_test: Finding[bool]
    review_outcome: Finding[ReviewOutcome | None]
    review_requested_on: Finding[date | None]
    original_response_on: Finding[date | None]
    reviewer_role: Finding[str | None]
    ico_signposted: Finding[bool]
    regulator: str | None  # "ICO" or "SIC"
    regulator_case_refs: list[Reference] = field(default_factory=list)
    internal_review_offered: Finding[bool] = field(default_factory=lambda: Finding(False))
    authority: Finding[str | None] = field(default_factory=lambda: Finding(None))
    addressed_to: Finding[str | None] = field(default_factory=lambda: Finding(None))
    questions_in_request: Finding[int | None] = field(default_factory=lambda: Finding(None))
    extension_claimed: Finding[bool] = field(default_factory=lambda: Finding(False))
    cited: list[Citation] = field(default_factory=list)  # first mention of each distinct form

    @property
    def provisions(self) -> list[str]:
        """Provisions relied on, normalised, in order of first mention."""
        return [c.citation for c in self.citations if c.relied_on]

    @property
    def provisions_cited(self) -> list[str]:
        """Every provision the letter names, relied on or not, one entry per distinct
        normalised form (``FOIA s14`` beside ``FOIA s14(1)``), in order of first mention."""
        return [c.citation for c in self.cited]

    @property
    def disclosed(self) -> str | None:
        return {
            "granted_in_full": "all",
            "partly_withheld": "some",
            None: None,
        }.get(self.outcome.value, "none")

    def to_dict(self) -> dict[str, object]:
        """The JSON shape ``wdtk letter`` prints: values first, then evidence per field."""
        findings: dict[str, Finding[Any]] = {
            "kind": self.kind,
            "regime": self.regime,
            "letter_date": self.letter_date,
            "wdtk_request_id": self.wdtk_request_id,
            "outcome": self.outcome,
            "information_held": self.information_held,
            "public_interest_test": self.public_interest_test,
            "review_outcome": self.review_outcome,
            "review_requested_on": self.review_requested_on,
            "original_response_on": self.original_response_on,
            "reviewer_role": self.reviewer_role,
            "ico_signposted": self.ico_signposted,
            "internal_review_offered": self.internal_review_offered,
            "authority": self.authority,
            "addressed_to": self.addressed_to,
            "questions_in_request": self.questions_in_request,
            "extension_claimed": self.extension_claimed,
        }
        out: dict[str, object] = {name: _plain(finding.value) for name, finding in findings.items()}
        out["references"] = [{"role": r.role, "value": r.value} for r in self.references]
        out["provisions"] = self.provisions
        out["provisions_cited"] = self.provisions_cited
        out["disclosed"] = self.disclosed
        out["regulator"] = self.regulator
        out["regulator_case_refs"] = [r.value for r in self.regulator_case_refs]
        evidence: dict[str, object] = {
            name: {"confidence": round(f.confidence, 2), **f.evidence.as_dict()}
            for name, f in findings.items()
            if f.evidence is not None
        }
        evidence["references"] = [r.evidence.as_dict() for r in self.references]
        evidence["citations"] = [
            {
                "citation": c.citation,
                "relied_on": c.relied_on,
                "confidence": round(c.confidence, 2),
                **c.evidence.as_dict(),
            }
            for c in self.citations
        ]
        evidence["provisions_cited"] = [
            {"citation": c.citation, **c.evidence.as_dict()} for c in self.cited
        ]
        out["evidence"] = evidence
        return out


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
