"""Letters that decide nothing: receipts, time extensions, clarification requests and
holding notices."""

from __future__ import annotations

from collections.abc import Callable

from scraper.replica.wording.doc import Block, Bullets, Para
from scraper.replica.wording.pen import Body, Pen, cap


def _timescale(p: Pen) -> str:
    due = p.day(p.due())
    if p.environmental:
        law = p.cite.one("reg5(2)", act=True) if p.chance(0.35) else p.act()
    elif p.chance(0.3):
        law = p.cite.one("s10(1)", act=True)
    else:
        law = p.act()
    return p.pick((
        f"We will respond promptly and in any event within 20 working days, as required by {law}.",
        f"A response will be issued within 20 working days, by {due}.",
        f"You should receive a response by {due}, which is 20 working days from the date we received your request, in line with {law}.",
        f"{cap(p.we())} aims to respond within the statutory timescale of 20 working days.",
    ))  # fmt: skip


def automated(p: Pen) -> Body:
    blocks: list[Block] = [
        Para(p.pick((
            f"Thank you for contacting the {p.profile.team}. This is an automated response to confirm that we have received your email.",
            "This is an automatic acknowledgement. Your message has been received.",
            f"Thank you for your email to {p.profile.name}. We confirm receipt of your message.",
        ))),
        Para(p.pick((
            f"If your email is a request for information under {p.act(True)}, it will be logged and you will receive a response within 20 working days.",
            "Requests for information are normally answered within 20 working days of receipt.",
            f"If your email is a valid request, it will be processed under {p.act()} and you will be sent a reference number.",
        ))),
    ]  # fmt: skip
    if p.chance(0.6):
        blocks.append(Para(p.pick((
            "Please do not reply to this email, as this mailbox is not monitored.",
            "If you have not received a reference number within five working days, please contact us.",
            "Please note that this is an automated message and replies to it are not read.",
        ))))  # fmt: skip
    return Body("acknowledgement/automated", blocks)


def received_on(p: Pen) -> Body:
    blocks: list[Block] = [
        Para(p.pick((
            f"Thank you for your email received on {p.day(p.received)}.",
            f"We acknowledge receipt of your request for information, received on {p.day(p.received)}.",
            f"Your request was received by {p.profile.name} on {p.day(p.received)}.",
        ))),
        Para(p.pick((
            f"Your request is being handled under {p.act()}.",
            f"We are dealing with your request under {p.act(True)}.",
            f"I can confirm that your request is being processed under the terms of {p.act(True)}.",
        )) + " " + _timescale(p)),
    ]  # fmt: skip
    if p.chance(0.6):
        blocks.append(Para(p.pick((
            f"Your reference number is {p.our_ref}. Please quote this reference in any correspondence about your request.",
            f"We have logged your request under reference {p.our_ref}.",
        ))))  # fmt: skip
    return Body("acknowledgement/received_on", blocks)


def formal(p: Pen) -> Body:
    blocks: list[Block] = [
        Para(f"I write to acknowledge receipt of your request for information regarding {p.topic}, which was received by {p.we()} on {p.day(p.received)}."),
        Para(_timescale(p)),
    ]  # fmt: skip
    if not p.environmental and not p.scottish and p.chance(0.3):
        blocks.append(
            Para(
                f"There may be a charge for providing the information. If so, we will send you a fees notice under {p.cite.one('s9', act=True)} before we proceed, and the time for response will be extended by the days taken to pay."
            )
        )
    if p.profile.sector == "police" and p.chance(0.6):
        blocks.append(
            Para(
                "Some requests require consultation with other forces or national bodies, and some need further time to consider the public interest; if so, we will let you know."
            )
        )
    blocks.append(Para(p.pick((
        "Please do not hesitate to contact me if you wish to discuss your request.",
        "Should you have any further enquiries concerning this matter, please contact us quoting the reference above.",
    ))))  # fmt: skip
    return Body("acknowledgement/formal", blocks)


def extension(p: Pen) -> Body:
    """A public-interest extension (FOIA s10(3)) or an EIR/EISR extension to 40 days."""
    new_date = p.day(p.due(40))
    if p.environmental:
        reg = p.cite.one("reg7(1)", act=True)
        blocks: list[Block] = [
            Para(
                f"Because of the complexity and volume of the information you have requested, we need more time to respond. As permitted by {reg}, we are extending the period for our response to 40 working days. We now expect to respond by {new_date}."
            )
        ]
        return Body("acknowledgement/extension_eir", blocks)
    if p.scottish:  # FOISA has no public-interest extension: a receipt that explains timing
        return received_on(p)
    ground = p.grounds[0]
    exempt = p.cite.one(ground.provision, act=p.chance(0.3))
    s103 = p.cite.one("s10(3)", act=p.chance(0.5))
    blocks = [
        Para(p.pick((
            "I am writing to let you know that we have not yet been able to complete our response to your request.",
            f"We wrote to you on {p.day(p.received)} to acknowledge your request.",
        ))),
        Para(f"We hold information relevant to your request, and we believe it may be exempt under {exempt} ({ground.topic.lower()}). This is a qualified exemption, which means we must consider whether the public interest in maintaining it outweighs the public interest in disclosure."),
        Para(p.pick((
            f"{cap(s103)} allows us a reasonable extension of time to consider the public interest. We now aim to let you have a response by {new_date}.",
            f"Under {s103} we may extend the time for our response while we consider the public interest test. We expect to respond by {new_date}.",
        ))),
    ]  # fmt: skip
    if p.chance(0.35):
        blocks.append(
            Para(
                f"{cap(p.cite.one('s17(2)'))} requires us to tell you when we need more time, and this letter does so."
            )
        )
    blocks.append(Para("We apologise for any inconvenience this may cause."))
    return Body("acknowledgement/extension_pit", blocks)


