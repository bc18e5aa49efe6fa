"""Pieces most letters share: how they open, restate the request, weigh the public interest,
tell the requester their rights, and close."""

from __future__ import annotations

from collections.abc import Sequence

from scraper.replica.wording.cite import Ground
from scraper.replica.wording.doc import Block, Bullets, Heading, Para, Quote
from scraper.replica.wording.pen import Pen, cap

ICO_ADDRESS = (
    "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF"
)
ICO_LINES = ("Information Commissioner's Office", "Wycliffe House", "Water Lane", "Wilmslow",
             "Cheshire", "SK9 5AF")  # fmt: skip
SIC_ADDRESS = (
    "Scottish Information Commissioner, Kinburn Castle, Doubledykes Road, St Andrews, Fife KY16 9DS"
)
HARM = {
    "Personal information": "The information identifies individual members of staff and third parties. Disclosure would be unfair to them and would breach the first data protection principle, as they would have no expectation that it would be made public.",
    "Personal data": "The information includes the names and contact details of private individuals, who would not expect them to be released to the world at large.",
    "Commercial interests": "The information includes pricing and contract terms that were provided during a live procurement. Releasing it would be likely to weaken our negotiating position and that of our suppliers.",
    "Confidentiality of commercial or industrial information": "The figures were supplied under a contract that protects a legitimate economic interest; releasing them would harm that supplier's position in future tenders.",
    "Law enforcement": "Releasing the details would be likely to help those intent on committing offences to avoid detection, which would prejudice the prevention and detection of crime.",
    "Investigations and proceedings": "The information was gathered for the purposes of an investigation, and its release could undermine that investigation and any proceedings that follow.",
    "Information provided in confidence": "The information was obtained from a third party in circumstances that gave rise to an obligation of confidence, and disclosing it would be an actionable breach of that confidence.",
    "Confidentiality": "The information was provided to us in confidence and its disclosure would be an actionable breach of confidence.",
    "Legal professional privilege": "The documents record legal advice given to the authority by its lawyers and are covered by legal professional privilege.",
    "Information reasonably accessible by other means": "Some of this information is already published on our website, so it is reasonably accessible to you by other means; the relevant pages are listed below.",
    "Health and safety": "Disclosure of the locations concerned would be likely to endanger the safety of staff and members of the public.",
}
GENERIC_HARM = "Disclosure would be likely to prejudice the interests that this exemption is designed to protect."
FOR_DISCLOSURE = (
    "Openness and transparency about how public money is spent.",
    "Accountability for decisions taken by public officials.",
    "Helping the public to understand and take part in debate on this issue.",
    "The public interest in knowing that the authority is acting effectively.",
)
AGAINST_DISCLOSURE = (
    "Protecting the ability of the authority to carry out its functions effectively.",
    "The likely harm to the individuals and organisations concerned.",
    "Preserving a safe space in which options can be discussed candidly.",
    "Information of this kind is already summarised in our published reports.",
)


def opening(p: Pen, *, restate: bool = True) -> list[Block]:
    """Thanks, the date received, and often the request restated."""
    received = p.day(p.received)
    act = p.act()
    first = p.pick((
        f"Thank you for your request for information received on {received} regarding {p.topic}.",
        f"I refer to your request for information dated {received}, which has been dealt with under {act}.",
        f"Thank you for your email of {received} in which you asked for information about {p.topic}.",
        f"I write in connection with your request for information, which was received by {p.profile.name} on {received}.",
        f"Your request for information, received on {received}, has now been considered under {act}.",
        f"Further to your request dated {received}, I am now able to respond.",
    ))  # fmt: skip
    if act not in first and p.chance(0.7):
        first += " " + p.pick((
            f"Your request has been considered under {p.act()}.",
            f"We have dealt with your request under {p.act(True)}.",
            f"I have considered it under the provisions of {p.act()}.",
        ))  # fmt: skip
    blocks: list[Block] = [Para(first)]
    if restate and p.questions and p.chance(0.6):
        lead = p.pick(("You asked for the following information:", "You asked:",
                       "Your request was as follows:", "I note you seek access to the following:",
                       "Request:"))  # fmt: skip
        blocks.append(Para(lead))
        asked = "\n".join(f"{n}. {q}" for n, q in enumerate(p.questions, 1))
        blocks.append(Quote(asked))
    elif restate and p.chance(0.3):
        blocks.append(Para(f"You asked for information about {p.topic}."))
    return blocks


