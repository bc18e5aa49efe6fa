"""Hostile attachments through the real entry point: stored blobs → stages.extract.

One extraction run per engine reads every hostile file plus a good letter; each hostile file
must leave exactly one quarantine row (stage extract, reason = its status, entity
attachment:<message>/<part>) and the good letter must still be read.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from db.engine import make_engine, session_scope
from db.migrate import upgrade
from db.models import Attachment, Message, Quarantine, Request
from pipeline.extract import Limits
from stages.extract import extract_pending
from tests.conftest import PG_URL, require_postgres
from tests.pipeline.extract import builders, hostile

LIMITS = Limits(max_memory_bytes=768 * 1024**2, max_zip_members=200, max_depth=4)
MESSAGE = 900


@dataclass(frozen=True)
class FileCase:
    name: str
    make: Callable[[], bytes]
    filename: str
    status: str


FILE_CASES = [
    FileCase("zip-bomb DOCX", hostile.zip_bomb_docx, "bomb.docx", "bomb"),
    FileCase("zip-bomb XLSX", hostile.zip_bomb_xlsx, "bomb.xlsx", "bomb"),
    FileCase("PDF stream inflating to 1 GB", lambda: hostile.flate_bomb_pdf(1024**3), "flate.pdf", "bomb"),
    FileCase("DOCX of 300 zip members", lambda: hostile.many_member_docx(300), "many.docx", "bomb"),
    FileCase("e-mails nested 8 deep", lambda: builders.nested_eml(8), "chain.eml", "bomb"),
    FileCase("encrypted PDF", lambda: builders.pdf(encrypt="secret"), "locked.pdf", "encrypted"),
    FileCase("PDF claiming a billion pages", hostile.huge_page_count_pdf, "pages.pdf", "too_large"),
    FileCase("XML external entity in DOCX", hostile.xxe_docx, "xxe.docx", "unsafe"),
    FileCase("billion laughs in ODT", hostile.billion_laughs_odt, "lol.odt", "unsafe"),
    FileCase("truncated PDF", lambda: builders.pdf()[:400], "cut.pdf", "corrupt"),
    FileCase("truncated DOCX", lambda: builders.docx()[:3000], "cut.docx", "corrupt"),
    FileCase("OLE compound file", lambda: hostile.OLE_DOC, "old.doc", "unsupported"),
    FileCase("random binary named .txt", lambda: hostile.RANDOM_BINARY, "notes.txt", "unsupported"),
    FileCase("zip of files named .docx", hostile.plain_zip, "files.docx", "unsupported"),
    FileCase("path traversal in the filename", lambda: builders.pdf(encrypt="x"), "../../../../etc/passwd.pdf", "encrypted"),
]  # fmt: skip
GOOD_PART = 2 + len(FILE_CASES)


def _part(case: FileCase) -> int:
    return 2 + FILE_CASES.index(case)


def _populate(engine: Engine, data_dir: Path) -> None:
    files = [(_part(c), c.filename, c.make()) for c in FILE_CASES]
    files.append((GOOD_PART, "letter.pdf", builders.pdf()))
    with session_scope(engine) as session:
        session.add(Request(id=9, url_title="r9", title="R9", tags=[]))
        session.flush()
        session.add(Message(kind="incoming", id=MESSAGE, request_id=9, position=0, body_text=""))
        session.flush()
        for part, filename, data in files:
            digest = hashlib.sha256(data).hexdigest()
            # Stored content-addressed, as the attachment spider does: the filename is never a path.
            (data_dir / digest).write_bytes(data)
            session.add(
                Attachment(
                    message_id=MESSAGE, part=part, request_id=9, filename=filename,
                    content_type=None, download_status="downloaded", stored_path=digest,
                    size_bytes=len(data), sha256=digest,
                )
            )  # fmt: skip
    with session_scope(engine) as session:
        extract_pending(session, data_dir, LIMITS)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def extracted(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    data_dir = tmp_path_factory.mktemp("blobs")
    schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{data_dir / 'files.sqlite3'}"
    else:
        require_postgres()
        schema = f"t_{uuid.uuid4().hex[:16]}"
        with make_engine(PG_URL).begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    upgrade(engine)
    _populate(engine, data_dir)
    yield engine
    engine.dispose()
    if schema:
        admin = make_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _rows(engine: Engine, entity: str) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        query = select(Quarantine.stage, Quarantine.reason).where(Quarantine.entity_key == entity)
        return [tuple(r) for r in conn.execute(query)]  # type: ignore[misc]


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.name for c in FILE_CASES])
def test_hostile_file_is_quarantined(extracted: Engine, case: FileCase) -> None:
    assert _rows(extracted, f"attachment:{MESSAGE}/{_part(case)}") == [("extract", case.status)]


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.name for c in FILE_CASES])
def test_hostile_file_status_is_on_the_attachment(extracted: Engine, case: FileCase) -> None:
    with extracted.connect() as conn:
        status = conn.scalar(
            select(Attachment.extraction_status).where(
                Attachment.message_id == MESSAGE, Attachment.part == _part(case)
            )
        )
    assert status == case.status


def test_good_letter_beside_them_is_read(extracted: Engine) -> None:
    with extracted.connect() as conn:
        status = conn.scalar(
            select(Attachment.extraction_status).where(Attachment.part == GOOD_PART)
        )
    assert (status, _rows(extracted, f"attachment:{MESSAGE}/{GOOD_PART}")) == ("ok", [])
