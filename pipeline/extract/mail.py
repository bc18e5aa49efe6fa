"""Attached e-mails (``.eml``, ``message/rfc822``): headers, body, and each attachment's text.

Authorities forward chains of messages as attachments; each attachment is read with the same
dispatcher, one level deeper, so a message nested beyond ``Limits.max_depth`` is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage, Message

from pipeline.extract.result import ExtractionFailed, ExtractionResult, Limits
from pipeline.extract.text import html_text

Reader = Callable[[bytes, str, str | None, Limits, int], ExtractionResult]
_SHOWN_HEADERS = ("From", "To", "Date", "Subject")


def eml_text(data: bytes, filename: str, limits: Limits, depth: int, read: Reader) -> str:
    if depth > limits.max_depth:
        raise ExtractionFailed("bomb", f"{filename!r}: e-mails nested over {limits.max_depth} deep")
    message = message_from_bytes(data, policy=policy.default)
    return _message_text(message, filename, limits, depth, read)


def _message_text(message: Message, filename: str, limits: Limits, depth: int, read: Reader) -> str:
    lines = [f"{name}: {message[name]}" for name in _SHOWN_HEADERS if message[name]]
    body = _body(message)
    if body:
        lines += ["", body.strip()]
    for index, part in enumerate(_attachments(message), start=1):
        name = part.get_filename() or f"{filename}#part{index}"
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            inner_message = inner[0] if isinstance(inner, list) and inner else None
            if inner_message is None:
                continue
            if depth + 1 > limits.max_depth:
                raise ExtractionFailed(
                    "bomb", f"{filename!r}: e-mails nested over {limits.max_depth} deep"
                )
            text = _message_text(inner_message, name, limits, depth + 1, read)
        else:
            payload = part.get_payload(decode=True) or b""
            result = read(payload, name, part.get_content_type(), limits, depth + 1)
            if result.status in ("bomb", "timeout"):
                raise ExtractionFailed(result.status, result.error or name)
            text = result.text if result.readable else f"[{result.status}: {result.error}]"
        lines += ["", f"--- attachment: {name} ---", text.strip()]
    return "\n".join(lines)


def _body(message: Message) -> str:
    if isinstance(message, EmailMessage):
        part = message.get_body(preferencelist=("plain", "html"))
    else:  # pragma: no cover - policy.default always builds EmailMessage
        part = None
    if part is None:
        return ""
    content = part.get_content()
    if part.get_content_type() == "text/html":
        return html_text(content)
    return str(content)


def _attachments(message: Message) -> list[Message]:
    if not isinstance(message, EmailMessage):  # pragma: no cover
        return []
    return list(message.iter_attachments())