def search_done(p: Pen) -> Para:
    return Para(p.pick((
        "Searches were carried out with the relevant departments to locate the information you asked for.",
        f"{cap(p.we())} has now completed a search of its paper and electronic records.",
        "The service area responsible has checked its records and systems for this information.",
        "I have liaised with the teams most likely to hold this information.",
    )))  # fmt: skip


def harm_of(ground: Ground) -> str:
    return HARM.get(ground.topic, GENERIC_HARM)


def exemption_explained(p: Pen, ground: Ground, *, heading: bool) -> list[Block]:
    """A heading per exemption ("Section 40(2) – Personal information") and why it applies."""
    blocks: list[Block] = []
    if heading:
        dash = p.pick((" – ", " - ", ": "))
        blocks.append(Heading(p.cite.one(ground.provision, cap=True) + dash + ground.topic))
    blocks.append(Para(harm_of(ground)))
    return blocks


def public_interest(p: Pen, grounds: Sequence[Ground], *, ncnd: bool = False) -> list[Block]:
    """The public interest test, as a balance paragraph or with listed factors."""
    if not any(g.qualified for g in grounds):
        if p.chance(0.5):
            return [Para(p.pick((
                "This is an absolute exemption, so we are not required to consider the public interest.",
                "As this exemption is absolute, there is no requirement to carry out a public interest test.",
            )))]  # fmt: skip
        return []
    what = "confirming or denying whether the information is held" if ncnd else "disclosure"
    weigh = p.pick((
        f"Having considered the arguments for and against {what}, I have concluded that the public interest in maintaining the exemption outweighs the public interest in {what}.",
        f"On balance, the public interest favours maintaining the exemption rather than {what} at this time.",
        "We have weighed the public interest and concluded that it is best served by not releasing this information.",
    ))  # fmt: skip
    if p.chance(0.45):
        return [
            Heading(p.pick(("Public interest test", "Public Interest Considerations", "Balance test"))),
            Para(p.pick(("Factors favouring disclosure", "Public interest considerations favouring disclosure"))),
            Bullets(tuple(p.rng.sample(FOR_DISCLOSURE, 2)), p.pick(("•", "-", "o"))),
            Para(p.pick(("Factors favouring non-disclosure", "Public interest considerations favouring non-disclosure"))),
            Bullets(tuple(p.rng.sample(AGAINST_DISCLOSURE, 2)), p.pick(("•", "-", "o"))),
            Para(weigh),
        ]  # fmt: skip
    return [Para(weigh)]


def refusal_notice(p: Pen) -> list[Block]:
    """ "This letter acts as a refusal notice under section 17" and its kin."""
    if not p.chance(0.45):
        return []
    section = {"FOIA": "s17(1)", "EIR": "reg14(1)", "FOISA": "s16(1)", "EISR": "reg13"}[p.regime]
    cited = p.cite.one(section, act=p.chance(0.5))
    return [Para(p.pick((
        f"This letter constitutes a refusal notice under {cited}.",
        f"Please treat this letter as a refusal notice for the purposes of {cited}.",
        f"In accordance with {cited}, this letter acts as a refusal notice.",
    )))]  # fmt: skip


def _review_route(p: Pen) -> str:
    email = "[email address]" if p.chance(0.6) else p.profile.email
    where = p.pick((f"by email to {email}", f"to {p.profile.team}, {', '.join(p.profile.address)}",
                    f"by email to {email} or by post to the address above"))  # fmt: skip
    return where


