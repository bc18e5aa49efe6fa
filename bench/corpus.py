"""Shared by the benchmarks: replica pages rendered in-process into ``raw_pages``.

The bytes are what the replica serves over HTTP (real WDTK page sizes); rendering in-process
skips only the socket, as the issue allows for the normalise and memory benchmarks.
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from db.engine import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.raw_store import store_page  # noqa: E402
from scraper.replica import Replica  # noqa: E402
from scraper.replica.site import Site  # noqa: E402

BASE = "http://127.0.0.1:8800"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def render(n: int, seed: int = 7) -> Iterator[tuple[int, str, bytes, bytes]]:
    """(id, slug, request JSON, thread HTML) of the first ``n`` public requests of a replica."""
    replica = Replica(requests=max(n * 21 // 20 + 50, 20), seed=seed)
    site = Site(replica)
    for request_id in replica.visible_ids()[:n]:
        slug = replica.slug_of(request_id)
        data = site.handle("GET", f"/request/{slug}.json", b"").body
        html = site.handle("GET", f"/request/{slug}?unfold=1", b"").body
        yield request_id, slug, data, html


def store_rendered(engine: Engine, n: int, seed: int = 7, batch: int = 500) -> dict[str, float]:
    """Render ``n`` requests into raw_pages; returns counts and the seconds it took."""
    started = time.perf_counter()
    pages = total = 0
    conn = engine.connect()
    trans = conn.begin()
    for request_id, slug, data, html in render(n, seed):
        url = f"{BASE}/request/{slug}"
        store_page(conn, url=url + ".json", kind="request_json", body=data, http_status=200,
                   request_id=request_id, content_type="application/json")  # fmt: skip
        store_page(conn, url=url + "?unfold=1", kind="thread_html", body=html, http_status=200,
                   request_id=request_id, content_type="text/html")  # fmt: skip
        pages += 2
        total += len(data) + len(html)
        if pages % (2 * batch) == 0:
            trans.commit()
            trans = conn.begin()
    trans.commit()
    conn.close()
    return {"pages": pages, "bytes": total, "seconds": time.perf_counter() - started}


def sqlite_engine(directory: Path | None = None, name: str = "bench.sqlite3") -> Engine:
    directory = directory or Path(tempfile.mkdtemp(prefix="wdtk-bench-"))
    engine = make_engine(f"sqlite:///{directory / name}")
    upgrade(engine)
    return engine


@contextmanager
def postgres_engine() -> Iterator[Engine]:
    """A migrated private schema on the local test server, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(f"{PG_URL}?options=-csearch_path%3D{schema}")
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
