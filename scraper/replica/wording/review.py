"""Internal review outcomes: upheld, partly upheld, overturned, and reviews of a failure to
respond (which decide the request for the first time and have no review outcome)."""

from __future__ import annotations

from scraper.replica.wording import common
from scraper.replica.wording.cite import FIXED
from scraper.replica.wording.doc import Block, Heading, Para
from scraper.replica.wording.pen import Body, Pen, cap
from scraper.replica.wording.refusal import REFUSALS
from scraper.replica.wording.release import RELEASES, _answers


def _law(p: Pen) -> str:
    if p.regime == "EIR":
        return p.cite.one("reg11", act=True)
    if p.regime == "EISR":
        return p.cite.one("reg16", act=True)
    if p.regime == "FOISA":
        return p.cite.one("s21", act=True) if p.chance(0.4) else "FOISA"
    return p.act()


def _original(p: Pen, outcome: str) -> str:
    """What the response under review decided, in a clause."""
    if outcome == "not_held":
        relied = p.pick(FIXED["not_held"][p.regime])
        tail = f" ({p.cite.many(relied)})" if relied and p.chance(0.6) else ""
        return f"stating that the information was not held{tail}"
    if outcome == "cost_limit":
        return f"refusing your request under {p.cite.many(p.pick(FIXED['cost_limit'][p.regime]))} on the grounds of cost"
    cited = p.ground_cites(p.grounds)
    if outcome == "partly_withheld":
        return f"providing some of the information and withholding the rest under {cited}"
    return f"withholding the information under {cited}"


def _intro(p: Pen, original: str) -> list[Block]:
    asked = p.day(p.earlier.get("review_requested", p.letter_date))
    responded = p.earlier.get("responded")
    when = f" on {p.day(responded)}" if responded else ""
    blocks: list[Block] = [Para(p.pick((
        f"I have now completed the internal review you requested on {asked} of our response to your request for information (reference {p.our_ref}).",
        f"Thank you for your email of {asked}, in which you asked for an internal review of our handling of your request about {p.topic}. I have now carried out that review under {_law(p)}.",
        f"I write in response to your request for an internal review, received on {asked}.",
    )))]  # fmt: skip
    if p.chance(0.6):
        blocks.append(
            Para(
                f"We responded to your request{when}, {original}. In your request for review you said that you did not accept that this decision was correct."
            )
        )
    blocks.append(Para(p.pick((
        "I was not involved in the original decision. I have reviewed the request, the response, the information itself and the reasons given.",
        "The purpose of an internal review is to consider whether the original response was correct. I have considered the matter afresh, and I had no involvement in the original decision.",
        "In carrying out this review I have looked again at the searches made, the information held and the exemptions applied.",
    ))))  # fmt: skip
    return blocks


VERDICTS = {
    "upheld": (
        "I have concluded that the original response was correct, and I therefore uphold it.",
        "Having considered all the circumstances, I am satisfied that the original decision was right. The original decision is upheld.",
        "My conclusion is that the decision was correct, and I do not uphold your complaint.",
    ),
    "partly_upheld": (
        "I have decided to uphold the original decision in part.",
        "I partially uphold your complaint: some of the information withheld can now be released to you.",
        "The original decision is partly upheld.",
    ),
    "overturned": (
        "I have decided not to uphold the original decision, and the information is now released to you.",
        "I have concluded that the original decision should be overturned.",
        "Your complaint is upheld, and I have decided to release the information to you.",
    ),
}  # fmt: skip
FOISA_VERDICT = {"upheld": ("s21(4)(a)", "to confirm the original decision without modification"),
                 "partly_upheld": ("s21(4)(a)", "to confirm the original decision with modifications"),
                 "overturned": ("s21(4)(b)", "to substitute a different decision")}  # fmt: skip


def _verdict(p: Pen, review: str) -> Para:
    if p.regime == "FOISA" and p.chance(0.5):
        provision, what = FOISA_VERDICT[review]
        word = {"upheld": "uphold the original decision", "partly_upheld": "partly uphold the original decision",
                "overturned": "overturn the original decision"}[review]  # fmt: skip
        return Para(
            f"In accordance with {p.cite.one(provision, act=True)}, I have decided {what}; that is, I {word}.",
            emphasis=True,
        )
    return Para(p.pick(VERDICTS[review]), emphasis=p.chance(0.4))


