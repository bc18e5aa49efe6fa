"""``authorities``: the catalogue from ``/body/all-authorities.csv``, then body JSON where needed.

The CSV (regenerated nightly by the site; 204 until the first export exists) carries names,
slugs, tags and dates. ``/body/<url_name>.json`` adds only the site's request counts, so it is
fetched for bodies that are new or changed since the CSV stored last, or whose JSON has never
been stored. The spider only fetches and yields the raw pages (the item pipeline stores them):
normalise loads both into ``authorities`` (``db.catalogue``), once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import quote

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from twisted.python.failure import Failure

from pipeline.parse.authorities_csv import parse_authorities_csv
from pipeline.parse.errors import ParseError
from pipeline.records import AuthorityRecord
from scraper.items import RawPage
from scraper.spiders.base import WdtkSpider

CSV_PATH = "/body/all-authorities.csv"


class AuthoritiesSpider(WdtkSpider):
    name = "authorities"

    async def start(self) -> AsyncIterator[Request]:
        yield self.conditional(
            Request(
                self.url(CSV_PATH),
                callback=self.on_csv,
                dont_filter=True,
                meta={"handle_httpstatus_list": [204, 304]},
            )
        )

    def on_csv(self, response: Response) -> Iterator[Any]:
        if response.status == 204:
            self.logger.info("%s: 204, the site has not exported its catalogue yet", response.url)
            self.set_stat("csv_status", 204)
            return
        previous: bytes | None  # the catalogue stored before this one, if any
        if response.status == 304:
            self.count("not_modified")
            confirmed = self.confirmed(response.url)
            if confirmed is None:
                return
            touched, body = confirmed
            previous = body
            yield touched
        else:
            previous = self._stored_csv(response.url)  # read before the new one is yielded
            yield self.raw_page(response, "authority_csv")
            body = response.body
        try:
            records = parse_authorities_csv(body)
        except ParseError as exc:
            self.logger.error("%s: %s", response.url, exc)
            self.count("errors")
            return
        before = _parsed_or_empty(previous)
        added = [r.id for r in records if r.id not in before]
        changed = [r.id for r in records if r.id in before and before[r.id] != r]
        self.set_stat("authorities", len(records))
        self.set_stat("authorities_added", len(added))
        self.set_stat("authorities_changed", len(changed))
        self.set_stat("authorities_removed", len(set(before) - {r.id for r in records}))
        self.count("items", len(records))
        fetched = self.reads.stored_urls("body_json")
        fresh = {*added, *changed}
        for record in sorted(records, key=lambda r: r.id):
            url = self.url(f"/body/{quote(record.url_name)}.json")
            if record.id not in fresh and url in fetched:
                continue
            if not self.take("bodies"):
                break
            yield Request(
                url,
                callback=self.on_body_json,
                errback=self.on_error,
                dont_filter=True,
                meta={"wdtk_body": record.id},
            )

    def _stored_csv(self, url: str) -> bytes | None:
        stored = self.reads.stored_copy(url)
        if stored is None or stored[0].http_status != 200:
            return None
        return stored[1]

    def on_body_json(self, response: Response) -> Iterator[RawPage]:
        # A body's JSON whose content is new for its URL counts as updated too.
        yield self.raw_page(response, "body_json", counts_new=("pages_stored", "bodies_updated"))

    def on_error(self, failure: Failure) -> None:
        if failure.check(IgnoreRequest):
            # robots.txt's "*/tor*" also matches /body/torbay_council and its kin.
            self.count("robots_blocked")
            return
        self.count("errors")
        self.logger.warning("%s", failure.getErrorMessage())


def _parsed_or_empty(body: bytes | None) -> dict[int, AuthorityRecord]:
    """The bodies of the CSV stored before, by id (none if there was none, or it was bad)."""
    if body is None:
        return {}
    try:
        return {r.id: r for r in parse_authorities_csv(body)}
    except ParseError:
        return {}
