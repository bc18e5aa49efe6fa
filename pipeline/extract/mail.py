"""E-mails (``.eml``, ``message/rfc822``): each message's headers, its body as paragraphs,
then its attachments, with attached messages delimited so a reader can tell them apart.

Layout of the text (the letter reader relies on these delimiter lines)::

    From: FOI Team <foi@council.example>
    To: …
    Date: …
    Subject: …

    <body paragraphs>

    --- attachment: response.pdf ---
    <the attachment's text>

    --- attached message: original.eml ---
    From: …                              (the attached message, laid out the same way,
    …                                      attached messages nested inside it)
    --- end of attached message ---

The body is the message's text/plain part (re-flowed: ``format=flowed`` soft breaks joined,
then ``reflow.reflow_plain``), or its HTML part read by ``pipeline.extract.html`` when there is
no plain text. Quoting *inside* a body ("-----Original Message-----", "On … wrote:") is left
as written: splitting it is the letter reader's work. Each attachment is read with the same
dispatcher one level deeper, so a message nested beyond ``Limits.max_depth`` is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage, Message

from pipeline.extract.html import html_text
from pipeline.extract.reflow import reflow_plain
from pipeline.extract.result import ExtractionFailed, ExtractionResult, Limits

Reader = Callable[[bytes, str, str | None, Limits, int], ExtractionResult]
SHOWN_HEADERS = ("From", "To", "Cc", "Date", "Subject")
ATTACHMENT = "--- attachment: {name} ---"
MESSAGE_START = "--- attached message: {name} ---"
MESSAGE_END = "--- end of attached message ---"


def eml_text(data: bytes, filename: str, limits: Limits, depth: int, read: Reader) -> str:
    if depth > limits.max_depth:
        raise ExtractionFailed("bomb", f"{filename!r}: e-mails nested over {limits.max_depth} deep")
    message = message_from_bytes(data, policy=policy.default)
    return _message_text(message, filename, limits, depth, read)


def _message_text(message: Message, filename: str, limits: Limits, depth: int, read: Reader) -> str:
    blocks: list[str] = []
    headers = [_header(message, name) for name in SHOWN_HEADERS]
    blocks.append("\n".join(h for h in headers if h))
    body = _body(message)
    if body.strip():
        blocks.append(body.strip())
    for index, part in enumerate(_attachments(message), start=1):
        if _inline_image(part):
            continue  # a logo or signature picture in the body, not a scanned letter
        name = _clean_name(part.get_filename()) or f"{filename}#part{index}"
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            inner_message = inner[0] if isinstance(inner, list) and inner else None
            if not isinstance(inner_message, Message):
                continue
            if depth + 1 > limits.max_depth:
                raise ExtractionFailed(
                    "bomb", f"{filename!r}: e-mails nested over {limits.max_depth} deep"
                )
            text = _message_text(inner_message, name, limits, depth + 1, read)
            blocks.append(f"{MESSAGE_START.format(name=name)}\n{text.strip()}\n{MESSAGE_END}")
            continue
        payload = part.get_payload(decode=True) or b""
        if not isinstance(payload, bytes):
            continue
        result = read(payload, name, part.get_content_type(), limits, depth + 1)
        if result.status in ("bomb", "timeout"):
            raise ExtractionFailed(result.status, result.error or name)
        text = result.text if result.readable else f"[{result.status}: {result.error}]"
        blocks.append(f"{ATTACHMENT.format(name=name)}\n{text.strip()}".rstrip())
    return "\n\n".join(block for block in blocks if block)


def _header(message: Message, name: str) -> str:
    try:
        value = message[name]
    except (ValueError, IndexError, TypeError):  # a malformed header the parser kept raw
        value = message.get(name, failobj=None)
    if not value:
        return ""
    return f"{name}: {' '.join(str(value).split())}"


def _clean_name(name: str | None) -> str:
    return " ".join((name or "").replace("\x00", "").split())


def _body(message: Message) -> str:
    if not isinstance(message, EmailMessage):  # pragma: no cover - policy.default builds these
        return ""
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None:
        text = _content(plain)
        if text.strip():
            return reflow_plain(_unflow(text, plain))
    html = message.get_body(preferencelist=("html",))
    return html_text(_content(html)) if html is not None else ""


def _content(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, ValueError, AssertionError):  # unknown charset, broken encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _unflow(text: str, part: Message) -> str:
    """RFC 3676 ``format=flowed``: a line ending in a space continues on the next line."""
    if str(part.get_param("format", "")).lower() != "flowed":
        return text
    delsp = str(part.get_param("delsp", "")).lower() == "yes"
    out: list[str] = []
    pending = ""
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if line.endswith(" ") and line.strip() != "--":
            pending += line[:-1] if delsp else line
            continue
        out.append(pending + line)
        pending = ""
    if pending:
        out.append(pending)
    return "\n".join(out)


def _inline_image(part: Message) -> bool:
    return part.get_content_maintype() == "image" and (
        part.get_content_disposition() == "inline" or bool(part.get("Content-ID"))
    )


def _attachments(message: Message) -> list[Message]:
    if not isinstance(message, EmailMessage):  # pragma: no cover
        return []
    return list(message.iter_attachments())
