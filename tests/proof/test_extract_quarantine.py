"""stages.extract writes a quarantine row for every failed extraction and resolves it once a
later extraction of the same attachment reads."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from db.engine import session_scope
from db.models import Attachment, Message, Quarantine, Request
from stages.extract import extract_attachments, extract_pending
from tests.pipeline.extract import builders


def _attachment(engine: Engine, data_dir: Path, data: bytes, filename: str) -> None:
    stored = data_dir / "f" / filename
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(data)
    with session_scope(engine) as session:
        session.add(Request(id=7, url_title="r7", title="R7", tags=[]))
        session.flush()
        session.add(Message(kind="incoming", id=70, request_id=7, position=0, body_text="x"))
        session.flush()
        session.add(
            Attachment(
                message_id=70, part=2, request_id=7, filename=filename,
                content_type="application/pdf", download_status="downloaded",
                stored_path=f"f/{filename}", size_bytes=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )  # fmt: skip


def _rows(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                select(
                    Quarantine.stage,
                    Quarantine.entity_key,
                    Quarantine.reason,
                    Quarantine.occurrences,
                    Quarantine.resolved_at.is_(None),
                ).order_by(Quarantine.id)
            )
        ]


def test_encrypted_pdf_is_quarantined(engine: Engine, tmp_path: Path) -> None:
    _attachment(engine, tmp_path, builders.pdf(encrypt="secret"), "locked.pdf")
    with session_scope(engine) as session:
        extract_pending(session, tmp_path)
    assert _rows(engine) == [("extract", "attachment:70/2", "encrypted", 1, True)]


def test_quarantine_detail_names_the_file(engine: Engine, tmp_path: Path) -> None:
    _attachment(engine, tmp_path, builders.pdf(encrypt="secret"), "locked.pdf")
    with session_scope(engine) as session:
        extract_pending(session, tmp_path)
    with engine.connect() as conn:
        detail = conn.execute(select(Quarantine.detail)).scalar_one()
    assert "locked.pdf" in detail


def test_repeated_failure_keeps_one_row_and_counts_it(engine: Engine, tmp_path: Path) -> None:
    _attachment(engine, tmp_path, builders.pdf(encrypt="secret"), "locked.pdf")
    for _ in range(2):
        with session_scope(engine) as session:
            extract_attachments(session, tmp_path, [(70, 2)])
    assert _rows(engine) == [("extract", "attachment:70/2", "encrypted", 2, True)]


def test_later_success_resolves_the_row(engine: Engine, tmp_path: Path) -> None:
    _attachment(engine, tmp_path, builders.pdf(encrypt="secret"), "locked.pdf")
    with session_scope(engine) as session:
        extract_pending(session, tmp_path)
    (tmp_path / "f" / "locked.pdf").write_bytes(builders.pdf())  # a re-download that reads
    with session_scope(engine) as session:
        extract_pending(session, tmp_path, redo=True)
    assert _rows(engine) == [("extract", "attachment:70/2", "encrypted", 1, False)]
