"""The WDTK spiders: authorities, discover, threads, attachments (``scrapy list``).

They store what the site answered and when to look again; they import no loader, no upsert
and no entity model (tests/scraper/test_layers.py)."""
