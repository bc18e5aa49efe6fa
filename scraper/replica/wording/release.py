"""Responses that release information or say it is not held: granted in full, partly
withheld, not held, and answers given as advice and assistance."""

from __future__ import annotations

from collections.abc import Callable

from scraper.replica.wording import common
from scraper.replica.wording.cite import FIXED
from scraper.replica.wording.doc import Answer, Block, Para, Table
from scraper.replica.wording.pen import Body, Pen, cap

LABELS = ("{n}.", "Q{n}.", "Question {n}:", "{n})", "Part {n} -", "{n}.")
LEADS = ("", "", "Response:", "Answer:", "A:", "Our response:")
NOT_HELD_REASONS = (
    "This information is not recorded in a way that would allow us to identify it.",
    "We do not collect this information as part of our normal business.",
    "The service concerned was provided by a contractor, and the information is held by them rather than by us.",
    "Records of this kind are kept for six years and those for the period you ask about have been destroyed in line with our retention schedule.",
    "There is no legal or business requirement for us to record this information.",
)
OTHER_BODIES = (
    "the Department for Transport",
    "the local health board",
    "NHS England",
    "the Office for National Statistics",
    "the relevant county council",
    "the Home Office",
)


def _years(p: Pen) -> tuple[str, ...]:
    last = p.letter_date.year - 1
    if p.chance(0.5):
        return tuple(f"{y}/{str(y + 1)[2:]}" for y in range(last - 2, last + 1))
    return tuple(str(y) for y in range(last - 2, last + 1))


def answer_for(p: Pen, question: str) -> tuple[list[str], Table | None]:
    """An answer to one of the request's points, with figures where it asks for figures."""
    q = question.lower()
    if "number" in q or "amount" in q or "spent" in q:
        money = "amount" in q or "spent" in q
        head = ("Financial year" if money else "Year", "Amount (£)" if money else "Number")
        rows = tuple(
            (y, f"{p.rng.randrange(1000, 250000):,}" if money else str(p.rng.randrange(0, 400)))
            for y in _years(p)
        )
        return [p.pick(("Please see the table below.", "The figures are as follows:", "The information is provided below."))], Table(head, rows)  # fmt: skip
    if "contract" in q or "supplier" in q:
        rows = tuple((s, f"£{p.rng.randrange(5000, 900000):,}") for s in p.rng.sample(("Northgate Services Ltd", "Amberley Consulting", "Civic Systems plc", "Harrow & Vale LLP", "Greenfield Facilities Ltd"), 2))  # fmt: skip
        return ["The contracts awarded and the suppliers are listed below."], Table(
            ("Supplier", "Contract value"), rows
        )
    if "job title" in q or "officer" in q:
        return [p.pick(("The officers responsible are the Head of Service and the Service Manager.",
                        "Responsibility sits with the Assistant Director, supported by two Team Leaders."))], None  # fmt: skip
    if "polic" in q or "guidance" in q:
        return [p.pick(("A copy of the relevant policy is attached.", "The guidance we follow is attached to this response; no other documents are held."))], None  # fmt: skip
    if "report" in q:
        return [
            f"{p.pick(('Two', 'Three', 'Four'))} reports are held and copies are enclosed with this letter."
        ], None
    return ["Please see the attached document."], None


def _answers(p: Pen, fates: list[str], grounds_at: dict[int, str]) -> list[Block]:
    """Numbered answers; ``fates`` says for each question: answer, exempt, not_held."""
    label, lead = p.pick(LABELS), p.pick(LEADS)
    blocks: list[Block] = []
    for n, (question, fate) in enumerate(zip(p.questions, fates, strict=True), 1):
        table = None
        if fate == "answer":
            text, table = answer_for(p, question)
        elif fate == "exempt":
            text = [p.pick((
                f"This information is exempt from disclosure under {grounds_at[n]}. Please see the explanation below.",
                f"This part of your request is refused under {grounds_at[n]}; our reasons are set out below.",
                f"Information is held but is withheld under {grounds_at[n]}.",
            ))]  # fmt: skip
        else:
            text = [p.pick(("No information is held.", "The information is not held.",
                            "We do not hold this information.")) + " " + p.pick(NOT_HELD_REASONS)]  # fmt: skip
        blocks.append(Answer(label.format(n=n), question, tuple(text), lead))
        if table is not None:
            blocks.append(table)
    return blocks


def granted(p: Pen) -> Body:
    blocks = common.opening(p, restate=not p.questions or p.chance(0.3))
    if p.chance(0.5):
        blocks.append(common.search_done(p))
    blocks.append(Para(p.pick((
        f"I can confirm that {p.we()} holds the information you requested, and it is provided below.",
        f"I am pleased to confirm that {p.we()} holds the information you have asked for. Our response to each part of your request is set out below.",
        "Please find the information you requested below.",
        "I have answered each of your questions in turn.",
    ))))  # fmt: skip
    family = "response/granted_in_full/enclosed"
    if p.questions and p.chance(0.7):
        blocks += _answers(p, ["answer"] * len(p.questions), {})
        family = "response/granted_in_full/numbered"
    else:
        blocks.append(Para(p.pick((
            "All of the information you asked for is enclosed with this letter.",
            "The information is contained in the attached spreadsheet, which covers every part of your request.",
            f"I enclose copies of the documents held by {p.we()} that fall within the scope of your request.",
        ))))  # fmt: skip
    return Body(family, blocks, held=True)


