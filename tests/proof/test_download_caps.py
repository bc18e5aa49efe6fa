"""Hostile downloads through the attachments spider, from a tiny loopback server: a file that
claims (and streams towards) 1 GB is cut at the size cap, and filenames with path traversal
or a NUL never become paths."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import make_engine, session_scope
from db.migrate import upgrade
from db.models import Attachment, Message, Quarantine, Request
from pipeline.config import Settings
from scraper.launch import run_spider
from scraper.replica.robots import ROBOTS_TXT
from tests.pipeline.extract import builders

GIB = 1024**3
CAP = 8 * 1024 * 1024
CHUNK = 256 * 1024
PDF = builders.pdf()
FILES = {
    2: ("huge.pdf", "huge.pdf"),
    3: ("../../../../tmp/evil.pdf", "..%2F..%2F..%2F..%2Ftmp%2Fevil.pdf"),
    4: ("nul\x00name.pdf", "nul%00name.pdf"),
}


@dataclass
class _Served:
    huge_bytes_sent: int = 0
    paths: list[str] = field(default_factory=list)


class _Server(ThreadingHTTPServer):
    served: _Served


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.served.paths.append(self.path)
        if self.path == "/robots.txt":
            self._send(ROBOTS_TXT.encode(), "text/plain")
        elif "/huge.pdf" in self.path:
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(GIB))
            self.end_headers()
            chunk = b"%PDF-1.4\n" + b"0" * (CHUNK - 9)
            try:
                while self.server.served.huge_bytes_sent < GIB:
                    self.wfile.write(chunk)
                    self.server.served.huge_bytes_sent += len(chunk)
                    chunk = b"0" * CHUNK
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client hung up at its cap: what we want
        elif "/attach/" in self.path:
            self._send(PDF, "application/pdf")
        else:
            self._send(b"not here", "text/plain", 404)

    def _send(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def downloaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, _Served, str]]:
    root = tmp_path_factory.mktemp("downloads")
    server = _Server(("127.0.0.1", 0), _Handler)
    server.served = _Served()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    url = f"sqlite:///{root / 'd.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        session.add(Request(id=5, url_title="r5", title="R5", tags=[]))
        session.flush()
        session.add(Message(kind="incoming", id=50, request_id=5, position=0, body_text=""))
        session.flush()
        for part, (filename, quoted) in FILES.items():
            session.add(
                Attachment(
                    message_id=50, part=part, request_id=5, filename=filename,
                    url=f"/request/r5/response/50/attach/{part}/{quoted}",
                    download_status="pending",
                )
            )  # fmt: skip
    engine.dispose()
    config = Settings(database_url=url, base_url=base, rate=0, data_dir=root / "data")
    run_spider("attachments", config, options=(f"WDTK_ATTACHMENT_MAX_BYTES={CAP}",))
    try:
        yield root, server.served, url
    finally:
        server.shutdown()
        server.server_close()


def _row(url: str, part: int) -> dict:
    engine = make_engine(url)
    with engine.connect() as conn:
        row = (
            conn.execute(select(Attachment.__table__).where(Attachment.part == part))
            .mappings()
            .one()
        )
    engine.dispose()
    return dict(row)


def test_gigabyte_attachment_is_marked_too_large(downloaded: tuple) -> None:
    assert _row(downloaded[2], 2)["download_status"] == "too_large"


def test_gigabyte_attachment_is_quarantined_with_a_clear_reason(downloaded: tuple) -> None:
    engine = make_engine(downloaded[2])
    with engine.connect() as conn:
        rows = conn.execute(
            select(Quarantine.stage, Quarantine.entity_key, Quarantine.reason, Quarantine.detail)
        ).all()
    engine.dispose()
    assert [r[:3] for r in rows] == [("fetch", "attachment:50/2", "too_large")]
    assert f"download cap of {CAP} bytes" in rows[0].detail


def test_gigabyte_attachment_stream_stops_near_the_cap(downloaded: tuple) -> None:
    # The server keeps writing until the client hangs up; socket buffers add a little.
    assert downloaded[1].huge_bytes_sent < CAP + 16 * 1024 * 1024


def test_gigabyte_attachment_leaves_no_blob(downloaded: tuple) -> None:
    assert _row(downloaded[2], 2)["stored_path"] is None


@pytest.mark.parametrize("part", [3, 4], ids=["path traversal", "NUL in the name"])
def test_hostile_filename_is_stored_by_hash_only(downloaded: tuple, part: int) -> None:
    row = _row(downloaded[2], part)
    assert (row["download_status"], row["stored_path"]) == (
        "downloaded",
        f"blobs/{row['sha256'][:2]}/{row['sha256'][2:4]}/{row['sha256']}",
    )


def test_hostile_filename_writes_nothing_outside_the_data_folder(downloaded: tuple) -> None:
    root: Path = downloaded[0]
    outside = [p for p in root.rglob("*") if p.is_file() and not p.name.startswith("d.sqlite3")]
    assert all(p.is_relative_to(root / "data" / "blobs") for p in outside)
