"""The replica's archive in Common Crawl's shapes, beside the Wayback ones (``--archive``).

* ``GET /collinfo.json`` — one "crawl" per archive snapshot: ``id``, ``name``, ``cdx-api``,
  ``from``, ``to``.
* ``GET /cc/<id>-index?url=<host>/request/*&output=json&filter==status:200&page=N`` — one
  JSON object a line (``urlkey, timestamp, url, mime, status, digest, length, offset,
  filename``); everything is on page 0, a later page answers 400 as pywb does past the last.
* ``GET /crawl-data/<id>/replica.warc.gz`` with ``Range: bytes=a-b`` — 206 and that slice of
  the snapshot's WARC file, one gzip member per record, so a range is one record.
"""

from __future__ import annotations

import io
import json
import re
import threading
from urllib.parse import parse_qs, unquote, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.replica.archive import Capture, ReplicaArchive
from scraper.replica.http_common import JSON, TEXT, Response

_INDEX = re.compile(r"^/cc/(CC-MAIN-REPLICA-\d+)-index$")
_DATA = re.compile(r"^/crawl-data/(CC-MAIN-REPLICA-(\d+))/replica\.warc\.gz$")
_RANGE = re.compile(r"^bytes=(\d+)-(\d+)$")


class ReplicaCommonCrawl:
    def __init__(self, archive: ReplicaArchive):
        self.archive = archive
        self._lock = threading.Lock()
        self._files: dict[int, tuple[bytes, dict[str, tuple[int, int]]]] = {}

    @staticmethod
    def crawl_id(snapshot: int) -> str:
        return f"CC-MAIN-REPLICA-{snapshot}"

    def handle(self, target: str, range_header: str | None) -> Response | None:
        split = urlsplit(target)
        if split.path == "/collinfo.json":
            return self.collinfo()
        match = _INDEX.match(split.path)
        if match:
            return self.index(match.group(1), parse_qs(split.query))
        match = _DATA.match(split.path)
        if match:
            return self.data(int(match.group(2)), range_header)
        return None

    def collinfo(self) -> Response:
        base = self.archive.base_url
        crawls = [
            {"id": self.crawl_id(s), "name": f"Replica snapshot {moment:%Y-%m-%d}",
             "timegate": f"{base}/cc/{self.crawl_id(s)}/",
             "cdx-api": f"{base}/cc/{self.crawl_id(s)}-index",
             "from": moment.strftime("%Y-%m-%dT%H:%M:%S"),
             "to": moment.strftime("%Y-%m-%dT%H:%M:%S")}
            for s, moment in reversed(list(enumerate(self.archive.snapshots)))
        ]  # fmt: skip
        return Response(200, json.dumps(crawls).encode(), {"Content-Type": JSON}, conditional=False)

    def _captures(self, snapshot: int) -> list[Capture]:
        return [
            c for c in self.archive.captures() if c.snapshot == snapshot and c.statuscode == 200
        ]

    def _file(self, snapshot: int) -> tuple[bytes, dict[str, tuple[int, int]]]:
        with self._lock:
            if snapshot not in self._files:
                self._files[snapshot] = self._write(snapshot)
            return self._files[snapshot]

    def _write(self, snapshot: int) -> tuple[bytes, dict[str, tuple[int, int]]]:
        out, where = io.BytesIO(), {}
        writer = WARCWriter(out, gzip=True)
        site = self.archive.past(snapshot)
        stamp = self.archive.snapshots[snapshot].strftime("%Y-%m-%dT%H:%M:%SZ")
        for capture in self._captures(snapshot):
            split = urlsplit(capture.path)
            served = site.route(split.path, unquote(split.path), parse_qs(split.query))
            headers = StatusAndHeaders(
                f"{served.status} OK", list(served.headers.items()), protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                self.archive.base_url + capture.path, "response",
                payload=io.BytesIO(served.body), http_headers=headers,
                warc_headers_dict={"WARC-Date": stamp},
            )  # fmt: skip
            start = out.tell()
            writer.write_record(record)
            where[capture.path] = (start, out.tell() - start)
        return out.getvalue(), where

    def index(self, crawl: str, query: dict[str, list[str]]) -> Response:
        snapshot = int(crawl.rsplit("-", 1)[1])
        if snapshot >= len(self.archive.snapshots):
            return Response(404, b"no such crawl", {"Content-Type": TEXT}, conditional=False)
        page = int(query.get("page", ["0"])[0] or 0)
        if page > 0:
            return Response(400, b"page out of range", {"Content-Type": TEXT}, conditional=False)
        url = query.get("url", [""])[0]
        wanted = "/" + url.rstrip("*").split("://", 1)[-1].split("/", 1)[-1]
        _, where = self._file(snapshot)
        lines = []
        for c in self._captures(snapshot):
            if not c.path.startswith(wanted):
                continue
            offset, length = where[c.path]
            lines.append(json.dumps({
                "urlkey": c.urlkey, "timestamp": c.timestamp,
                "url": self.archive.base_url + c.path, "mime": c.mimetype,
                "status": str(c.statuscode), "digest": c.digest, "length": str(length),
                "offset": str(offset), "filename": f"crawl-data/{crawl}/replica.warc.gz",
            }))  # fmt: skip
        body = "".join(line + "\n" for line in lines).encode()
        return Response(200, body, {"Content-Type": "text/x-ndjson"}, conditional=False)

    def data(self, snapshot: int, range_header: str | None) -> Response:
        if snapshot >= len(self.archive.snapshots):
            return Response(404, b"no such file", {"Content-Type": TEXT}, conditional=False)
        blob, _ = self._file(snapshot)
        match = _RANGE.match((range_header or "").strip())
        if match is None:
            return Response(200, blob, {"Content-Type": "application/octet-stream"},
                            conditional=False)  # fmt: skip
        start, end = int(match.group(1)), min(int(match.group(2)), len(blob) - 1)
        return Response(
            206,
            blob[start : end + 1],
            {"Content-Type": "application/octet-stream",
             "Content-Range": f"bytes {start}-{end}/{len(blob)}"},
            conditional=False,
        )  # fmt: skip