def review_receipt(p: Pen) -> Body:
    when = p.earlier.get("review_requested", p.received)
    due = p.day(p.due(20))
    if p.scottish:
        law = p.cite.one("reg16" if p.environmental else "s20(1)", act=True)
    elif p.environmental:
        law = p.cite.one("reg11", act=True)
    else:
        law = p.act()
    blocks: list[Block] = [
        Para(f"Thank you for your email of {p.day(when)}, requesting an internal review of our response to your request for information (our reference {p.our_ref})."),
        Para(p.pick((
            f"Your request for review has been logged under {law}. The review will be carried out by a senior officer who was not involved in the original decision, and we aim to send you the outcome by {due}.",
            f"We are treating your email as a request for review under {law}. We will write to you with the outcome within 20 working days.",
        ))),
    ]  # fmt: skip
    return Body("acknowledgement/review_receipt", blocks)


ACKNOWLEDGEMENTS: tuple[tuple[Callable[[Pen], Body], int], ...] = (
    (automated, 3),
    (received_on, 4),
    (formal, 3),
    (extension, 1),
)


def clarify_scope(p: Pen) -> Body:
    ask = p.pick((
        f"Your request asks for all information held about {p.topic}. So that we can identify the information you want, please tell us the period your request covers and the kind of records you are interested in.",
        "So that we can respond, please could you specify the date range your request covers and the departments or services you are interested in.",
        "Please could you clarify what you mean by 'reports' in your request: do you mean published reports, internal briefing notes, or both?",
    ))  # fmt: skip
    blocks: list[Block] = [
        Para(f"Thank you for your request regarding {p.topic}, received on {p.day(p.received)}."),
        Para(ask),
    ]
    if p.chance(0.5):
        blocks.append(Bullets(tuple(p.rng.sample((
            "the financial years you are interested in",
            "whether you want totals or a breakdown by service",
            "whether your request covers contractors as well as our own staff",
            "which sites or locations you mean",
        ), 2))))  # fmt: skip
    blocks.append(_clock_stops(p))
    return Body("clarification_request/scope", blocks)


def _clock_stops(p: Pen) -> Para:
    if p.environmental:
        law = p.cite.one("reg9(2)", act=True)
        return Para(
            f"We are asking for clarification under {law}. The 20 working day period for our response will start again once we receive your reply."
        )
    law = p.cite.one("s1(3)", act=p.chance(0.6))
    return Para(p.pick((
        f"Under {law}, we are not obliged to deal with your request until we have received this clarification. The 20 working day timescale will begin on the day we receive it.",
        f"Please note that, in accordance with {law}, we will not be able to progress your request until we hear from you. If we do not receive a reply within two months, we will consider the request closed.",
    )))  # fmt: skip


def clarify_identity(p: Pen) -> Body:
    if p.scottish or p.environmental:
        return clarify_scope(p)
    law = p.cite.one("s8(1)(b)", act=p.chance(0.5))
    blocks: list[Block] = [
        Para(f"Thank you for your request. For a request to be valid, {law} requires it to state the real name of the applicant and an address for correspondence."),
        Para("Please could you confirm your full name. An email address is sufficient as an address for correspondence."),
        Para("We will begin to process your request as soon as we receive this information."),
    ]  # fmt: skip
    return Body("clarification_request/identity", blocks)


def holding(p: Pen) -> Body:
    """A delay or update notice: kind ``other``; it may still name the Commissioner."""
    late = (
        p.cite.one("s10(1)", act=True)
        if (p.regime == "FOIA" and p.chance(0.4))
        else "the statutory deadline"
    )
    blocks: list[Block] = [
        Para(p.pick((
            f"I am sorry that we have not been able to respond to your request within {late}.",
            f"We are writing to update you on your open information request, reference {p.our_ref}.",
            f"Please accept our apologies for the delay in responding to your request about {p.topic}.",
        ))),
        Para(p.pick((
            "The information is being collated by the service area concerned, and we hope to send you a full response shortly.",
            "We are currently experiencing a high volume of requests and are working through them in order of receipt.",
            f"Your request has been assigned a new reference, {p.our_ref}, following a change to our case management system.",
        ))),
    ]  # fmt: skip
    signposted = p.chance(0.25)
    if signposted:
        blocks.append(
            Para(
                "If you are unhappy with the delay, you may complain to the Information Commissioner's Office, although we hope to respond before then."
            )
        )
    return Body("other/holding", blocks, signposted=signposted)


CLARIFICATIONS: tuple[tuple[Callable[[Pen], Body], int], ...] = (
    (clarify_scope, 4),
    (clarify_identity, 1),
)
