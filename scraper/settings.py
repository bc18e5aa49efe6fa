"""Settings for ``scrapy crawl <spider>`` from a checkout (scrapy.cfg points here).

Everything comes from the WDTK_* environment variables (pipeline.config), exactly as for
``wdtk crawl``; a live site without WDTK_CONTACT is refused here too.
"""

from __future__ import annotations

from pipeline.config import Settings
from scraper.politeness import check_allowed, scrapy_settings

_config = Settings.from_env()
check_allowed(_config)
globals().update(scrapy_settings(_config))
