"""Refusals: withheld in full, the cost limit, vexatious or repeated requests, neither confirm
nor deny, and requests for the requester's own personal data."""

from __future__ import annotations

from collections.abc import Callable

from scraper.replica.wording import common
from scraper.replica.wording.cite import FIXED, NCND, POLICE_NCND
from scraper.replica.wording.doc import Block, Bullets, Heading, Para
from scraper.replica.wording.pen import Body, Pen, cap

ACCESSIBLE = {"FOIA": "s21", "EIR": "reg6(1)(b)", "FOISA": "s25(1)", "EISR": "reg6(1)(b)"}
ADVICE = {"FOIA": "s16", "EIR": "reg9(1)", "FOISA": "s15", "EISR": "reg9(1)"}


def withheld(p: Pen) -> Body:
    if p.grounds[0].provision == ACCESSIBLE[p.regime]:
        return _accessible(p)
    grounds = p.grounds
    blocks = common.opening(p)
    cited = p.ground_cites(grounds, act=p.chance(0.5))
    heading = p.chance(0.6)
    police = p.profile.sector == "police" and p.chance(0.6)
    blocks.append(Para(p.pick((
        f"I can confirm that {p.we()} holds information relevant to your request. However, I have decided that this information is exempt from disclosure under {cited}, and it is therefore withheld.",
        f"After careful consideration, I have concluded that the information you have requested is exempt from disclosure by virtue of {cited}.",
        f"We hold the information you asked for, but we are refusing your request because the information is exempt under {cited}.",
        f"I am unable to provide the information you have requested, as it is exempt under {cited}.",
    )), emphasis=p.chance(0.3)))  # fmt: skip
    family = "response/withheld_in_full/exempt"
    if police:
        blocks.append(Heading(p.pick(("Harm in disclosure", "Evidence of harm"))))
        family = "response/withheld_in_full/harm_test"
    for ground in grounds:
        blocks += common.exemption_explained(p, ground, heading=heading and not police)
    blocks += common.public_interest(p, grounds)
    blocks += common.refusal_notice(p)
    return Body(family, blocks, relied=tuple(g.provision for g in grounds), held=True)


def _accessible(p: Pen) -> Body:
    """Reasonably accessible elsewhere: withholding by pointing to where it is published."""
    provision = ACCESSIBLE[p.regime]
    law = p.cite.one(provision, act=p.chance(0.6))
    blocks = [
        *common.opening(p),
        Para(p.pick((
            f"The information you have requested is already published on our website at {p.profile.web}/transparency. As it is reasonably accessible to you by other means, it is exempt from disclosure under {law}.",
            f"This information is publicly available in our annual report, which can be found at {p.profile.web}/publications. We are therefore not required to provide it to you under {law}.",
        ))),
        Para("If you have difficulty accessing the information at this link, please let us know and we will send you a copy."),
    ]  # fmt: skip
    return Body("response/withheld_in_full/accessible", blocks, relied=(provision,), held=True)


def cost(p: Pen) -> Body:
    relied = p.pick(FIXED["cost_limit"][p.regime])
    law = p.cite.many(relied, act=p.chance(0.6))
    blocks = common.opening(p)
    files, minutes = p.rng.randrange(300, 6000), p.pick((5, 10, 15, 20))
    hours = files * minutes // 60
    if p.environmental:
        blocks.append(
            Para(
                f"We consider that complying with your request would place a disproportionate burden on our resources. The request is therefore manifestly unreasonable and we are refusing it under {law}."
            )
        )
        blocks.append(
            Para(
                f"Locating the information would mean reviewing approximately {files:,} files, at around {minutes} minutes each: some {hours:,} hours of work."
            )
        )
        if p.chance(0.4):
            test = "reg12(1)(b)" if p.regime == "EIR" else "reg10(1)(b)"
            blocks.append(
                Para(
                    f"We have considered the public interest, as {p.cite.one(test)} requires, and concluded that it favours maintaining the exception."
                )
            )
        family = "response/cost_limit/manifestly_unreasonable"
    else:
        limit = (
            "£600" if p.scottish or p.profile.sector in ("department", "scottish_gov") else "£450"
        )
        rate = "£15" if p.scottish else "£25"
        blocks.append(Para(p.pick((
            f"We estimate that the cost of complying with your request would exceed the appropriate limit of {limit}. {cap(law)} does not oblige a public authority to comply with a request where this is the case.",
            f"I regret that we are unable to comply with your request, as it would exceed the cost limit set by {law}.",
            f"Your request has been refused under {law}, because the cost of locating, retrieving and extracting the information would exceed {limit}.",
        ))))  # fmt: skip
        if p.scottish:
            detail = (
                f"The limit is {limit}, with staff time charged at no more than {rate} an hour."
            )
        else:
            detail = f"The limit is calculated at {rate} an hour, which for us means {24 if limit == '£600' else 18} hours of work."
        if p.chance(0.3):
            detail += " These figures are set by the Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004."
        blocks.append(Para(detail))
        blocks.append(
            Para(
                f"The information is not held centrally. To answer your request we would need to examine approximately {files:,} case files by hand, which at around {minutes} minutes per file would take some {hours:,} hours."
            )
        )
        family = "response/cost_limit/estimate"
    if p.questions and len(p.questions) > 1 and p.chance(0.3):
        blocks.append(
            Para(
                "Although we are not obliged to provide any of the information, we have answered the first part of your request to be helpful: the total for the most recent year is "
                + str(p.rng.randrange(10, 900))
                + "."
            )
        )
        family += "_volunteered"
    duty = (
        p.cite.one(ADVICE[p.regime])
        if p.chance(0.6)
        else "our duty to provide advice and assistance"
    )
    blocks.append(Para(p.pick((
        f"Under {duty}, I would suggest that you narrow your request, for example by limiting it to a single year or to one service area. We will then consider it afresh.",
        f"In accordance with {duty}, you may wish to refine your request so that it can be answered within the limit; reducing the period covered is the most effective way to do this.",
    ))))  # fmt: skip
    return Body(family, blocks, relied=relied)


