"""Letters from authorities, written from templates, with the labels a reader should recover.

Every outcome and letter kind the letter analysis distinguishes has a template; exemptions are
drawn from ``pipeline.provisions.all_provisions()`` for the request's regime (FOIA, EIR or
FOISA) and printed the way authorities write them ("section 40(2) of the Freedom of
Information Act 2000"), while the labels carry the normalised citation ("FOIA s40(2)").
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pipeline.provisions import Provision, all_provisions

LETTER_KINDS = ("acknowledgement", "clarification_request", "response", "internal_review_response")
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
ACT_NAMES = {
    "FOIA": "the Freedom of Information Act 2000",
    "EIR": "the Environmental Information Regulations 2004",
    "FOISA": "the Freedom of Information (Scotland) Act 2002",
}
REGULATOR = {
    "FOIA": "the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF",
    "EIR": "the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF",
    "FOISA": "the Scottish Information Commissioner, Kinburn Castle, Doubledykes Road, St Andrews KY16 9DS",
}
# Fixed provisions per outcome and regime; None means "draw exemptions from the table".
FIXED: dict[str, dict[str, tuple[str, ...]]] = {
    "granted_in_full": {"FOIA": (), "EIR": (), "FOISA": ()},
    "not_held": {"FOIA": (), "EIR": ("reg12(4)(a)",), "FOISA": ("s17",)},
    "advice_and_assistance": {"FOIA": ("s16",), "EIR": ("reg9",), "FOISA": ("s15",)},
    "cost_limit": {"FOIA": ("s12(1)",), "EIR": ("reg12(4)(b)",), "FOISA": ("s12",)},
    "vexatious": {"FOIA": ("s14(1)",), "EIR": ("reg12(4)(b)",), "FOISA": ("s14(1)",)},
    "neither_confirm_nor_deny": {"FOIA": ("s40(5)",), "EIR": ("reg12(6)",), "FOISA": ("s18",)},
    "subject_access_redirect": {"FOIA": ("s40(1)",), "EIR": ("reg5(3)",), "FOISA": ("s38(1)(a)",)},
}


@dataclass(frozen=True, slots=True)
class LetterLabels:
    """What a careful reader learns from one letter: the ground truth for letter analysis."""

    kind: str
    outcome: str | None
    provisions: tuple[str, ...]
    review_outcome: str | None
    information_held: bool | None
    ico_signposted: bool
    requester_ref: str | None
    authority_ref: str | None
    letter_date: date


@dataclass(frozen=True, slots=True)
class Letter:
    text: str
    labels: LetterLabels


@lru_cache(maxsize=4)
def _exemptions(regime: str) -> tuple[Provision, ...]:
    return tuple(
        p
        for p in all_provisions()
        if p.regime == regime and p.kind in ("absolute", "qualified") and "-" not in p.provision
        and p.provision[0] in "sr"
    )  # fmt: skip


def _in_words(regime: str, provision: str) -> str:
    word = "regulation" if provision.startswith("reg") else "section"
    number = provision.removeprefix("reg").removeprefix("s")
    return f"{word} {number} of {ACT_NAMES[regime]}"


def pick_provisions(rng: random.Random, outcome: str, regime: str) -> tuple[str, ...]:
    fixed = FIXED.get(outcome, {}).get(regime)
    if fixed is not None:
        return tuple(f"{regime} {p}" for p in fixed)
    pool = _exemptions(regime)
    chosen = rng.sample(pool, k=1 + (rng.random() < 0.4))
    return tuple(p.citation for p in sorted(chosen, key=lambda p: pool.index(p)))


def _signpost(regime: str) -> str:
    return (
        "If you are unhappy with the way your request has been handled you may ask for an "
        "internal review by writing to us within 40 working days of the date of this letter.\n\n"
        "If you remain dissatisfied after the internal review you have the right to apply "
        f"to {REGULATOR[regime]}."
    )


def _body_for_outcome(outcome: str, regime: str, provisions: tuple[str, ...], subject: str) -> str:
    cites = [_in_words(regime, c.split(" ", 1)[1]) for c in provisions]
    cited = " and ".join(cites)
    if outcome == "granted_in_full":
        return (
            f"I can confirm that we hold information about {subject.lower()}. "
            "All of the information you asked for is enclosed with this letter."
        )
    if outcome == "partly_withheld":
        return (
            f"I can confirm that we hold information about {subject.lower()}. Some of it is "
            f"enclosed. The remainder is withheld under {cited}, as set out below; we have "
            "considered the public interest and concluded that it favours withholding it."
        )
    if outcome == "withheld_in_full":
        return (
            f"I can confirm that we hold the information you requested, but it is exempt from "
            f"disclosure under {cited}. Having weighed the public interest, we are withholding "
            "it in full."
        )
    if outcome == "not_held":
        extra = f" This letter is a notice under {cited}." if cites else ""
        return (
            f"Having searched our records, I can confirm that we do not hold information about "
            f"{subject.lower()}. The information is not held by this authority.{extra}"
        )
    if outcome == "advice_and_assistance":
        return (
            "I can confirm that we hold some relevant information, but answering your questions "
            "would mean creating new analysis, which the Act does not require. Under our duty "
            f"in {cited} to provide advice and assistance, I have explained below where "
            "published figures can be found and how you might narrow your request."
        )
    if outcome == "cost_limit":
        return (
            "We estimate that locating, retrieving and extracting this information would exceed "
            f"the appropriate cost limit, so we are not obliged to comply under {cited}. If you "
            "narrow your request, for example to a single year, we will consider it again."
        )
    if outcome == "vexatious":
        return (
            f"We consider this request to be vexatious and are refusing it under {cited}. "
            "We will not respond further to requests on this subject."
        )
    if outcome == "neither_confirm_nor_deny":
        return (
            "We can neither confirm nor deny whether we hold the information you requested. "
            f"This response is given under {cited}."
        )
    if outcome == "subject_access_redirect":
        return (
            "Your request is for your own personal data, which is exempt under "
            f"{cited}. We will deal with it as a subject access request under the UK GDPR "
            "instead, and our data protection officer will contact you."
        )
    raise ValueError(f"unknown outcome {outcome!r}")


HELD = {
    "granted_in_full": True, "partly_withheld": True, "withheld_in_full": True,
    "not_held": False, "advice_and_assistance": True,
}  # fmt: skip


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
) -> Letter:
    """A letter of ``kind`` and its labels; ``outcome`` is needed for (review) responses."""
    our_ref = f"{rng.choice(('FOI', 'FOI-', 'IR', 'CAS-'))}{rng.randrange(1000, 99999)}"
    your_ref = None if rng.random() < 0.8 else f"FOI {request_id}"
    dated = letter_date.strftime("%-d %B %Y")
    head = [authority, "", dated, "", f"Our ref: {our_ref}"]
    if your_ref:
        head.append(f"Your ref: {your_ref}")
    head += ["", f"Dear {requester},", ""]
    provisions: tuple[str, ...] = ()
    ico = False
    held: bool | None = None
    if kind == "acknowledgement":
        body = (
            f"Thank you for your request for information about {subject.lower()}, which we "
            f"received on {dated}. We are dealing with it under {ACT_NAMES[regime]} and will "
            "reply within 20 working days."
        )
        outcome = None
    elif kind == "clarification_request":
        body = (
            f"Thank you for your request about {subject.lower()}. So that we can identify the "
            "information you want, please clarify which period and which departments your "
            "request covers. We will not be able to progress it until we hear from you."
        )
        outcome = None
    elif kind == "response":
        assert outcome is not None
        provisions = pick_provisions(rng, outcome, regime)
        body = _body_for_outcome(outcome, regime, provisions, subject)
        body += "\n\n" + _signpost(regime)
        ico, held = True, HELD.get(outcome)
    elif kind == "internal_review_response":
        assert outcome is not None and review_outcome is not None
        provisions = pick_provisions(rng, outcome, regime)
        verdict = {
            "upheld": "I have concluded that the original response was correct and it is therefore upheld.",
            "partly_upheld": "I have concluded that the original response was partly correct: the decision is partly upheld and some further information is now released.",
            "overturned": "I have concluded that the original decision should be overturned, and the information is now released to you.",
        }[review_outcome]
        body = (
            "I have now completed the internal review you requested. I was not involved in the "
            f"original decision. {verdict}\n\n"
            + _body_for_outcome(outcome, regime, provisions, subject)
            + f"\n\nIf you remain dissatisfied you may apply to {REGULATOR[regime]}."
        )
        ico, held = True, HELD.get(outcome)
    else:
        raise ValueError(f"unknown letter kind {kind!r}")
    sign = [
        "",
        "Yours sincerely,",
        "",
        rng.choice(("Information Governance Team", "FOI Officer", "Information Rights Unit")),
    ]
    text = "\n".join(head) + "\n" + body + "\n" + "\n".join(sign) + "\n"
    labels = LetterLabels(
        kind=kind,
        outcome=outcome,
        provisions=provisions,
        review_outcome=review_outcome if kind == "internal_review_response" else None,
        information_held=held,
        ico_signposted=ico,
        requester_ref=your_ref,
        authority_ref=our_ref,
        letter_date=letter_date,
    )
    return Letter(text=text, labels=labels)
