"""Telling a bot wall from the site speaking: pure functions over one HTTP response.

A *bot wall* is a page put in front of the site by a CDN to stop automated clients: Cloudflare
answers 403, 429 or 503 with the header ``cf-mitigated: challenge`` and an interstitial page
titled "Just a moment..." that loads scripts from ``/cdn-cgi/challenge-platform/``. It says
nothing about the record asked for; the only honest answer is to stop asking and use another
route (a web archive, files you hold, or the site's permission).

A *takedown* is the site itself saying a record is gone: Alaveteli's 403 "Request has been
removed" page (app/views/request/hidden.html.erb) and its attachment equivalents.

Everything else is *normal*: content, a 404, a rate limit to wait out. Cloudflare also injects
``/cdn-cgi/challenge-platform/`` scripts into ordinary 200 pages, so page markers only count on
the refusal statuses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Kind = Literal["wall", "takedown", "normal"]

# 403 pages that are the site speaking about one record, not a block of the crawler
# (app/views/request/hidden.html.erb, attachments_controller.rb).
REMOVED_MARKERS = (
    b"Request has been removed",
    b"Message has been removed",
    b"Attachment has been removed",
    b"Attachment has been erased",
    b"Directory listing not allowed",
)
WALL_STATUSES = frozenset({403, 429, 503})
# Markers of Cloudflare's interstitial challenge pages (managed, JS and interactive).
WALL_MARKERS: tuple[tuple[bytes, str], ...] = (
    (b"<title>Just a moment...</title>", '"Just a moment..." challenge page'),
    (b"<title>Just a moment\xe2\x80\xa6</title>", '"Just a moment..." challenge page'),
    (b"/cdn-cgi/challenge-platform/", "Cloudflare challenge-platform script"),
    (b"window._cf_chl_opt", "Cloudflare challenge options"),
    (b"<title>Attention Required! | Cloudflare</title>", "Cloudflare block page"),
)
ROUTES = (
    "`wdtk crawl archive` (backfill from the Wayback Machine or Common Crawl), "
    "`wdtk import PATH...` (WARC files or saved pages you hold), "
    "or ask the site for research access"
)


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: Kind
    reason: str | None = None  # what gave it away, for walls and takedowns

    @property
    def is_wall(self) -> bool:
        return self.kind == "wall"


def is_removed_page(body: bytes) -> bool:
    return any(marker in body for marker in REMOVED_MARKERS)


def _lower(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    items = headers.items() if isinstance(headers, Mapping) else headers
    return {str(name).lower(): str(value) for name, value in items}


def classify_response(
    status: int, headers: Mapping[str, str] | Iterable[tuple[str, str]], body: bytes
) -> Verdict:
    """wall, takedown or normal, from the status, headers and (the start of) the body."""
    named = _lower(headers)
    mitigated = named.get("cf-mitigated", "").strip().lower()
    if mitigated == "challenge":
        return Verdict("wall", f"HTTP {status} with cf-mitigated: challenge")
    if status in WALL_STATUSES:
        head = body[:65536]
        for marker, what in WALL_MARKERS:
            if marker in head:
                return Verdict("wall", f"HTTP {status}: {what}")
    if status == 403 and is_removed_page(body):
        return Verdict("takedown", "the site's 'has been removed' page")
    return Verdict("normal")


def path_family(url: str) -> str:
    """The part of the site a wall covers: the first path segment (``/request/``, ``/list``)."""
    path = urlsplit(url).path or "/"
    first = path.lstrip("/").split("/", 1)[0]
    if not first:
        return "/"
    rest = path.lstrip("/")[len(first) :]
    return f"/{first}/" if rest.startswith("/") else f"/{first.split('.', 1)[0]}"


def same_family(url: str, family: str) -> bool:
    path = urlsplit(url).path or "/"
    return path.startswith(family) or path.startswith(family.rstrip("/") + ".")


def advice(url: str, reason: str | None) -> str:
    """The one line a user sees: what the wall means and what to do instead."""
    split = urlsplit(url)
    family = path_family(url)
    return (
        f"bot wall: {split.netloc} answered {family}* with a challenge page "
        f"({reason or 'challenge'}; first at {url}). The site is refusing automated clients "
        f"there; the pipeline stops asking and will not try to get past it. "
        f"Other routes: {ROUTES}."
    )
