"""E-mails as authorities attach them (.eml): the letter forwarded under a one-line cover
note, in an Outlook "From: / Sent: / To: / Subject:" block, under "-----Original
Message-----" or a Gmail-style "Forwarded message" rule, sometimes forwarded twice, or sent as
a reply with the requester's original request quoted below it (with or without "> ").
Bodies are plain text, HTML only, or multipart/alternative.

``mail_text`` is what a reader of the message sees, top to bottom: the ground truth text of
the attachment. The letter inside it is what the labels describe.
"""

from __future__ import annotations

import email.policy
import random
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape

from scraper.replica.rng import stable_int

STYLES = ("outlook", "outlook", "original", "gmail", "reply", "nested")
BODIES = ("plain", "html", "html", "alternative", "alternative")
COVERS = (
    "Please see the response below.",
    "Please see below the response to your request.",
    "Please find our response to your Freedom of Information request below.",
    "Apologies, the response below was sent to the wrong address. Please see it again below.",
    "Forwarding the response from the service, as requested.",
    "",
)
RULE = "_" * 32


@dataclass(frozen=True, slots=True)
class MailSpec:
    style: str  # outlook | original | gmail | reply | nested
    body: str  # plain | html | alternative
    subject_prefix: str  # "FW: ", "Fwd: ", "RE: "
    cover: str  # the note above the forwarded letter ("" for none)
    letter_from: str  # who sent the letter (the inner header block)
    letter_to: str
    letter_sent: str  # as the mail client prints it
    letter_subject: str
    letter: str  # the letter as written into the e-mail (masks applied)
    request_from: str
    request_sent: str
    request: str  # the requester's original request (masks applied)
    quote_marks: bool  # the quoted request has "> " on every line
    sender_sign: str  # the forwarder's sign-off under the cover note
    charset: str = "utf-8"
    cte: str = "quoted-printable"
    middle_from: str = ""  # nested: the colleague who forwarded it to the sender


def plan_mail(rng: random.Random, letter: str, *, team: str, requester_addr: str, subject: str,
              sent: datetime, request: str, requester: str) -> MailSpec:  # fmt: skip
    style = rng.choice(STYLES)
    prefix = {"reply": "RE: ", "gmail": "Fwd: "}.get(style, rng.choice(("FW: ", "Fw: ", "FW: ")))
    when = sent.strftime(rng.choice(("%d %B %Y %H:%M", "%A, %d %B %Y %H:%M", "%d/%m/%Y %H:%M")))
    earlier = sent.strftime("%d %B %Y %H:%M")
    return MailSpec(
        style=style, body=rng.choice(BODIES), subject_prefix=prefix,
        cover="" if style == "reply" else rng.choice(COVERS),
        letter_from=f"{team} <[email address]>", letter_to=f"{requester} <{requester_addr}>",
        letter_sent=when, letter_subject=f"RE: Freedom of Information request - {subject}",
        letter=letter, request_from=f"{requester} <{requester_addr}>", request_sent=earlier,
        request=request, quote_marks=rng.random() < 0.5,
        sender_sign=rng.choice(("Kind regards", "Thanks", "Regards")) + f"\n{team}",
        charset=rng.choice(("utf-8", "utf-8", "windows-1252")),
        cte=rng.choice(("quoted-printable", "quoted-printable", "base64", "8bit")),
        middle_from="Service Manager <[email address]>" if style == "nested" else "",
    )  # fmt: skip


def _header_block(kind: str, who: str, when: str, to: str, subject: str) -> str:
    if kind == "gmail":
        return f"---------- Forwarded message ---------\nFrom: {who}\nDate: {when}\nSubject: {subject}\nTo: {to}"
    if kind == "original":
        return (
            f"-----Original Message-----\nFrom: {who}\nSent: {when}\nTo: {to}\nSubject: {subject}"
        )
    return f"{RULE}\nFrom: {who}\nSent: {when}\nTo: {to}\nSubject: {subject}"


