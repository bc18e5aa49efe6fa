"""Settings for the ``scrapy`` command from a checkout (scrapy.cfg points here).

Everything comes from the WDTK_* environment variables (pipeline.config), exactly as for
``wdtk crawl``. Only commands that fetch need WDTK_CONTACT for a live site: ``scrapy list``,
``scrapy version`` and the like work without it, while ``scrapy crawl`` of a site that is not
on loopback is refused with the one line ``wdtk crawl`` gives, before a spider is built.
``wdtk crawl`` and ``python -m scraper.run`` check for themselves and do not use this module.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline.config import ConfigError, Settings
from scraper.politeness import CrawlConfigError, check_allowed, scrapy_settings

# scrapy commands that never fetch a page, so need no contact.
NO_FETCH = frozenset({"list", "version", "settings", "genspider", "startproject", "edit", "help"})


def scrapy_command(argv: Sequence[str]) -> str | None:
    """The scrapy sub-command in ``argv``, or None when this is not the scrapy command."""
    program = Path(argv[0]).name if argv else ""
    if program != "scrapy" and not argv[0].endswith("scrapy/__main__.py"):
        return None
    return next((arg for arg in argv[1:] if not arg.startswith("-")), "help")


def refuse_impolite(config: Settings, command: str | None) -> None:
    """Exit with ``wdtk crawl``'s one-line error when ``command`` would crawl impolitely."""
    if command is None or command in NO_FETCH:
        return
    try:
        check_allowed(config)
    except CrawlConfigError as exc:
        sys.exit(f"wdtk crawl: error: {exc}")


try:
    _config = Settings.from_env()
except ConfigError as exc:
    sys.exit(f"wdtk crawl: error: {exc}")
refuse_impolite(_config, scrapy_command(sys.argv))
globals().update(scrapy_settings(_config))
