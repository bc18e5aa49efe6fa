"""List, authority, user, attachment-view and masking-wait pages.

/list items follow ``_request_listing_via_event.html.erb`` (one per request, for its newest
indexed event), the count is ``h2.foi_results`` and pagination is will_paginate 4 markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pipeline.states import display_status
from scraper.replica.html_common import esc, page, paragraphs, ruby_time, time_html
from scraper.replica.model import Request
from scraper.replica.names import Authority, User

PER_PAGE = 25
MAX_PAGES = 20


@dataclass(frozen=True, slots=True)
class ListEntry:
    request: Request
    event_type: str
    event_at: datetime
    anchor: str | None  # incoming-N, outgoing-N, comment-N
    calculated_state: str | None
    snippet: str
    comment_author: tuple[str, str] | None = None  # (url_name, name) of an annotation's author


def _description(entry: ListEntry) -> str:
    r = entry.request
    body = f'<a href="/body/{r.authority.url_name}">{esc(r.authority.name)}</a>'
    user = f'<a href="/user/{r.user.url_name}">{esc(r.user.name)}</a>'
    when = time_html(entry.event_at)
    if entry.event_type == "sent":
        return f"Request sent to {body} by {user} on {when}."
    if entry.event_type == "followup_sent":
        lead = {
            "internal_review": "Internal review request",
            "waiting_response": "Clarification",
        }.get(entry.calculated_state or "", "Follow up")
        return f"{lead} sent to {body} by {user} on {when}."
    if entry.event_type == "response":
        return f"Response by {body} to {user} on {when}."
    commenter = entry.comment_author or (r.user.url_name, r.user.name)
    annotator = f'<a href="/user/{commenter[0]}">{esc(commenter[1])}</a>'
    return f"Request to {body} by {user}. Annotated by {annotator} on {when}."


def listing(entry: ListEntry) -> str:
    r = entry.request
    href = f"/request/{r.url_title}" + (
        f"#{entry.anchor}" if entry.anchor and entry.event_type != "sent" else ""
    )
    return f"""<div class="request_listing">
  <div class="request_left">
    <span class="head">
        <a href="{href}">{esc(r.title)}</a>
    </span>

    <div class="requester">
      {_description(entry)}
    </div>

    <p>
      <i class="icon-standalone icon_{r.status}"></i>
      <strong>
        {display_status(r.status)}
      </strong>
    </p>
    </span>

  </div>

  <div class="request_right">
    <span class="desc">
      {esc(entry.snippet[:150])}
    </span>
  </div>
</div>
"""


def pagination(base: str, page_no: int, total: int) -> str:
    pages = min(MAX_PAGES, -(-total // PER_PAGE))
    if pages <= 1:
        return ""
    sep = "&amp;" if "?" in base else "?"
    links = []
    if page_no > 1:
        links.append(
            f'<a class="previous_page" rel="prev" href="{base}{sep}page={page_no - 1}">&#8592; Previous</a>'
        )
    else:
        links.append('<span class="previous_page disabled">&#8592; Previous</span>')
    for n in range(1, pages + 1):
        if n == page_no:
            links.append(f'<em class="current">{n}</em>')
        else:
            rel = ' rel="next"' if n == page_no + 1 else (' rel="prev"' if n == page_no - 1 else "")
            links.append(f'<a{rel} href="{base}{sep}page={n}">{n}</a>')
    if page_no < pages:
        links.append(
            f'<a class="next_page" rel="next" href="{base}{sep}page={page_no + 1}">Next &#8594;</a>'
        )
    else:
        links.append('<span class="next_page disabled">Next &#8594;</span>')
    return '<div class="pagination">' + " ".join(links) + "</div>"


def results(entries: list[ListEntry], total: int, base: str, page_no: int) -> str:
    if not entries:
        body = "<p> No requests of this sort yet.</p>"
    else:
        body = f"""<h2 class="foi_results">
    About {total} FOI requests found</h2>
  <div class="results_block">
{"".join(listing(e) for e in entries)}  </div>
"""
    return f'<div class="results_section">\n{body}\n{pagination(base, page_no, total)}\n</div>\n'


def list_page(path: str, base: str, entries: list[ListEntry], total: int, page_no: int) -> str:
    content = f"""<div id="request_list" class="controller_request">
<div id="header_left" class="header_left">
  <h1>Browse and search requests</h1>
  <form id="request_search_form" method="get" action="/list">
    <label for="request_date_after">Made between</label>
    <input type="text" name="request_date_after" id="request_date_after" class="use-datepicker" />
    <label for="request_date_before">and</label>
    <input type="text" name="request_date_before" id="request_date_before" class="use-datepicker" />
    <input type="submit" value="Search" />
  </form>
</div>
<div style="clear:both"></div>
{results(entries, total, base, page_no)}</div>
"""
    return page("Browse and search requests - WhatDoTheyKnow", path, content, section="requests")


def body_page(
    path: str, body: Authority, entries: list[ListEntry], total: int, page_no: int
) -> str:
    tags = " ".join(f'<a href="/body/list/{name}">{esc(name)}</a>' for name, _ in body.tags)
    content = f"""<div id="public_body_show" class="controller_public_body">
