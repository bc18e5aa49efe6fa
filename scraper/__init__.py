"""Fetching: Scrapy spiders that fetch and remember (raw pages in ``db.raw_store``, the
frontier in ``db.crawl_state`` / ``db.downloads``, nothing else), middlewares, the doctor;
and the offline Alaveteli replica (``scraper.replica``), used only by the CLI, tests and
benches. Every entity row comes later, from ``stages.normalise``."""
