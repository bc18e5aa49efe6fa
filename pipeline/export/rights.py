"""Where a dataset's content came from, under what terms, and whom to credit.

The source is the site actually crawled (from ``crawl_runs``), never a setting, so data from a
replica or another Alaveteli site is not published as WhatDoTheyKnow's. The licence is
``WDTK_DATA_LICENSE`` when set; the default claims nothing for this project: the
correspondence stays its authors', as WhatDoTheyKnow's own copyright policy says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

WDTK_URL = "https://www.whatdotheyknow.com"
WDTK_HOSTS = frozenset({"www.whatdotheyknow.com", "whatdotheyknow.com"})
# The site's "How we run WhatDoTheyKnow" page, Copyright section (help/how#copyright).
WDTK_COPYRIGHT_URL = f"{WDTK_URL}/help/how#copyright"


@dataclass(frozen=True, slots=True)
class SourceSite:
    """One site crawled into the database, from its crawl runs."""

    url: str
    first_crawled: datetime | None = None
    last_crawled: datetime | None = None
    pages: int = 0

    @property
    def is_wdtk(self) -> bool:
        return (urlsplit(self.url).hostname or "").lower() in WDTK_HOSTS

    @property
    def title(self) -> str:
        if self.is_wdtk:
            return "WhatDoTheyKnow"
        host = (urlsplit(self.url).hostname or self.url).lower()
        if host in ("localhost", "::1") or host.startswith("127."):
            return (
                f"A site on this machine ({self.url}): a replica or test server, not WhatDoTheyKnow"
            )
        return f"The Alaveteli site at {host}"


@dataclass(frozen=True, slots=True)
class License:
    title: str
    path: str | None = None


def license_from_setting(value: str | None, sources: tuple[SourceSite, ...] = ()) -> License:
    """``WDTK_DATA_LICENSE`` ("TITLE" or "TITLE URL", e.g. "ODbL-1.0
    https://opendatacommons.org/licenses/odbl/1-0/"), else the default statement."""
    if value and value.strip():
        words = value.strip().split()
        if len(words) > 1 and urlsplit(words[-1]).scheme in ("http", "https"):
            return License(" ".join(words[:-1]), words[-1])
        if urlsplit(words[0]).scheme in ("http", "https") and len(words) == 1:
            return License(words[0], words[0])
        return License(value.strip())
    return default_license(sources)


def _site_name(sources: tuple[SourceSite, ...]) -> str:
    if not sources or all(s.is_wdtk for s in sources):
        return "WhatDoTheyKnow"
    return "the site it was crawled from"


def default_license(sources: tuple[SourceSite, ...] = ()) -> License:
    """No licence: the content stays its authors'. The full statement is in ``rights_note``."""
    return License(
        "None granted: the content is its authors' (see WhatDoTheyKnow's copyright policy)",
        WDTK_COPYRIGHT_URL,
    )


def rights_note(sources: tuple[SourceSite, ...] = ()) -> str:
    """What the default licence means, for the package description."""
    return (
        "The requests, letters and documents remain the copyright of their authors (mostly the "
        f"public authorities that sent them) and are republished as {_site_name(sources)} "
        "publishes them; this dataset grants no licence to them, and re-use beyond what the law "
        "allows may need the copyright holder's permission."
    )


def attribution(sources: tuple[SourceSite, ...]) -> str:
    if not sources:
        return "Source unknown: no crawl is recorded in the database this was exported from."
    if all(s.is_wdtk for s in sources):
        return (
            "Source: WhatDoTheyKnow (https://www.whatdotheyknow.com), run by mySociety. The "
            "requests were made by its users and the responses written by the public "
            "authorities named in each; cite the request's page on WhatDoTheyKnow."
        )
    names = "; ".join(f"{s.title} ({s.url})" for s in sources)
    return (
        f"Source: {names}. The requests were made by that site's users and the responses "
        "written by the authorities named in each."
    )


def package_title(sources: tuple[SourceSite, ...]) -> str:
    if sources and all(s.is_wdtk for s in sources):
        return "WhatDoTheyKnow FOI requests"
    if not sources:
        return "FOI requests (source not recorded)"
    return "FOI requests from " + ", ".join(s.url for s in sources)
