"""How a letter reaches the requester: written into the e-mail, or attached (PDF, scanned
PDF, Word, forwarded e-mail, text file) under a cover note, with a rights leaflet sometimes
enclosed.

WDTK's masks are applied as the site applies them: in e-mail bodies and text attachments the
request's own address becomes ``[FOI #<id> email]`` and other addresses ``[email address]``;
in PDFs and Word files every character of an address except ``@`` and ``.`` becomes ``x``.
Each attachment's ``text`` is what a reader of that file sees (the ground truth for
extraction); the letter's labels do not change with how it travels.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TypedDict

from scraper.replica.letters import Letter, LetterLabels
from scraper.replica.masks import text_mask
from scraper.replica.render import scan
from scraper.replica.render.mail import mail_text, plan_mail
from scraper.replica.render.pdf import NUMBERINGS, PdfSpec
from scraper.replica.render.word import DocxSpec
from scraper.replica.wording.doc import LetterDoc, body_text, email_text, finish_text, reading_text


class _MailFields(TypedDict):
    """What :func:`plan_mail` is told about the request, beside the letter."""

    team: str
    requester_addr: str
    subject: str
    sent: datetime
    request: str
    requester: str


FILE_KINDS = (("pdf", 45), ("image_pdf", 12), ("docx", 18), ("txt", 10), ("eml", 15))
STEMS = {
    "acknowledgement": ("Acknowledgement {ref}", "FOI acknowledgement", "Receipt {ref}"),
    "clarification_request": ("Clarification request {ref}", "Letter {ref}"),
    "other": ("Update letter {ref}", "Letter {ref}"),
    "response": ("FOI {ref} Response", "{ref} - response letter", "Response {n}", "FOI Response {ref}",
                 "Decision notice {n}", "Disclosure {ref}", "{ref}", "Letter"),
    "internal_review_response": ("Internal Review Response {ref}", "IR outcome {ref}", "Review {ref}",
                                 "Internal review letter"),
}  # fmt: skip
LEAFLETS = ("Your rights", "Complaint Rights", "Internal review procedure")


@dataclass(frozen=True, slots=True)
class Planned:
    """An attachment to make: its name, kind, reading text, letter labels and layout."""

    filename: str
    file_kind: str
    text: str
    labels: LetterLabels | None
    layout: object | None


@dataclass(slots=True)
class Carriage:
    body: str
    letter: LetterLabels | None  # the letter written into the body, if it is there
    files: list[Planned] = field(default_factory=list)


def as_shown(text: str) -> str:
    """A message body as the page shows it: HTML collapses runs of spaces and tabs."""
    lines = (" ".join(line.split()) for line in text.strip().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    roll = rng.randrange(sum(w for _, w in table))
    for name, weight in table:
        roll -= weight
        if roll < 0:
            return name
    return table[-1][0]


def _filename(rng: random.Random, stem: str, ext: str, ref: str, n: int) -> str:
    name = stem.format(ref=ref, n=n).replace("/", "-").replace("\\", "-").strip()
    return f"{name}.{ext}"


def _cover(rng: random.Random, labels: LetterLabels, requester: str, team: str, authority: str,
           disclaimer: str) -> str:  # fmt: skip
    greeting = rng.choice(
        (f"Dear {requester}", "Dear Requester", "Good afternoon,", "Dear [name removed]", "Hello,")
    )
    what = {"internal_review_response": "the outcome of the internal review of your request",
            "acknowledgement": "an acknowledgement of your request"}.get(labels.kind, "our response to your request for information")  # fmt: skip
    ref = labels.authority_ref or ""
    main = rng.choice((
        f"Please find attached {what}{', reference ' + ref if ref else ''}.",
        f"Please see the attached letter, which is {what}.",
        f"Attached is {what}.",
        f"Please find {what} attached. Please quote the reference number in any further correspondence.",
    ))  # fmt: skip
    parts = [
        greeting,
        main,
        rng.choice(("Kind regards", "Regards", "Many thanks")) + f"\n\n{team}\n{authority}",
    ]
    if disclaimer and rng.random() < 0.5:
        parts.append(disclaimer)
    return "\n\n".join(parts)


def _served(doc: LetterDoc, mask: str) -> LetterDoc:
    """The document marked with the mask WDTK applies where it is served (applied lazily)."""
    return replace(doc, mask=mask)


def _pdf_spec(rng: random.Random, doc: LetterDoc, scanned_all: bool, text: str) -> PdfSpec:
    scanned = "all" if scanned_all else ("annex" if doc.annex and rng.random() < 0.5 else "")
    scan_text = (
        text if scanned == "all" else "\n\n".join(finish_text(doc, t) for t in body_text(doc.annex))
    )
    return PdfSpec(
        doc=doc, font=rng.choice(("Helvetica", "Helvetica", "Times-Roman")), size=rng.choice((10, 10.5, 11, 11, 12)),
        justify=rng.random() < 0.6, head=rng.choice(("right", "left", "centre", "beside")),
        refs_table=rng.random() < 0.5, numbering=rng.choice(NUMBERINGS),
        scanned=scanned, skew=rng.choice((0.0, 0.0, 0.3, -0.5, 0.8)) if scanned_all or doc.annex else 0.0,
        annex_break=rng.random() < 0.6, scan_pages=scan.estimate_pages(scan_text) if scanned else 0,
    )  # fmt: skip


def _docx_spec(rng: random.Random, doc: LetterDoc) -> DocxSpec:
    return DocxSpec(
        doc=doc, font=rng.choice(("Arial", "Calibri", "Times New Roman", "Verdana")), size=rng.choice((10, 11, 12)),
        letterhead_in_header=rng.random() < 0.5, refs_table=rng.random() < 0.5,
        heading_style=rng.choice(("Heading 2", "Heading 3", "")), justify=rng.random() < 0.3,
        table_style=rng.choice(("Table Grid", "Light Grid Accent 1", "Light List Accent 1")),
        page_field=rng.random() < 0.7,
    )  # fmt: skip


def _text_file(rng: random.Random, doc: LetterDoc) -> str:
    import textwrap

    text = reading_text(doc) if rng.random() < 0.6 else email_text(doc) + "\n"
    if rng.random() < 0.4:  # hard-wrapped, as text saved from a mail client
        width = rng.choice((72, 76, 78))
        text = "\n".join(textwrap.fill(p, width) if p else "" for p in text.split("\n")) + "\n"
    if rng.random() < 0.2:
        text = text.replace("\n", "\r\n")
    return text


def _attach(rng: random.Random, letter: Letter, file_kind: str, *, request_id: int, n: int,
            mail: _MailFields) -> Planned:  # fmt: skip
    assert letter.doc is not None
    labels = letter.labels
    stems = STEMS.get(labels.kind, STEMS["response"])
    if labels.family == "other/rights_leaflet":
        stems = LEAFLETS
    ext = {"image_pdf": "pdf"}.get(file_kind, file_kind)
    name = _filename(rng, rng.choice(stems), ext, labels.authority_ref or "", n)
    if file_kind in ("pdf", "image_pdf", "docx"):
        doc = _served(letter.doc, "binary")
        text = finish_text(doc, reading_text(doc))
        if file_kind == "docx":
            return Planned(name, file_kind, text, labels, _docx_spec(rng, doc))
        return Planned(
            name, file_kind, text, labels, _pdf_spec(rng, doc, file_kind == "image_pdf", text)
        )
    doc = _served(letter.doc, f"text:{request_id}")
    if file_kind == "txt":
        return Planned(name, file_kind, finish_text(doc, _text_file(rng, doc)), labels, None)
    assert file_kind == "eml"
    inner = finish_text(
        doc, email_text(doc) if rng.random() < 0.75 else reading_text(doc).rstrip("\n")
    )
    spec = plan_mail(rng, inner, **mail)
    title = str(mail["subject"])
    eml_name = rng.choice((f"RE Freedom of Information request - {title}", f"FW {labels.authority_ref or 'response'}",
                           "Response", f"{labels.authority_ref or 'FOI'} response email"))  # fmt: skip
    return Planned(_filename(rng, eml_name, "eml", "", n), "eml", mail_text(spec), labels, spec)


def carry(rng: random.Random, letter: Letter, *, request_id: int, requester: str, title: str,
          sent: datetime, request_text: str, n: int) -> Carriage:  # fmt: skip
    """Decide how ``letter`` travels and plan its files; ``n`` numbers generated file names."""
    assert letter.doc is not None
    labels, doc = letter.labels, letter.doc
    kind = labels.kind
    team = (
        doc.signature[-2]
        if len(doc.signature) >= 4
        else (doc.signature[0] if doc.signature else doc.authority)
    )
    share = {"acknowledgement": 0.85, "other": 0.8, "clarification_request": 0.5}.get(kind, 0.3)
    if rng.random() < share and letter.leaflet is None:
        sep = rng.choice((" | ", " - ", ": "))
        body = (
            email_text(doc, sep=sep) if rng.random() < 0.8 else reading_text(doc).replace("\t", sep)
        )
        return Carriage(as_shown(finish_text(_served(doc, f"text:{request_id}"), body)), labels)
    mail: _MailFields = {"team": team, "requester_addr": f"[FOI #{request_id} email]", "subject": title, "sent": sent,
            "request": text_mask(request_text, request_id), "requester": requester}  # fmt: skip
    carriage = Carriage(
        as_shown(
            _cover(
                rng, labels, requester, team, doc.authority, text_mask(doc.disclaimer, request_id)
            )
        ),
        None,
    )
    carriage.files.append(
        _attach(rng, letter, _weighted(rng, FILE_KINDS), request_id=request_id, n=n, mail=mail)
    )
    if letter.leaflet is not None:
        leaflet_kind = "image_pdf" if rng.random() < 0.3 else "pdf"
        carriage.files.append(
            _attach(rng, letter.leaflet, leaflet_kind, request_id=request_id, n=n, mail=mail)
        )
    return carriage
