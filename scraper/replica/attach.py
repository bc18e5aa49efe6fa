"""Attachment files as served: bytes, planned sizes and the masks WDTK applies to them.

WDTK masks binary attachments (PDFs included) by replacing every character of an email
address except ``@`` and ``.`` with ``x``, keeping the length; text attachments get the same
``[email address]`` masks as message bodies (wdtk-site.md §5).
"""

from __future__ import annotations

from dataclasses import dataclass

from scraper.replica.files import build_file, content_type_for, planned_size
from scraper.replica.masks import binary_mask
from scraper.replica.model import Attachment, Message, Request

__all__ = ["AttachmentFile", "attachment_file", "binary_mask", "file_bytes", "file_size"]


@dataclass(frozen=True, slots=True)
class AttachmentFile:
    """One attachment as downloaded: the ground truth for extraction and OCR."""

    filename: str
    content_type: str
    data: bytes


def file_bytes(r: Request, m: Message, att: Attachment) -> bytes:
    return build_file(
        att.file_kind, att.text, att.rows,
        sender=f"{m.author} <[email address]>", to=f"{r.user.name} <[FOI #{r.id} email]>",
        subject=f"Freedom of Information request - {r.title}", sent=m.sent_at or r.created_at,
        layout=att.layout,
    )  # fmt: skip


def file_size(r: Request, m: Message, att: Attachment) -> int:
    planned = planned_size(att.file_kind, att.text, att.rows, att.layout)
    return planned if planned is not None else len(file_bytes(r, m, att))


def attachment_file(r: Request, m: Message, att: Attachment) -> AttachmentFile:
    return AttachmentFile(att.filename, content_type_for(att.filename), file_bytes(r, m, att))