<div id="header_left" class="header_left">
  <h1>{esc(body.name)}</h1>
  <p class="subtitle">Also called {esc(body.short_name or body.name)}.</p>
  <p>Tags: {tags}</p>
  <p><a href="{esc(body.home_page)}">Home page of authority</a></p>
  <p><a href="/body/{body.url_name}.json">JSON</a></p>
</div>
<div style="clear:both"></div>
{results(entries, total, path, page_no)}</div>
"""
    return page(
        f"{body.name} - view and make Freedom of Information requests - WhatDoTheyKnow",
        path,
        content,
        section="bodies",
    )


def user_page(path: str, user: User, entries: list[ListEntry], total: int, page_no: int) -> str:
    about = f'<p class="user_about_me">{esc(user.about_me)}</p>' if user.about_me else ""
    content = f"""<div id="user_show" class="controller_user">
<div class="user-profile">
  <h1>{esc(user.name)}</h1>
  {about}
</div>
{results(entries, total, path, page_no)}</div>
"""
    return page(f"{user.name} - Freedom of Information requests - WhatDoTheyKnow", path, content)


def attachment_html(r: Request, filename: str, text: str, download: str) -> str:
    """The "View" rendering of a PDF or text attachment (``_view_html_prefix``)."""
    body = "\n".join(paragraphs(text))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(filename)} - WhatDoTheyKnow</title>
<meta name="robots" content="noindex, nofollow">
</head>
<body id="wrapper">
<div class="view_html_prefix">
  <p>This is an HTML version of an attachment to the Freedom of Information request
  '<a href="/request/{r.url_title}">{esc(r.title)}</a>'.</p>
  <p><a href="{download}">Download original attachment</a></p>
</div>
<div class="view_html_content">
{body}
</div>
</body>
</html>
"""


def wait_page(original: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="2">
<title>Attachment processing... - WhatDoTheyKnow</title>
</head>
<body>
<h1>Attachment processing...</h1>
<p>This attachment is being prepared. This page will refresh automatically.</p>
<p><a href="{esc(original)}">Return to the request</a></p>
</body>
</html>
"""


def done_page(original: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Attachment ready - WhatDoTheyKnow</title></head>
<body><h1>Attachment ready</h1><p><a href="{esc(original)}">Download attachment</a></p></body>
</html>
"""


def details_page(
    path: str,
    r: Request,
    rows: list[tuple[int, str, str, datetime, str | None, str | None, datetime | None, str | None]],
) -> str:
    """``/request/<slug>/details``: the event history table (``request/details.html.erb``)."""
    columns = (
        "id",
        "event_type",
        "details",
        "created_at",
        "described_state",
        "calculated_state",
        "last_described_at",
    )
    body = []
    for n, (event_id, kind, details, at, described, calculated, described_at, link) in enumerate(
        rows
    ):
        cells = (
            str(event_id), "edit metadata" if kind == "edit" else kind, details, ruby_time(at),
            described or "", calculated or "", ruby_time(described_at) if described_at else "",
        )  # fmt: skip
        tds = "".join(
            f'\n      <td data-label="{c}">{esc(v)}&nbsp;\n      </td>'
            for c, v in zip(columns, cells, strict=True)
        )
        anchor = f'<a href="/request/{r.url_title}#{link}">{link.split("-")[0]}</a>' if link else ""
        body.append(
            f'    <tr class="{"odd" if n % 2 == 0 else "even"}">{tds}\n    <td data-label="link">{anchor}</td>\n    </tr>'
        )
    head = "".join(f"\n    <th>{c}</th>" for c in columns)
    content = f"""<div id="request_details" class="controller_request">
<h1>Details of request &ldquo;<a href="/request/{r.url_title}">{esc(r.title)}</a>&rdquo;</h1>

<h2>Event history</h2>

<table>
  <thead>
  <tr scope="col">{head}
  <th scope="col">link</th>
  </tr>
  </thead>
{chr(10).join(body)}
</table>
</div>
"""
    return page(f"Details of request \u201c{r.title}\u201d - WhatDoTheyKnow", path, content)


def batch_page(path: str, batch_id: int, title: str, members: list[Request]) -> str:
    """``/info_request_batch/<id>``: the requests of one batch, one per authority."""
    items = "".join(
        f"""
  <li class="batch-request">
    <a href="/request/{r.url_title}">{esc(r.title)}</a> to
    <a href="/body/{r.authority.url_name}">{esc(r.authority.name)}</a>
    <span class="batch-request__status">{display_status(r.status)}</span>
  </li>"""
        for r in members
    )
    content = f"""<div id="info_request_batch_show" class="controller_info_request_batch">
<h1>{esc(title)}</h1>
<p>Batch request sent to {len(members)} authorities.</p>
<ul class="batch-request-list">{items}
</ul>
</div>
"""
    return page(f"{title} - WhatDoTheyKnow", path, content)