def upheld(p: Pen, final: str) -> Body:
    original = p.original_outcome or final
    blocks = [*_intro(p, _original(p, original)), _verdict(p, "upheld")]
    relied: tuple[str, ...]
    if final == "not_held":
        relied = p.pick(FIXED["not_held"][p.regime])
        notice = (
            f" The response was therefore correct to rely on {p.cite.many(relied)}."
            if relied
            else ""
        )
        blocks.append(
            Para(
                "I am satisfied that the searches carried out were adequate and were directed at the places where the information would be held if it existed. The information is not held."
                + notice
            )
        )
        held: bool | None = False
    elif final == "cost_limit":
        relied = p.pick(FIXED["cost_limit"][p.regime])
        blocks.append(
            Para(
                f"I have checked the estimate and I agree that complying with your request would exceed the cost limit, so {p.cite.many(relied)} was correctly applied."
            )
        )
        held = None
    else:
        relied = tuple(g.provision for g in p.grounds)
        blocks.append(Para(p.pick((
            f"I am satisfied that {p.ground_cites(p.grounds)} was correctly applied to the information you requested.",
            f"Having examined the withheld information, I agree that it is exempt under {p.ground_cites(p.grounds, act=True)}.",
        ))))  # fmt: skip
        for ground in p.grounds:
            blocks += common.exemption_explained(p, ground, heading=p.chance(0.5))
        blocks += common.public_interest(p, p.grounds)
        held = True
    if p.chance(0.3):
        blocks.append(
            Para(
                "I note, however, that our original response was sent after the 20 working day deadline. I apologise for this delay, and I have reminded the team of the importance of responding on time."
            )
        )
    return Body(f"internal_review_response/upheld/{final}", blocks, relied=relied, held=held)


def partly_upheld(p: Pen, final: str) -> Body:
    blocks = [
        *_intro(p, _original(p, p.original_outcome or "withheld_in_full")),
        _verdict(p, "partly_upheld"),
    ]
    kept, dropped = p.grounds[0], p.grounds[1:]
    kept_cite = p.cite.one(kept.provision, act=p.chance(0.3))
    if dropped:
        blocks.append(
            Para(
                f"I am satisfied that {kept_cite} was correctly applied. However, I do not consider that {p.ground_cites(dropped)} is engaged, and the information withheld under it is now enclosed."
            )
        )
    else:
        blocks.append(
            Para(
                f"I agree that some of the information is exempt under {kept_cite}, but I consider that it was applied too widely. A less redacted copy of the documents is enclosed; the information that remains withheld is exempt for the reasons below."
            )
        )
    blocks += common.exemption_explained(p, kept, heading=p.chance(0.4))
    blocks += common.public_interest(p, (kept,))
    return Body(
        f"internal_review_response/partly_upheld/{final}",
        blocks,
        relied=(kept.provision,),
        held=True,
    )


def overturned(p: Pen, final: str) -> Body:
    original = p.original_outcome or "withheld_in_full"
    blocks = [*_intro(p, _original(p, original)), _verdict(p, "overturned")]
    if original == "not_held":
        blocks.append(
            Para(
                "Further searches carried out as part of this review have located information within the scope of your request, and I apologise that it was not found earlier."
            )
        )
    else:
        blocks.append(Para(p.pick((
            "I have concluded that the exemption was not engaged, because disclosure would not cause the harm described in the original response.",
            "Having looked again at the balance of the public interest, I consider that it favours disclosure.",
        ))))  # fmt: skip
    if p.questions and p.chance(0.6):
        blocks.append(Para("The information is provided below."))
        blocks += _answers(p, ["answer"] * len(p.questions), {})
    else:
        blocks.append(Para("The information you requested is enclosed with this letter."))
    return Body(f"internal_review_response/overturned/{final}", blocks, held=True)


def failure_to_respond(p: Pen, final: str) -> Body:
    """A review of a request that was never answered: it now gives the decision."""
    asked = p.day(p.earlier.get("review_requested", p.letter_date))
    if p.regime == "FOISA":
        lead = f"I have now completed my review of our failure to respond to your request, as you required on {asked}. In accordance with {p.cite.one('s21(4)(c)', act=True)}, I have also reached a decision on your request, which is set out below."
    else:
        lead = f"Thank you for your email of {asked} asking for an internal review, as you had not received a response to your request. I apologise that we did not respond within 20 working days. As part of this review I have now dealt with your request, and our response is set out below."
    inner = (RELEASES | REFUSALS)[final](p)
    blocks: list[Block] = [
        Para(lead),
        Heading(p.pick(("Response", "Our response to your request", "Decision"))),
    ]
    blocks += [
        b
        for b in inner.blocks
        if not (
            isinstance(b, Para)
            and b.text.startswith(
                (
                    "Thank you for your",
                    "I refer to",
                    "Your request for information",
                    "Further to",
                    "I write in connection",
                )
            )
        )
    ]
    return Body(
        f"internal_review_response/failure_to_respond/{final}",
        blocks,
        relied=inner.relied,
        held=inner.held,
    )


def review_body(p: Pen, final: str, review: str | None) -> Body:
    if review is None:
        return failure_to_respond(p, final)
    writer = {"upheld": upheld, "partly_upheld": partly_upheld, "overturned": overturned}[review]
    body = writer(p, final)
    if p.chance(0.2):
        body.blocks.insert(0, Para(cap(f"{p.act(True)} – internal review")))
    return body