def _quoted_request(spec: MailSpec) -> str:
    if spec.style == "gmail":
        lead = f"On {spec.request_sent}, {spec.request_from} wrote:"
    else:
        lead = _header_block("outlook" if spec.style != "original" else "original", spec.request_from,
                             spec.request_sent, "FOI requests <[email address]>",
                             spec.letter_subject.removeprefix("RE: "))  # fmt: skip
    lines = spec.request.split("\n")
    body = (
        "\n".join((f"> {line}" if line else ">") for line in lines)
        if spec.quote_marks
        else spec.request
    )
    return f"{lead}\n\n{body}"


def sections(spec: MailSpec) -> list[tuple[str, str]]:
    """The message as (role, text) sections, top to bottom: cover, header, letter, quoted."""
    out: list[tuple[str, str]] = []
    if spec.style == "reply":
        out.append(("letter", spec.letter))
        out.append(("quoted", _quoted_request(spec)))
        return out
    if spec.cover:
        out.append(("cover", f"{spec.cover}\n\n{spec.sender_sign}"))
    kind = {"gmail": "gmail", "original": "original"}.get(spec.style, "outlook")
    if spec.style == "nested":
        out.append(("header", _header_block("outlook", spec.middle_from, spec.letter_sent, spec.letter_from,
                                            f"FW: {spec.letter_subject}")))  # fmt: skip
        out.append(("cover", "Please could you send the below to the requester.\n\nThanks"))
    out.append(
        (
            "header",
            _header_block(
                kind, spec.letter_from, spec.letter_sent, spec.letter_to, spec.letter_subject
            ),
        )
    )
    out.append(("letter", spec.letter))
    out.append(("quoted", _quoted_request(spec)))
    return out


def mail_text(spec: MailSpec) -> str:
    return "\n\n".join(text for _, text in sections(spec)) + "\n"


def _html(spec: MailSpec, charset: str) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    parts = [f"<html><head>{meta}</head><body>"]
    for role, text in sections(spec):
        if role == "header":
            lines = text.split("\n")
            rule = (
                '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
            )
            pairs = (line.partition(":") for line in lines[1:])
            heads = "<br>".join(f"<b>{escape(k)}:</b>{escape(v)}" for k, _, v in pairs if k)
            first = "" if lines[0] == RULE else f"<p>{escape(lines[0])}</p>"
            parts.append(f'{first}{rule}<p class="MsoNormal">{heads}</p></div>')
        elif role == "quoted" and not spec.quote_marks:
            paras = text.split("\n\n")
            parts.append(
                f'<p>{escape(paras[0]).replace(chr(10), "<br>")}</p><blockquote style="margin-left:1em">'
            )
            parts += [f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paras[1:]]
            parts.append("</blockquote>")
        else:
            parts += [
                f'<p class="MsoNormal">{escape(p).replace(chr(10), "<br>")}</p>'
                for p in text.split("\n\n")
            ]
    parts.append("</body></html>")
    return "\n".join(parts)


def build_mail(spec: MailSpec, *, sender: str, to: str, subject: str, sent: datetime) -> bytes:
    message = EmailMessage(policy=email.policy.default.clone(max_line_length=998))
    message["From"] = sender
    message["To"] = to
    message["Subject"] = spec.subject_prefix + subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = (
        f"<{stable_int('eml', spec.letter_sent, subject, spec.style) % 16**16:016x}@mail.replica.invalid>"
    )
    if spec.style in ("outlook", "nested", "original"):
        message["X-Mailer"] = "Microsoft Outlook 16.0"
        message["Thread-Topic"] = subject
    charset = spec.charset
    text = mail_text(spec)
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        charset = "utf-8"
    cte = "quoted-printable" if spec.cte == "8bit" and charset != "utf-8" else spec.cte
    if spec.body == "plain":
        message.set_content(text, charset=charset, cte=cte)
    elif spec.body == "html":
        message.set_content(_html(spec, charset), subtype="html", charset=charset, cte=cte)
    else:
        message.set_content(text, charset=charset, cte=cte)
        message.add_alternative(_html(spec, charset), subtype="html", charset=charset, cte=cte)
        # The e-mail package draws a random boundary; pin it so the file is the same each time.
        message.set_boundary(
            f"_000_{stable_int('boundary', spec.letter_sent, subject) % 16**12:012x}_"
        )
    return bytes(message)
