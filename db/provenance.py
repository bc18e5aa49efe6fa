"""Which sites the database's data was crawled from: the crawl runs that fetched pages.

``crawl_runs.base_url`` is the site the crawl process was pointed at (``wdtk crawl
--base-url``, ``wdtk refresh --base-url``, the demo's replica), recorded when it started; a
run that fetched nothing adds no source. Exports publish these, not the WDTK_BASE_URL setting.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from db.models import CrawlRun
from pipeline.export.rights import SourceSite

# The spiders that fetch from the site (the other crawl_runs rows are pipeline stages).
CRAWL_SPIDERS = ("authorities", "discover", "threads", "attachments")


def crawled_sites(conn: Connection) -> tuple[SourceSite, ...]:
    """Every site pages were fetched from, most pages first."""
    stmt = (
        select(
            CrawlRun.base_url,
            func.min(CrawlRun.started_at),
            func.max(CrawlRun.started_at),
            func.sum(CrawlRun.pages),
        )
        .where(
            CrawlRun.spider.in_(CRAWL_SPIDERS),
            CrawlRun.base_url.is_not(None),
            CrawlRun.pages > 0,
        )
        .group_by(CrawlRun.base_url)
        .order_by(func.sum(CrawlRun.pages).desc(), CrawlRun.base_url)
    )
    return tuple(
        SourceSite(url.rstrip("/"), first, last, int(pages or 0))
        for url, first, last, pages in conn.execute(stmt)
    )