def rights(p: Pen, *, reviewed: bool = False, leaflet: bool = False) -> tuple[list[Block], bool]:
    """The requester's rights after this letter; returns the blocks and whether the
    Commissioner is named. A ``leaflet`` has its own title and always names him."""
    if p.scottish:
        return _rights_scotland(p, reviewed, leaflet)
    blocks: list[Block] = []
    if not leaflet and p.chance(0.5):
        blocks.append(Heading(p.pick(("Your right to complain", "Complaints and internal review",
                                      "Right of appeal", "If you are dissatisfied"))))  # fmt: skip
    if not reviewed:
        window = p.pick(("40 working days", "40 working days", "two calendar months", "40 days"))
        if p.environmental:
            reg = p.cite.one("reg11", act=p.chance(0.4))
            blocks.append(Para(
                f"If you are not satisfied with this response, you may make representations to us under {reg}, asking us to reconsider our decision. Please do so within {window} of the date of this letter, {_review_route(p)}."
            ))  # fmt: skip
        else:
            code = p.chance(0.2)
            extra = (f" Reviews are carried out in line with the code of practice issued under {p.cite.one('s45')}." if code else "")  # fmt: skip
            blocks.append(Para(p.pick((
                f"If you are dissatisfied with the handling of your request, you have the right to ask for an internal review. Internal review requests should be made within {window} of the date of this letter, {_review_route(p)}.",
                f"If you are unhappy with this response, you may ask for an internal review. Please write {_review_route(p)} within {window}, explaining what you are unhappy with.",
                f"You may request an internal review of our decision within {window} of receiving this response.",
            )) + extra))  # fmt: skip
    if p.chance(0.08) and not reviewed and not leaflet:
        return blocks, False  # some letters stop at the internal review
    s50 = p.cite.one("s50", act=p.chance(0.3)) if p.regime == "FOIA" and p.chance(0.4) else ""
    when = "after the internal review" if not reviewed else "with the outcome of this review"
    ico = p.pick((
        f"If you are not content {when}, you have the right to apply directly to the Information Commissioner for a decision{' under ' + s50 if s50 else ''}. The Information Commissioner can be contacted at: {ICO_ADDRESS}.",
        f"If you remain dissatisfied {when}, you may complain to the Information Commissioner's Office (ICO){' under ' + s50 if s50 else ''}. You can do this online at ico.org.uk/make-a-complaint or by telephone on 0303 123 1113.",
        f"You also have the right to complain to the Information Commissioner{', under ' + s50 + ',' if s50 else ''} once our internal procedures are exhausted. Details are available at www.ico.org.uk.",
    ))  # fmt: skip
    blocks.append(Para(ico))
    if p.environmental and p.chance(0.3):
        blocks.append(
            Para(
                f"The Commissioner's enforcement powers apply to the Regulations by virtue of {p.cite.one('reg18')}."
            )
        )
    return blocks, True


def _rights_scotland(p: Pen, reviewed: bool, leaflet: bool) -> tuple[list[Block], bool]:
    headings = ("Your right to seek a review", "Your rights", "Review and appeal")
    blocks: list[Block] = [] if leaflet else [Heading(p.pick(headings))]
    environmental = p.regime == "EISR"
    if not reviewed:
        review = p.cite.one("reg16" if environmental else "s20(1)", act=p.chance(0.5))
        blocks.append(Para(p.pick((
            f"If you are unhappy with this response, you may ask us to carry out an internal review, using your rights under {review}. You must do so within 40 working days of receiving this letter, {_review_route(p)}.",
            f"If you are dissatisfied with the way we have dealt with your request, you can require us to review our actions and decisions ({review}). Your requirement for review must be made in writing within 40 working days.",
        ))))  # fmt: skip
    tail = "the outcome of this review" if reviewed else "the outcome of the review"
    if environmental:
        appeal = f"{p.cite.one('reg17')} applies the Commissioner's enforcement and appeal provisions to environmental information."
    else:
        appeal = f"You can make an application to the Commissioner under {p.cite.one('s47(1)', act=p.chance(0.4))}."
    blocks.append(Para(p.pick((
        f"If you are not satisfied with {tail}, you have the right to apply to the Scottish Information Commissioner for a decision within six months. {appeal} The Commissioner can be contacted at: {SIC_ADDRESS}, or online at www.foi.scot/appeal.",
        f"If you remain dissatisfied after {tail}, you can apply to the Scottish Information Commissioner ({SIC_ADDRESS}; www.itspublicknowledge.info/appeal). {appeal}",
    ))))  # fmt: skip
    if reviewed and not environmental and p.chance(0.4):
        blocks.append(
            Para(
                f"Should you then wish to appeal against the Commissioner's decision, you have the right to appeal to the Court of Session on a point of law only ({p.cite.one('s56')})."
            )
        )
    return blocks, True


def closing(p: Pen) -> list[Block]:
    if not p.chance(0.7):
        return []
    return [Para(p.pick((
        f"If you have any queries about this letter, please contact the {p.profile.team} quoting the reference number above.",
        f"Please quote the reference number {p.our_ref} in any future communications.",
        f"Thank you for your interest in {p.profile.name}.",
        "Please do not hesitate to contact us if you have any questions.",
        "Information released under the Act may be published in our disclosure log, with personal details removed.",
    )))]  # fmt: skip
