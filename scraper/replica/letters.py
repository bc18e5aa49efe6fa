"""Letters from authorities, composed from phrase families, with the labels a reader should
recover.

``write_letter`` picks a family for the letter's kind and outcome (``wording``), lays it out as
a ``LetterDoc`` (letterhead, references, body, signature, annex, page furniture) and labels
it: kind, outcome, the provisions relied on (``provisions``) and every provision the words
name (``provisions_cited``, recorded by the ``Citer`` as each is written), review outcome,
whether information is held, whether the Commissioner is named, references and date.
How the letter travels (e-mail body, PDF, DOCX, forwarded e-mail, text file) is ``carry``'s
business; the labels do not depend on it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from scraper.replica.masks import wdtk_address
from scraper.replica.rng import rng_for, stable_int
from scraper.replica.wording import common, intake, refusal, release, review
from scraper.replica.wording.cite import ACT_NAMES, Citer, Ground, pick_grounds
from scraper.replica.wording.doc import Block, Heading, LetterDoc, Para, reading_text
from scraper.replica.wording.pen import DATE_STYLES, Body, Pen, questions_of
from scraper.replica.wording.profile import REVIEWERS, Profile, person, profile_for, title_for
from scraper.replica.wording.style import dress

if TYPE_CHECKING:
    from _typeshed import SupportsLenAndGetItem

T = TypeVar("T")
Family = Callable[[Pen], Body]  # a family of letters: writes one body with a pen

__all__ = [
    "ACT_NAMES",
    "LETTER_KINDS",
    "OUTCOMES",
    "OUTCOME_STATE",
    "REVIEW_OUTCOMES",
    "Letter",
    "LetterLabels",
    "letter_regime",
    "letter_rng",
    "wdtk_address",
    "write_letter",
]  # fmt: skip
LETTER_KINDS = (
    "acknowledgement", "clarification_request", "response", "internal_review_response", "other",
)  # fmt: skip
OUTCOMES = (
    "granted_in_full", "partly_withheld", "withheld_in_full", "not_held",
    "advice_and_assistance", "cost_limit", "vexatious", "neither_confirm_nor_deny",
    "subject_access_redirect",
)  # fmt: skip
REVIEW_OUTCOMES = ("upheld", "partly_upheld", "overturned")
# The request state a requester would choose after each outcome.
OUTCOME_STATE = {
    "granted_in_full": "successful",
    "partly_withheld": "partially_successful",
    "withheld_in_full": "rejected",
    "not_held": "not_held",
    "advice_and_assistance": "partially_successful",
    "cost_limit": "rejected",
    "vexatious": "rejected",
    "neither_confirm_nor_deny": "rejected",
    "subject_access_redirect": "rejected",
}
ACCESSIBLE = Ground("", "Information reasonably accessible by other means", (), False)


@dataclass(frozen=True, slots=True)
class LetterLabels:
    """What a careful reader learns from one letter: the ground truth for letter analysis."""

    kind: str
    outcome: str | None
    provisions: tuple[str, ...]  # relied on for the decision
    review_outcome: str | None
    information_held: bool | None
    ico_signposted: bool
    requester_ref: str | None
    authority_ref: str | None
    letter_date: date
    provisions_cited: tuple[str, ...] = ()  # every provision the letter names (LABELS.md)
    regime: str = ""  # FOIA | EIR | FOISA | EISR
    family: str = ""  # the phrase family that wrote it (for reports; not a label to recover)


@dataclass(frozen=True, slots=True)
class Letter:
    text: str  # the reading text, before WDTK's masks
    labels: LetterLabels
    doc: LetterDoc | None = None
    leaflet: Letter | None = None  # a "your rights" enclosure sent with it


class LetterRandom(random.Random):
    """A letter's stream, with ``choice`` and ``randrange`` drawn from one ``random()`` each:
    letters make hundreds of small choices, and the stock methods cost several Python calls
    per draw. Still a pure function of the seed."""

    def choice(self, seq: SupportsLenAndGetItem[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if stop is None:
            start, stop = 0, start
        return start + step * int(self.random() * ((stop - start + step - 1) // step))


def letter_rng(seed: int, message_id: int) -> LetterRandom:
    """The stream one incoming message's letter is written from (independent of its history)."""
    return LetterRandom(stable_int(seed, "letter", message_id))


def letter_regime(regime: str, scottish: bool) -> str:
    """The law a letter is written under: a Scottish body's EIR request is an EISR one."""
    return "EISR" if regime == "EIR" and scottish else regime


