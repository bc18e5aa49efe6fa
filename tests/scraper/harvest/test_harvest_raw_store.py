"""raw_pages: compressed, hashed, one row per distinct (url, content); validators kept."""

from __future__ import annotations

import hashlib
import zlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from db import raw_store
from db.models import RawPage

URL = "http://127.0.0.1:8800/request/foo.json"
T1 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


def _store(engine: Engine, body: bytes, now: datetime = T1, **kw: object) -> raw_store.StoredPage:
    with engine.begin() as conn:
        return raw_store.store_page(
            conn, url=URL, kind="request_json", body=body, http_status=200, now=now, **kw
        )


def test_body_is_stored_zlib_compressed_with_its_sha256(engine: Engine) -> None:
    page = _store(engine, b'{"id": 1}', request_id=1)
    with engine.connect() as conn:
        row = conn.execute(select(RawPage).where(RawPage.id == page.id)).one()
    assert zlib.decompress(row.body) == b'{"id": 1}'
    assert row.content_sha256 == hashlib.sha256(b'{"id": 1}').hexdigest()
    assert row.body_size == 9


def test_read_body_returns_the_original_bytes(engine: Engine) -> None:
    page = _store(engine, b"<html>\xc2\xa3</html>")
    with engine.connect() as conn:
        assert raw_store.read_body(conn, page.id) == b"<html>\xc2\xa3</html>"


def test_same_content_twice_is_one_row(engine: Engine) -> None:
    _store(engine, b"same")
    second = _store(engine, b"same", now=T2)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(RawPage)).scalar_one() == 1
    assert second.is_new is False


def test_same_content_again_moves_last_fetched_at_only(engine: Engine) -> None:
    _store(engine, b"same")
    _store(engine, b"same", now=T2)
    with engine.connect() as conn:
        row = conn.execute(select(RawPage.fetched_at, RawPage.last_fetched_at)).one()
    assert (row.fetched_at, row.last_fetched_at) == (T1, T2)


def test_new_content_is_a_new_row(engine: Engine) -> None:
    _store(engine, b"one")
    page = _store(engine, b"two", now=T2)
    assert page.is_new is True
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(RawPage)).scalar_one() == 2


def test_latest_page_is_the_newest_content_with_its_validators(engine: Engine) -> None:
    _store(engine, b"one", etag='"a"')
    _store(engine, b"two", now=T2, etag='"b"', last_modified="Mon, 02 Nov 2026 12:00:00 GMT")
    with engine.connect() as conn:
        latest = raw_store.latest_page(conn, URL)
    assert latest is not None
    assert (latest.etag, latest.last_modified) == ('"b"', "Mon, 02 Nov 2026 12:00:00 GMT")


def test_unknown_kind_is_refused(engine: Engine) -> None:
    with engine.begin() as conn, pytest.raises(raw_store.RawStoreError, match="feed_atom"):
        raw_store.store_page(conn, url=URL, kind="feed_atom", body=b"", http_status=200)


def test_same_content_again_keeps_processed_version(engine: Engine) -> None:
    page = _store(engine, b"same")
    with engine.begin() as conn:
        conn.execute(
            RawPage.__table__.update().where(RawPage.id == page.id).values(processed_version="1")
        )
    again = _store(engine, b"same", now=T2)
    assert again.processed_version == "1"


def test_new_content_is_not_yet_processed(engine: Engine) -> None:
    _store(engine, b"one")
    assert _store(engine, b"two", now=T2).processed_version is None
