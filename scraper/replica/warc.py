"""The replica's pages as a WARC file, for ``wdtk import`` tests and demos.

    write_warc(replica, "site.warc.gz", base_url="http://127.0.0.1:8800")

One gzip member per record (as WARC readers expect), a ``warcinfo`` record first, then a
``response`` record per page, dated at the replica's clock: the authorities CSV and, for
every request an anonymous visitor can read, its JSON and its thread page with quoted sections
unfolded, the pages a live crawl stores.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.replica.replica import Replica
from scraper.replica.site import Site

REASONS = {200: "OK", 403: "Forbidden", 404: "Not Found"}


def replica_pages(replica: Replica, request_ids: Iterable[int] | None = None) -> list[str]:
    """Site paths a live crawl would store for these requests (default: all it can read)."""
    ids = list(request_ids) if request_ids is not None else replica.visible_ids()
    paths = ["/body/all-authorities.csv"]
    for rid in ids:
        slug = replica.slug_of(rid)
        paths += [f"/request/{slug}.json", f"/request/{slug}?unfold=1"]
    return paths


def write_warc(
    replica: Replica,
    out: Path | str,
    *,
    base_url: str = "https://www.whatdotheyknow.com",
    request_ids: Iterable[int] | None = None,
) -> int:
    """Write the pages to ``out`` (gzip when it ends in .gz); returns the records written."""
    site = Site(replica)
    base = base_url.rstrip("/")
    stamp = replica.clock.strftime("%Y-%m-%dT%H:%M:%SZ")
    written = 0
    with Path(out).open("wb") as handle:
        writer = WARCWriter(handle, gzip=str(out).endswith(".gz"))
        info = writer.create_warcinfo_record(
            Path(out).name, {"software": "wdtk-pipeline replica", "format": "WARC/1.0"}
        )
        writer.write_record(info)
        for path in replica_pages(replica, request_ids):
            split = urlsplit(path)
            served = site.route(split.path, unquote(split.path), parse_qs(split.query))
            headers = StatusAndHeaders(
                f"{served.status} {REASONS.get(served.status, 'OK')}",
                [(k, v) for k, v in served.headers.items()]
                + [("Content-Length", str(len(served.body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                base + path,
                "response",
                payload=io.BytesIO(served.body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": stamp},
            )
            writer.write_record(record)
            written += 1
    return written
