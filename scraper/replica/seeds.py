"""The two real seed letters, served as PDF attachments of requests 540577 and 599512.

The package must run without the checkout's ``../shared`` directory, so the letters are read
from a configurable directory and replaced by a synthetic stand-in when it is missing. Their
labels are the facts in ``shared/seeds/expected.yaml``, restated here because the package may
not read that file at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scraper.replica.letters import LetterLabels


@dataclass(frozen=True, slots=True)
class SeedLetter:
    request_id: int
    prefix: str  # file name prefix in the seeds directory
    filename: str  # attachment name on the thread page
    labels: LetterLabels
    authority_index: int  # index into names.NATIONAL
    title: str
    sent_on: date  # the original request
    response_on: date  # first response (for 540577 the original response under review)
    review_requested_on: date | None


SEED_LETTERS: tuple[SeedLetter, ...] = (
    SeedLetter(
        request_id=540577,
        prefix="000_",
        filename="Internal Review Response CAF 18 172.pdf",
        labels=LetterLabels(
            kind="internal_review_response",
            outcome="not_held",
            provisions=(),
            review_outcome="upheld",
            information_held=False,
            ico_signposted=True,
            requester_ref="CAF 18-172",
            authority_ref="Gov/CAF 18-172",
            letter_date=date(2019, 1, 31),
            provisions_cited=(),
            regime="FOIA",
            family="seed/real_letter",
        ),
        authority_index=0,
        title="Cafcass policy on recording concerns",
        sent_on=date(2018, 12, 7),
        response_on=date(2019, 1, 8),
        review_requested_on=date(2019, 1, 10),
    ),
    SeedLetter(
        request_id=599512,
        prefix="003_",
        filename="FOI response CAS 427211 VZ73LT.pdf",
        labels=LetterLabels(
            kind="response",
            outcome="advice_and_assistance",
            provisions=("FOIA s16",),
            review_outcome=None,
            information_held=True,
            ico_signposted=True,
            requester_ref=None,
            authority_ref="CAS-427211-VZ73LT",
            letter_date=date(2019, 9, 19),
            provisions_cited=("FOIA s16",),
            regime="FOIA",
            family="seed/real_letter",
        ),
        authority_index=1,
        title="Evidence base for the 2018 inspection of Cafcass",
        sent_on=date(2019, 8, 21),
        response_on=date(2019, 9, 19),
        review_requested_on=None,
    ),
)
SEED_BY_REQUEST = {s.request_id: s for s in SEED_LETTERS}


def load_seed_text(seed: SeedLetter, directory: Path | None) -> tuple[str, bool]:
    """The letter text and whether it is the real one (False: synthetic stand-in)."""
    if directory is not None and directory.is_dir():
        for path in sorted(directory.glob(f"{seed.prefix}*.txt")):
            return path.read_text("utf-8"), True
    return _stand_in(seed), False


def _stand_in(seed: SeedLetter) -> str:
    lab = seed.labels
    when = lab.letter_date.strftime("%-d %B %Y")
    if lab.kind == "internal_review_response":
        body = (
            "Thank you for your email requesting an internal review. The reviewer, who was not "
            "party to the original decision, has concluded that we do not hold the information "
            "requested. The response is therefore upheld."
        )
    else:
        body = (
            "I can confirm that we hold the evidence base, but we do not propose to disclose it: "
            "answering would require new analysis. Under Section 16 of the Freedom of "
            "Information Act 2000 we offer the following advice and assistance. You may request "
            "a formal internal review."
        )
    refs = f"Our ref: {lab.authority_ref}\n" + (
        f"Your ref: {lab.requester_ref}\n" if lab.requester_ref else ""
    )
    return (
        f"{refs}\n{when}\n\nDear Ms Soeder,\n\n{body}\n\nIf you are not satisfied you may "
        "contact the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow.\n"
    )