def partly(p: Pen) -> Body:
    blocks = common.opening(p)
    grounds = p.grounds
    cited = p.ground_cites(grounds, act=p.chance(0.4))
    held: bool | None = True
    if len(p.questions) >= 2 and p.chance(0.7):
        fates = ["answer"] * len(p.questions)
        exempt_at = p.rng.randrange(len(fates))
        fates[exempt_at] = "exempt"
        if len(fates) >= 3 and p.chance(0.5):
            fates[(exempt_at + 1) % len(fates)] = "not_held"
            held = None
        blocks.append(Para(p.pick((
            "I can confirm that we hold some of the information you have requested. Our response to each part of your request is below.",
            "We are able to provide some of the information you asked for; however, some of it is exempt from disclosure, as explained below.",
        ))))  # fmt: skip
        blocks += _answers(p, fates, {exempt_at + 1: cited})
        family = "response/partly_withheld/numbered"
    elif grounds[0].topic.startswith("Information reasonably accessible"):
        blocks.append(
            Para(
                f"Some of the information you asked for is already published, and is exempt under {cited} because it is reasonably accessible to you; the remainder is provided below."
            )
        )
        family = "response/partly_withheld/published"
    else:
        blocks.append(Para(p.pick((
            f"I enclose copies of the documents that fall within the scope of your request. Some information has been redacted under {cited}, for the reasons set out below. The remainder of the information is released to you in full.",
            f"I am able to disclose some of the information you asked for, which is attached. However, I am withholding the remaining information under {cited}.",
            f"Most of the information you requested is provided below. Some details have been withheld because they are exempt from disclosure under {cited}.",
        ))))  # fmt: skip
        family = "response/partly_withheld/redacted"
    heading = p.chance(0.6)
    for ground in grounds:
        blocks += common.exemption_explained(p, ground, heading=heading)
    blocks += common.public_interest(p, grounds)
    blocks += common.refusal_notice(p)
    return Body(family, blocks, relied=tuple(g.provision for g in grounds), held=held)


def not_held(p: Pen) -> Body:
    relied = p.pick(FIXED["not_held"][p.regime])
    blocks = common.opening(p)
    if p.chance(0.6):
        blocks.append(common.search_done(p))
    family = "response/not_held/statement"
    if relied:
        law = p.cite.many(relied, act=p.chance(0.6))
        notice = p.pick((
            f"I can confirm that {p.we()} does not hold the information you have requested. This letter is a notice under {law} that the information is not held.",
            f"Under {law}, I must tell you that we do not hold the information you asked for.",
            f"The information you requested is not held. We are therefore applying {law}.",
        ))  # fmt: skip
        blocks.append(Para(notice))
    elif p.questions and p.chance(0.5):
        blocks.append(Para("Our response to each part of your request is below."))
        blocks += _answers(p, ["not_held"] * len(p.questions), {})
        family = "response/not_held/numbered"
    else:
        s1 = p.cite.one("s1(1)(a)", act=True) if p.chance(0.25) else ""
        blocks.append(Para(p.pick((
            f"Following a thorough search of our records, I can confirm that {p.we()} does not hold the information you have requested.",
            f"I can confirm that no recorded information is held by {p.we()} that falls within the scope of your request.",
            f"Unfortunately, the information you have asked for is not held by {p.we()}.",
        )) + (f" {cap(s1)} requires us to tell you whether we hold the information, and we do not." if s1 else "")))  # fmt: skip
    blocks.append(Para(p.pick(NOT_HELD_REASONS)))
    if p.chance(0.4):
        duty = (
            p.cite.one(
                {"FOIA": "s16", "EIR": "reg9(1)", "FOISA": "s15", "EISR": "reg9(1)"}[p.regime]
            )
            if p.chance(0.5)
            else "our duty to advise and assist"
        )
        blocks.append(
            Para(
                f"In line with {duty}, you may wish to contact {p.pick(OTHER_BODIES)}, who may hold information of this kind."
            )
        )
        family = family.replace("statement", "redirect")
    if p.chance(0.3):
        blocks.append(
            Para(
                f"Please note that {p.act()} only covers recorded information. It does not require us to create new information in order to answer a request."
            )
        )
    return Body(family, blocks, relied=relied, held=False)


def advice(p: Pen) -> Body:
    relied = p.pick(FIXED["advice_and_assistance"][p.regime])
    duty = p.cite.many(relied, act=p.chance(0.6))
    blocks = common.opening(p)
    held: bool | None
    if p.chance(0.5):
        blocks.append(Para(p.pick((
            "Your questions ask us to explain our position rather than for recorded information, so they fall outside the scope of the Act. However, I hope the following explanation is helpful.",
            "The Act gives a right of access to recorded information; it does not require us to answer general questions or create new information.",
        ))))  # fmt: skip
        blocks.append(
            Para(
                f"Under {duty}, I can explain that decisions about {p.topic} are taken by the relevant committee, whose minutes are published on our website, and that the figures you mention are summarised in our annual report."
            )
        )
        family, held = "response/advice_and_assistance/explanation", None
    else:
        blocks.append(
            Para(
                f"I can confirm that we hold the underlying records. However, answering your questions as framed would require us to carry out new analysis, which the Act does not require. Under {duty}, we offer the following advice and assistance."
            )
        )
        blocks.append(
            Para(
                "Similar figures are published each year in our performance report, and if you were to ask for the information we already hold in that form, we would be able to provide it."
            )
        )
        family, held = "response/advice_and_assistance/new_analysis", True
    return Body(family, blocks, relied=relied, held=held)


RELEASES: dict[str, Callable[[Pen], Body]] = {
    "granted_in_full": granted, "partly_withheld": partly, "not_held": not_held,
    "advice_and_assistance": advice,
}  # fmt: skip