@lru_cache(maxsize=1024)
def _profile(authority: str, regime: str) -> Profile:
    return profile_for(rng_for("profile", authority), authority, regime)


def _reference(rng: random.Random, profile: Profile, regime: str, year: int, review: bool) -> str:
    n, yy = rng.randrange(100, 99999), year % 100
    forms = {
        "police": (f"FOI {n:06d}/{yy}", f"{n}/{year}", f"FOI-{yy}-{n:05d}"),
        "council": (f"FOI-{n}", f"FOI/{n}", f"{'EIR' if regime == 'EIR' else 'FOI'} {year}/{n:05d}",
                    f"CAS-{n:06d}-{rng.choice('BCDFGHJKLM')}{rng.randrange(10, 99)}{rng.choice('PQRSTVWXZ')}{rng.randrange(1, 9)}"),
        "department": (f"FOI{year}/{n:05d}", f"F{n:07d}", f"TO{year}/{n:05d}"),
        "nhs": (f"FOI {yy}-{n:04d}", f"FOI/{n}", f"FOI{n:05d}"),
        "university": (f"FOI-{year}-{n:04d}", f"FOI {yy}/{n:03d}", f"IC{n}"),
        "scottish_gov": (f"{year}00{n:06d}",),
    }.get(profile.sector, (f"FOI {n}", f"FOI-{n}", f"REF{n:06d}", f"{yy}/{n}"))  # fmt: skip
    ref = rng.choice(forms)
    return rng.choice((f"IR {ref}", f"IR-{n}", f"{ref} (IR)")) if review else ref


def write_letter(
    rng: random.Random,
    *,
    kind: str,
    regime: str,
    authority: str,
    requester: str,
    subject: str,
    letter_date: date,
    request_id: int,
    outcome: str | None = None,
    review_outcome: str | None = None,
    received: date | None = None,
    request_text: str = "",
    original_outcome: str | None = None,
    earlier: dict[str, date] | None = None,
    seed: int = 0,
    stage: str | None = None,
) -> Letter:
    """A letter of ``kind`` and its labels; ``outcome`` is needed for (review) responses.

    ``kind`` "other" is a holding or delay notice; ``stage="review"`` with an acknowledgement
    acknowledges a request for internal review. Refusals of one request rest on the same
    grounds in every letter (drawn from ``seed`` and ``request_id``).
    """
    if kind not in LETTER_KINDS:
        raise ValueError(f"unknown letter kind {kind!r}")
    if kind in ("response", "internal_review_response") and outcome not in OUTCOMES:
        raise ValueError(f"a {kind} needs an outcome, got {outcome!r}")
    if kind == "internal_review_response" and review_outcome not in (*REVIEW_OUTCOMES, None):
        raise ValueError(f"unknown review outcome {review_outcome!r}")
    profile = _profile(authority, regime)
    reviewing = kind == "internal_review_response" or stage == "review"
    our_ref = _reference(rng, profile, regime, letter_date.year, reviewing)
    pen = Pen(
        rng=rng, cite=Citer(rng, regime), profile=profile, regime=regime, requester=requester,
        subject=subject, letter_date=letter_date, our_ref=our_ref,
        received=received or letter_date, questions=questions_of(request_text),
        grounds=_grounds(seed, request_id, regime, profile.sector), date_style=rng.choice(DATE_STYLES),
        earlier=dict(earlier or {}), original_outcome=original_outcome,
    )  # fmt: skip
    decided = kind in ("response", "internal_review_response")
    leaflet = (
        _leaflet(pen, kind == "internal_review_response") if decided and pen.chance(0.1) else None
    )
    body, rights_blocks, signposted = _compose(
        pen, kind, outcome, review_outcome, stage, leaflet is not None
    )
    doc = dress(pen, body, rights_blocks, kind=kind,
                signer=_signer(pen, reviewing), address=wdtk_address(request_id))  # fmt: skip
    your_ref = None if rng.random() < 0.8 else f"FOI {request_id}"
    if your_ref:
        doc.refs = (*doc.refs[:1], ("Your ref", your_ref), *doc.refs[1:])
    raw = reading_text(doc)
    cited = pen.cite.cited_in(raw)
    doc.words = pen.cite.words
    relied = tuple(f"{regime} {p}" for p in body.relied) if decided else ()
    if not set(relied) <= set(cited):
        raise AssertionError(f"{body.family}: relies on {relied} but names only {cited}")
    labels = LetterLabels(
        kind=kind,
        outcome=outcome if decided else None,
        provisions=relied,
        review_outcome=review_outcome if kind == "internal_review_response" else None,
        information_held=body.held if decided else None,
        ico_signposted=signposted or body.signposted,
        requester_ref=your_ref,
        authority_ref=our_ref,
        letter_date=letter_date,
        provisions_cited=cited,
        regime=regime,
        family=body.family,
    )
    return Letter(text=pen.cite.resolve(raw), labels=labels, doc=doc, leaflet=leaflet)


