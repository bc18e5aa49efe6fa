"""``authorities``: the catalogue from ``/body/all-authorities.csv``, then body JSON where needed.

The CSV (regenerated nightly by the site; 204 until the first export exists) carries names,
slugs, tags and dates. ``/body/<url_name>.json`` adds only the site's request counts, so it is
fetched for bodies that are new, changed, or have never had their counts read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from urllib.parse import quote

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from sqlalchemy import or_, select
from twisted.python.failure import Failure

from db.base import utcnow
from db.models import Authority
from pipeline.parse.authorities_csv import parse_authorities_csv
from pipeline.parse.errors import ParseError
from pipeline.parse.request_json import parse_body_json
from scraper.catalogue import apply_body_json, apply_catalogue
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

    def on_csv(self, response: Response) -> Iterator[Request]:
        if response.status == 204:
            self.logger.info("%s: 204, the site has not exported its catalogue yet", response.url)
            self.set_stat("csv_status", 204)
            return
        if response.status == 304:
            self.count("not_modified")
            stored = self.stored_body(response.url)
            body = stored[1] if stored else None
            if body is None:
                return
        else:
            self.store(response, "authority_csv")
            body = response.body
        try:
            records = parse_authorities_csv(body)
        except ParseError as exc:
            self.logger.error("%s: %s", response.url, exc)
            self.count("errors")
            return
        now = utcnow()
        with self.db.begin() as conn:
            changes = apply_catalogue(conn, records, now)
            needing = list(
                conn.execute(
                    select(Authority.id, Authority.url_name).where(
                        Authority.removed_at.is_(None),
                        or_(
                            Authority.requests_count.is_(None),
                            Authority.id.in_(changes.changed or [-1]),
                        ),
                    )
                )
            )
        self.set_stat("authorities", len(records))
        self.set_stat("authorities_added", len(changes.added))
        self.set_stat("authorities_changed", len(changes.changed))
        self.set_stat("authorities_removed", len(changes.removed))
        self.set_stat("authority_changes", changes.history_rows)
        self.count("items", len(records))
        for body_id, url_name in sorted(needing):
            if not self.take("bodies"):
                break
            yield Request(
                self.url(f"/body/{quote(url_name)}.json"),
                callback=self.on_body_json,
                errback=self.on_error,
                dont_filter=True,
                meta={"wdtk_body": body_id},
            )

    def on_body_json(self, response: Response) -> None:
        self.store(response, "body_json")
        try:
            record = parse_body_json(response.body, source=response.url)
        except ParseError as exc:
            self.logger.warning("%s", exc)
            self.count("errors")
            return
        with self.db.begin() as conn:
            if apply_body_json(conn, record, utcnow()):
                self.count("bodies_updated")

    def on_error(self, failure: Failure) -> None:
        if failure.check(IgnoreRequest):
            # robots.txt's "*/tor*" also matches /body/torbay_council and its kin.
            self.count("robots_blocked")
            return
        self.count("errors")
        self.logger.warning("%s", failure.getErrorMessage())
