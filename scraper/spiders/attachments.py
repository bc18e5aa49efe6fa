"""``attachments``: download the files listed under incoming messages.

Works from the attachments frontier (``db.downloads``, the ``attachments`` rows the normaliser
filled from stored thread pages):
pending files, files the site was still masking last time (``wait``), and failures with
attempts left. The first download of a never-masked file may answer 302 to
``/attachments/<token>/wait`` while the site redacts it: that is "come back later", not
content. Files are streamed with a size cap (Scrapy aborts past it: ``too_large``), sniffed
by their first bytes, and stored by hash (scraper.blobs). The spider writes none of it: each
answer becomes an item (``Downloaded`` with the bytes, or ``DownloadOutcome``) that the item
pipeline turns into a blob and the file's download columns.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure

from scraper.items import Downloaded, DownloadOutcome
from scraper.spiders.base import WdtkSpider, own_meta, request_of

MAX_HOPS = 3
# The site's wait page refreshes after 2 s and masking takes seconds: ask again later in the
# same run (behind every file not yet asked for), at most this many times, then next run.
WAIT_ROUNDS = 3
HANDLED = [301, 302, 303, 403, 404]


class AttachmentsSpider(WdtkSpider):
    name = "attachments"

    async def start(self) -> AsyncIterator[Request]:
        self.max_bytes = self.settings.getint("WDTK_ATTACHMENT_MAX_BYTES")
        rows = self.reads.due_files()
        self.set_stat("due", len(rows))
        for message_id, part, url in rows:
            if not self.take("attachments"):
                break
            yield Request(
                url if url.startswith(("http://", "https://")) else self.url(url),
                callback=self.on_file,
                errback=self.on_error,
                dont_filter=True,
                meta={
                    "dont_redirect": True,
                    "handle_httpstatus_list": HANDLED,
                    "download_maxsize": self.max_bytes,
                    "download_warnsize": 0,
                    "wdtk_attachment": (message_id, part),
                },
            )

    def on_file(self, response: Response) -> Iterator[Request | Downloaded | DownloadOutcome]:
        key: tuple[int, int] = response.meta["wdtk_attachment"]
        status = response.status
        if status in (301, 302, 303):
            location = (response.headers.get(b"Location") or b"").decode("latin-1")
            hops = response.meta.get("wdtk_hops", 0)
            if status == 301 and "/attach/" in location and hops < MAX_HOPS:
                # /request/<id>/response/… (older pages link by id) moves to the slug form.
                yield request_of(response).replace(
                    url=response.urljoin(location),
                    meta=own_meta(response.meta, wdtk_hops=hops + 1),
                )
                return
            if "/attachments/" in location:
                self.count("wait")
                rounds = response.meta.get("wdtk_wait_rounds", 0)
                if rounds < WAIT_ROUNDS:
                    request = request_of(response)
                    yield request.replace(
                        priority=request.priority - 1,
                        meta=own_meta(response.meta, wdtk_wait_rounds=rounds + 1),
                    )
                    return
                yield DownloadOutcome(key, "wait")
            else:
                # 303: the filename no longer matches the part (the listing changed).
                self.count("errors")
                yield DownloadOutcome(key, "failed")
            return
        if status == 403:
            self.count("hidden")
            erased = b"has been erased" in response.body
            yield DownloadOutcome(key, "hidden", erased=erased if erased else None)
            return
        if status == 404:
            self.count("gone")
            yield DownloadOutcome(key, "gone")
            return
        body = response.body
        if len(body) > self.max_bytes:
            self.count("too_large")
            yield DownloadOutcome(key, "too_large", detail=self._too_large(response.url))
            return
        self.count("downloaded")
        self.count("bytes", len(body))
        self.count("items")
        yield Downloaded(key, body)

    def on_error(self, failure: Failure) -> Iterator[DownloadOutcome]:
        request = failure.request  # type: ignore[attr-defined]
        key = request.meta["wdtk_attachment"]
        if failure.check(DownloadCancelledError, CancelledError):
            self.count("too_large")
            yield DownloadOutcome(key, "too_large", detail=self._too_large(request.url))
            return
        if failure.check(IgnoreRequest):
            self.count("robots_blocked")
            return
        self.count("errors")
        self.logger.warning("%s: %s", request.url, failure.getErrorMessage())
        yield DownloadOutcome(key, "failed")

    def _too_large(self, url: str) -> str:
        return f"{url} is larger than the download cap of {self.max_bytes} bytes"