def _grounds(seed: int, request_id: int, regime: str, sector: str) -> tuple[Ground, ...]:
    """The exemptions every refusal of this request relies on (fixed per request)."""
    rng = rng_for(seed, "grounds", request_id, regime)
    if rng.random() < 0.12:
        return (replace(ACCESSIBLE, provision=refusal.ACCESSIBLE[regime]),)
    return pick_grounds(rng, regime, sector, 2 if rng.random() < 0.35 else 1)


def _compose(pen: Pen, kind: str, outcome: str | None, review_outcome: str | None,
             stage: str | None, leaflet: bool) -> tuple[Body, list[Block], bool]:  # fmt: skip
    """The body of the letter, the rights blocks that close it, and whether they name the
    Commissioner (not when the rights are in an enclosed leaflet)."""
    if kind == "acknowledgement":
        if stage == "review":
            return intake.review_receipt(pen), [], False
        families = [
            (f, w)
            for f, w in intake.ACKNOWLEDGEMENTS
            if f is not intake.extension or pen.regime in ("FOIA", "EIR")
        ]
        return _weighted(pen, families)(pen), [], False
    if kind == "clarification_request":
        return _weighted(pen, intake.CLARIFICATIONS)(pen), [], False
    if kind == "other":
        return intake.holding(pen), [], False
    assert outcome is not None
    if kind == "response":
        body = (release.RELEASES | refusal.REFUSALS)[outcome](pen)
    else:
        body = review.review_body(pen, outcome, review_outcome)
    if leaflet:
        pointer = Para(
            "Please see the enclosed leaflet, which explains what you can do if you remain dissatisfied."
            if kind == "internal_review_response"
            else "Please see the enclosed leaflet, which explains how to ask for a review of this decision."
        )
        return body, [pointer, *common.closing(pen)], False
    if kind == "response" and outcome == "granted_in_full" and pen.chance(0.08):
        return body, common.closing(pen), False  # no rights block at all
    blocks, named = common.rights(pen, reviewed=kind == "internal_review_response")
    return body, blocks + common.closing(pen), named


def _weighted(pen: Pen, families: Sequence[tuple[Family, int]]) -> Family:
    roll = pen.rng.randrange(sum(w for _, w in families))
    for family, weight in families:
        roll -= weight
        if roll < 0:
            return family
    return families[-1][0]


def _signer(pen: Pen, reviewing: bool) -> tuple[str, ...]:
    profile = pen.profile
    if not reviewing and pen.chance(0.3):
        return (profile.team, profile.name)
    name = person(pen.rng)
    title = pen.pick(REVIEWERS) if reviewing else title_for(pen.rng, profile.sector)
    if pen.chance(0.5):
        return (name, title, profile.team, profile.name)
    return (name, title)


def _leaflet(pen: Pen, reviewed: bool) -> Letter:
    """The rights enclosure: a letter of kind ``other`` that names the Commissioner."""
    citer = Citer(pen.rng, pen.regime)
    blocks, named = common.rights(replace(pen, cite=citer), reviewed=reviewed, leaflet=True)
    body = Body(
        "other/rights_leaflet",
        [
            Heading(
                pen.pick(("Your rights", "Complaint rights", "Your right to request a review"))
            ),
            *blocks,
        ],
    )
    doc = LetterDoc(family=body.family, authority=pen.profile.name, letterhead=(pen.profile.name,),
                    blocks=body.blocks, closing="", marking=pen.profile.marking)  # fmt: skip
    cited = citer.cited_in(reading_text(doc))
    doc.words = citer.words
    labels = LetterLabels(
        kind="other", outcome=None, provisions=(), review_outcome=None, information_held=None,
        ico_signposted=named, requester_ref=None, authority_ref=None, letter_date=pen.letter_date,
        provisions_cited=cited, regime=pen.regime, family=body.family,
    )  # fmt: skip
    return Letter(text=citer.resolve(reading_text(doc)), labels=labels, doc=doc)
