"""``threads``: fetch every request whose turn has come (crawl_state.next_check_at).

New ids found by ``discover`` are due at once; open requests come round daily, closed ones
ever more rarely, ids that answer 404 (embargoed or removed) on a slow re-probe schedule,
failures after a back-off. Nothing due, nothing fetched.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from scrapy import Request

from scraper.spiders.threadfetch import ThreadFetcher


class ThreadsSpider(ThreadFetcher):
    name = "threads"

    async def start(self) -> AsyncIterator[Request]:
        due = self.reads.due(self.limit)
        self.set_stat("due", len(due))
        for request_id in due:
            request = self.thread_request(request_id, via="due")
            if request is None:
                break
            yield request