def vexatious(p: Pen) -> Body:
    relied = p.pick(FIXED["vexatious"][p.regime])
    law = p.cite.many(relied, act=p.chance(0.6))
    blocks = common.opening(p, restate=False)
    repeated = relied[0].endswith("(2)")
    if repeated:
        blocks.append(
            Para(
                f"Your request is identical or substantially similar to a previous request from you, which we answered on {p.day(p.earlier.get('responded', p.received))}. No reasonable interval has elapsed since then, and we are therefore refusing your request under {law}."
            )
        )
        family = "response/vexatious/repeated"
    elif p.environmental:
        blocks.append(
            Para(
                f"Having considered the context and history of your requests, we consider this request to be manifestly unreasonable and we are refusing it under {law}."
            )
        )
        family = "response/vexatious/manifestly_unreasonable"
    else:
        blocks.append(Para(p.pick((
            f"I have considered your request and concluded that it is vexatious within the meaning of {law}.",
            f"We are refusing your request under {law}, because we consider it to be vexatious.",
        ))))  # fmt: skip
        blocks.append(Bullets(tuple(p.rng.sample((
            "the number of requests you have made on this subject in the last year",
            "the burden that answering them places on a small team",
            "the overlap between this request and matters already answered",
            "the tone of recent correspondence towards named members of staff",
        ), 3))))  # fmt: skip
        family = "response/vexatious/pattern"
    if p.regime == "FOIA" and p.chance(0.4):
        blocks.append(
            Para(
                f"Under {p.cite.one('s17(6)')}, we will not send a further refusal notice if you make further requests on this subject."
            )
        )
    return Body(family, blocks, relied=relied)


def ncnd(p: Pen) -> Body:
    sets = POLICE_NCND if p.profile.sector == "police" and p.regime == "FOIA" else NCND[p.regime]
    relied = p.pick(sets)
    law = p.cite.many(relied, act=p.chance(0.5))
    blocks = common.opening(p)
    duty = ""
    if p.regime == "FOIA" and p.chance(0.5):
        duty = f", as the duty in {p.cite.one('s1(1)(a)')} does not apply by virtue of {law}"
    else:
        duty = f", by virtue of {law}"
    blocks.append(Para(p.pick((
        f"{p.profile.name} can neither confirm nor deny that it holds the information you have requested{duty}.",
        f"I must advise you that we neither confirm nor deny whether any information is held{duty}.",
    )), emphasis=True))  # fmt: skip
    blocks.append(Para(p.pick((
        "Confirming or denying whether information is held would itself reveal information that is exempt, for example whether a particular individual or location has been the subject of police activity.",
        "Any confirmation or denial would disclose information about identifiable individuals, which would be unfair to them.",
    ))))  # fmt: skip
    if p.chance(0.6):
        blocks += common.public_interest(p, p.grounds, ncnd=True)
    blocks.append(Para(p.pick((
        "This should not be taken as an indication that the information you requested does or does not exist.",
        "This response should not be taken to mean that any information is, or is not, held.",
    ))))  # fmt: skip
    personal = any(r.startswith(("s40", "reg13")) for r in relied)
    kind = "police" if sets is POLICE_NCND else ("personal_data" if personal else "prejudice")
    return Body(f"response/neither_confirm_nor_deny/{kind}", blocks, relied=relied)


def own_data(p: Pen) -> Body:
    relied = p.pick(FIXED["subject_access_redirect"][p.regime])
    law = p.cite.many(relied, act=p.chance(0.7))
    blocks: list[Block] = common.opening(p, restate=False)
    blocks.append(Para(p.pick((
        f"The information you have asked for is your own personal data. Personal data of which the applicant is the data subject is exempt under {law}, and we are therefore unable to deal with it as a freedom of information request.",
        f"Your request is for information about yourself. This is exempt from disclosure under {law}; instead, you have a right of access to it under data protection law.",
    ))))  # fmt: skip
    route = p.pick((
        "We have passed your request to our Data Protection Officer, who will deal with it as a subject access request under Article 15 of the UK General Data Protection Regulation. We will respond within one calendar month.",
        "You can make a subject access request under the UK GDPR and the Data Protection Act 2018 by writing to our Data Protection Officer. We will need proof of your identity before we can release any information.",
        "Requests of this kind are handled under Part 3 of the Data Protection Act 2018. Please complete our subject access request form and return it with two forms of identification.",
    ))  # fmt: skip
    blocks.append(Para(route))
    return Body(
        "response/subject_access_redirect/" + ("passed_on" if "passed" in route else "form"),
        blocks,
        relied=relied,
    )


REFUSALS: dict[str, Callable[[Pen], Body]] = {
    "withheld_in_full": withheld, "cost_limit": cost, "vexatious": vexatious,
    "neither_confirm_nor_deny": ncnd, "subject_access_redirect": own_data,
}  # fmt: skip
