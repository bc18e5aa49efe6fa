"""Attachment routes: downloads, HTML views and the masking wait (wdtk-site.md §1.2).

* request hidden → 403 "Request has been removed"; embargoed → 404; message hidden → 403
  "Message has been removed"; attachment hidden → 403 "Attachment has been removed";
* wrong filename for a valid part → 303 to ``/request/<slug>#incoming-<im_id>``; no filename
  → 403 "Directory listing not allowed"; numeric request id → 301 to the slug path;
* the first access to an attachment → 302 to ``/attachments/<token>/wait`` (the masking job);
  after that the original URL serves the file, typed from its extension, as an attachment.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from scraper.replica import html_pages
from scraper.replica.attach import attachment_file
from scraper.replica.html_thread import HTML_VIEWABLE
from scraper.replica.http_common import Response, html_response, redirect

if TYPE_CHECKING:
    from scraper.replica.site import Site

ATTACH = re.compile(r"^/request/([^/]+)/response/(\d+)/attach/(html/)?(\d+)(?:/(.*))?$")


def attachment(site: Site, match: re.Match[str], raw_path: str) -> Response:
    replica = site.replica
    key, im_id, as_html, part, name = (
        match.group(1),
        int(match.group(2)),
        bool(match.group(3)),
        int(match.group(4)),
        match.group(5),
    )
    if key.isdigit():
        request = replica.request(int(key))
        if request is None or not request.public:
            return site.not_found(raw_path)
        return redirect(
            301, raw_path.replace(f"/request/{key}/", f"/request/{request.url_title}/", 1)
        )
    request_id = replica.resolve_slug(key)
    request = replica.request(request_id) if request_id is not None else None
    if request is None or request.embargoed:
        return site.not_found(raw_path)
    if not request.public:
        return Response(
            403,
            b"Request has been removed",
            {"Content-Type": "text/plain; charset=utf-8"},
            conditional=False,
        )
    event = next(
        (e for e in request.events if e.type == "response" and e.message and e.message.id == im_id),
        None,
    )
    if event is None or event.message is None:
        return site.not_found(raw_path)
    message = event.message
    if message.prominence != "normal":
        return Response(
            403,
            b"Message has been removed",
            {"Content-Type": "text/plain; charset=utf-8"},
            conditional=False,
        )
    att = next((a for a in message.attachments if a.part == part), None)
    if att is None:
        return site.not_found(raw_path)
    if att.hidden:
        return Response(
            403,
            b"Attachment has been removed",
            {"Content-Type": "text/plain; charset=utf-8"},
            conditional=False,
        )
    if not name:
        return Response(
            403,
            b"Directory listing not allowed",
            {"Content-Type": "text/plain; charset=utf-8"},
            conditional=False,
        )
    wanted = unquote(name)
    if as_html:
        if not wanted.endswith(".html") or att.filename.rsplit(".", 1)[-1] not in HTML_VIEWABLE:
            return site.not_found(raw_path)
        wanted = wanted.removesuffix(".html")
    if wanted != att.filename:
        return redirect(303, f"/request/{request.url_title}#incoming-{im_id}")
    mask_key = (request.id, im_id, part)
    if mask_key not in site.masked:
        site.masked.add(mask_key)
        token = mask_token(replica.seed, att.wdtk_id)
        return redirect(302, f"/attachments/{token}/wait?referer={quote(raw_path, safe='')}")
    if as_html:
        download = raw_path.replace("/attach/html/", "/attach/", 1).removesuffix(".html")
        return html_response(
            200, html_pages.attachment_html(request, att.filename, att.text, download)
        )
    file = attachment_file(request, message, att)
    headers = {
        "Content-Type": file.content_type,
        "Content-Disposition": f'attachment; filename="{att.filename}"',
    }
    if file.content_type == "text/csv":
        headers["Access-Control-Allow-Origin"] = "*"
    return Response(200, file.data, headers, request.updated_at)


def masking(site: Site, path: str, query: dict[str, list[str]]) -> Response:
    referer = query.get("referer", ["/"])[0]
    parts = path.strip("/").split("/")
    if len(parts) != 3:
        return site.not_found(path)
    if parts[2] == "wait":
        return html_response(200, html_pages.wait_page(referer), **{"X-Robots-Tag": "noindex"})
    if parts[2] == "done":
        return html_response(200, html_pages.done_page(referer), **{"X-Robots-Tag": "noindex"})
    return site.not_found(path)


def mask_token(seed: int, attachment_id: int) -> str:
    digest = hashlib.sha1(f"{seed}:{attachment_id}".encode()).hexdigest()[:20]
    return f"eyJfcmFpbHMiOnsiZGF0YSI6ImdpZDovL2FsYXZldGVsaS9Gb2lBdHRhY2htZW50LzE{attachment_id}--{digest}"
