"""What stands in front of the replica's routes: a CDN bot wall and a web archive.

``--bot-wall`` answers every ``/request/*`` path (thread pages, JSON, attachments) the way a
Cloudflare managed challenge does: 403, ``cf-mitigated: challenge``, an interstitial titled
"Just a moment..." that loads ``/cdn-cgi/challenge-platform/`` scripts. ``/list``, ``/body/…``,
the authorities CSV, robots.txt and ``/version.json`` still work, as on WDTK in 2026. There is
nothing to solve: no answer ever opens the wall.

``--archive`` serves a Wayback-style CDX index and raw captures of the replica's own history
(scraper.replica.archive) on the same port, under ``/cdx/`` and ``/web/``, and the same
captures in Common Crawl's shapes (scraper.replica.commoncrawl: ``/collinfo.json``,
``/cc/<crawl>-index``, WARC records by byte range under ``/crawl-data/``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scraper.replica.archive import ReplicaArchive
from scraper.replica.commoncrawl import ReplicaCommonCrawl
from scraper.replica.http_common import Response
from scraper.replica.rng import stable_int
from scraper.replica.robots import ROBOTS_TXT
from scraper.replica.site import Site

CHALLENGE_PAGE = """<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="robots" content="noindex,nofollow">
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">www.whatdotheyknow.com</h1>
<h2 class="h2">Verifying you are human. This may take a few seconds.</h2>
<noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript>
</div></div>
<script>(function(){{window._cf_chl_opt={{cType: 'managed', cRay: '{ray}'}};
var s=document.createElement('script');
s.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray={ray}';
document.getElementsByTagName('head')[0].appendChild(s);}})();</script>
<div class="footer" role="contentinfo">Ray ID: <code>{ray}</code></div></body></html>
"""

ARCHIVE_ROBOTS = "Allow: /cdx/search/cdx\nAllow: /web/*id_/*\n"


def challenge(path: str) -> Response:
    ray = f"{stable_int('ray', path) % 16**16:016x}"
    return Response(
        403,
        CHALLENGE_PAGE.format(ray=ray).encode("utf-8"),
        {
            "Content-Type": "text/html; charset=UTF-8",
            "cf-mitigated": "challenge",
            "Server": "cloudflare",
            "CF-RAY": f"{ray}-LHR",
            "Cache-Control": "private, max-age=0, no-store, no-cache, must-revalidate",
        },
        conditional=False,
    )


class Front:
    def __init__(
        self, site: Site, *, bot_wall: bool = False, archive: ReplicaArchive | None = None
    ):
        self.site = site
        self.bot_wall = bot_wall
        self.archive = archive
        self.commoncrawl = ReplicaCommonCrawl(archive) if archive is not None else None

    def handle(
        self, method: str, target: str, body: bytes = b"", range_header: str | None = None
    ) -> Response:
        path = urlsplit(target).path
        if self.archive is not None and path == "/robots.txt":
            # On the real web the archive is another host with its own robots.txt; here it
            # shares the site's, whose "*/search/*" would forbid /cdx/search/cdx.
            text = ROBOTS_TXT + ARCHIVE_ROBOTS
            return Response(200, text.encode(), {"Content-Type": "text/plain; charset=utf-8"})
        if self.archive is not None and method in ("GET", "HEAD"):
            assert self.commoncrawl is not None
            answer = self.archive.handle(target) or self.commoncrawl.handle(target, range_header)
            if answer is not None:
                return answer
        if self.bot_wall and path.startswith("/request/"):
            return challenge(path)
        return self.site.handle(method, target, body)
