"""A letter's dress: letterhead, addressee, references, subject line, salutation, signature,
annex, page furniture and the e-mail disclaimer, in the many ways authorities set them out."""

from __future__ import annotations

from scraper.replica.wording.doc import Block, Heading, LetterDoc, Para, Table
from scraper.replica.wording.pen import Body, Pen

REF_LABELS = ("Our ref", "Our Ref", "Our reference", "Reference", "Ref", "Case reference",
              "FOI reference", "Request reference")  # fmt: skip
DISCLAIMERS = (
    "This email and any files transmitted with it are confidential and intended solely for the use of the individual to whom they are addressed. If you have received this email in error, please notify the sender and delete it from your system.",
    "Emails sent to and from this organisation may be monitored and recorded for business purposes, and may be subject to disclosure under information rights legislation.",
    "Please consider the environment before printing this email.",
    "The views expressed in this email are those of the sender and do not necessarily represent those of the organisation. Unauthorised use of the information it contains is prohibited.",
    "We are committed to protecting your privacy. Our privacy notice explains how we use personal information.",
)  # fmt: skip


def _subject(pen: Pen, kind: str, body: Body) -> str:
    if body.subject:
        return body.subject
    ref, title = pen.our_ref, pen.subject
    law = pen.cite.act(True)
    law_title = law.removeprefix("the ")
    law_title = law_title[0].upper() + law_title[1:]
    forms = {
        "acknowledgement": (f"Freedom of Information request - {ref}", "Acknowledgement of your request for information",
                            f"Your request: {title}", f"RE: {title}", f"Information request {ref}"),
        "clarification_request": (f"Clarification required - {ref}", f"Your request for information: {title}",
                                  f"RE: {title}"),
        "other": (f"Update on your request {ref}", "Delay in responding to your request", f"RE: {title}"),
        "response": (f"{law_title} - Request for Information {ref}", f"Request for information: {title}",
                     f"{law_title.upper()}: REQUEST REF {ref}", f"Your information request {ref}",
                     f"Response to your request - {title}"),
        "internal_review_response": (f"Internal review - {ref}", f"Request for internal review: {title}",
                                     f"{law_title.upper()}: INTERNAL REVIEW", f"Outcome of internal review {ref}"),
    }[kind]  # fmt: skip
    return pen.pick(forms)


def _letterhead(pen: Pen) -> tuple[str, ...]:
    pr = pen.profile
    style = pen.rng.randrange(5)
    if style == 0:
        return (pr.name, pr.team, *pr.address, f"Tel: {pr.phone}", pr.web)
    if style == 1:
        return (pr.name, pr.team, *pr.address, f"Email: {pr.email}")
    if style == 2:
        return (pr.name, pr.team)
    if style == 3:
        return (pr.team, pr.name, *pr.address[1:])
    return (pr.name,)


def _recipient(pen: Pen, address: str) -> tuple[str, ...]:
    return pen.pick((
        (pen.requester, f"By email: {address}"), (pen.requester, address), (pen.requester,),
        (f"{pen.requester}", "Sent by email to:", address), (),
    ))  # fmt: skip


def _salutation(pen: Pen) -> str:
    first = pen.requester.split()[0] if pen.requester else "Requester"
    comma = "," if pen.chance(0.5) else ""
    return pen.pick((f"Dear {pen.requester}", f"Dear {pen.requester}", "Dear Requester",
                     "Dear Sir or Madam", f"Dear {first}", "Dear Sir/Madam")) + comma  # fmt: skip


def _footer(pen: Pen) -> tuple[str, ...]:
    pr = pen.profile
    return pen.pick((
        (f"{pr.name}, {', '.join(pr.address)}",), (pr.web,), (f"{pr.name} | {pr.phone} | {pr.web}",),
        (f"{pr.team}, {pr.name}", f"{', '.join(pr.address)}"), (),
    ))  # fmt: skip


def _tables_annex(pen: Pen, blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """Figures set out in an annex after the signature, the answers pointing to them."""
    tables = [b for b in blocks if isinstance(b, Table)]
    if not tables or not pen.chance(0.3):
        return blocks, []
    pointer = Para(
        pen.pick(("The figures are set out in Annex A.", "Please see the tables in Annex A."))
    )
    kept = [b for b in blocks if not isinstance(b, Table)]
    return [*kept, pointer], [
        Heading(pen.pick(("Annex A - Information released", "Annex A"))),
        *tables,
    ]


def _split_annex(pen: Pen, blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """Some letters move their legal reasoning (or their tables) into an annex after the
    signature."""
    first = next((i for i, b in enumerate(blocks) if isinstance(b, Heading)), None)
    if first is None or first < 2:
        return _tables_annex(pen, blocks)
    if not pen.chance(0.45):
        return blocks, []
    title = pen.pick(
        ("Annex A - Legal annex", "Annex A: Exemptions applied", "Appendix 1", "LEGAL ANNEX")
    )
    where = (
        "Annex A"
        if title.startswith("Annex")
        else ("Appendix 1" if title.startswith("Appendix") else "the legal annex below")
    )
    pointer = Para(
        pen.pick(
            (
                f"The exemptions applied are explained in {where}.",
                f"Please see {where} for our reasons.",
            )
        )
    )
    return [*blocks[:first], pointer], [Heading(title), *blocks[first:]]


def dress(pen: Pen, body: Body, rights: list[Block], *, kind: str,
          signer: tuple[str, ...], address: str) -> LetterDoc:  # fmt: skip
    blocks = list(body.blocks)
    main, annex = (
        _split_annex(pen, blocks)
        if kind in ("response", "internal_review_response")
        else (blocks, [])
    )
    automated = body.family == "acknowledgement/automated"
    refs: tuple[tuple[str, str], ...] = ((pen.pick(REF_LABELS), pen.our_ref),)
    date_text = pen.day(pen.letter_date)
    date_line = ""
    if pen.chance(0.5):
        refs = (*refs, ("Date", date_text))
    else:
        date_line = date_text
    return LetterDoc(
        family=body.family,
        authority=pen.profile.name,
        letterhead=() if automated else _letterhead(pen),
        recipient=() if automated else _recipient(pen, address),
        refs=refs,
        date_line=date_line,
        subject=_subject(pen, kind, body),
        subject_first=pen.chance(0.3),
        salutation="" if automated and pen.chance(0.6) else _salutation(pen),
        blocks=[*main, *rights, *body.annex],
        closing=pen.pick(("Regards", "Kind regards"))
        if automated
        else pen.pick(
            ("Yours sincerely", "Yours sincerely,", "Kind regards", "Yours faithfully", "Regards")
        ),
        signature=(pen.profile.team,) if automated else signer,
        annex=annex,
        marking=pen.profile.marking,
        footer=_footer(pen),
        running_head=pen.pick(("", "", pen.our_ref, f"{pen.profile.name} - {pen.our_ref}")),
        disclaimer=pen.pick(DISCLAIMERS) if pen.chance(0.6) else "",
    )
