"""The request thread page, ``/request/<url_title>``, in the 2019 or the current markup.

2019 markup (the real fixture pages): ``js-collapsable``; the body's ``<p>``s sit directly in
``div.correspondence_text`` inside an extra ``<p>``; attachments are plain ``li.attachment``
linked through the numeric request id, labelled "Download" then "View as HTML".
Current markup (wdtk-site.md §2): ``js-collapsible``; the body is ``div#attachment-<id>``;
``li.attachment#attachment-<id>``; links through the slug, labelled "View" then "Download".
"""

from __future__ import annotations

from scraper.replica.attach import file_size
from scraper.replica.files import content_type_for, size_label
from scraper.replica.html_common import (
    SITE,
    date_html,
    esc,
    inline,
    iso,
    page,
    paragraphs,
    time_html,
    url_file,
)
from scraper.replica.html_sidebar import action_menu, sidebar
from scraper.replica.model import Attachment, Event, Message, Request
from scraper.replica.rng import stable_int

HTML_VIEWABLE = ("pdf", "txt")


def icon_src(content_type: str) -> str:
    digest = f"{stable_int('icon', content_type):016x}"
    return f"/assets/content_type/icon_{content_type.replace('/', '_')}_large-{digest}.png"


def attachment_paths(request: Request, im_id: int, att: Attachment) -> tuple[str, str | None]:
    """(download path, HTML-view path or None); 2019 pages link through the numeric id."""
    key = str(request.id) if request.markup == "2019" else request.url_title
    base = f"/request/{key}/response/{im_id}/attach"
    html = (
        f"{base}/html/{att.part}/{url_file(att.filename)}.html"
        if att.filename.rsplit(".", 1)[-1] in HTML_VIEWABLE
        else None
    )
    return f"{base}/{att.part}/{url_file(att.filename)}", html


def status_sentence(r: Request) -> str:
    body = f'<a href="/body/{r.authority.url_name}">{esc(r.authority.name)}</a>'
    details = '(<a href="/help/requesting#quickly_response">details</a>)'
    s = r.status
    if s == "waiting_response" and r.due_date:
        return f"Currently <strong>waiting for a response</strong> from {body}, they should respond promptly and normally no later than <strong>{date_html(r.due_date)}</strong> {details}."
    if s == "waiting_response_overdue" and r.due_date:
        return f"Response to this request is <strong>delayed</strong>. By law, {body} should normally have responded <strong>promptly</strong> and by <strong>{date_html(r.due_date)}</strong> {details}"
    if s == "waiting_response_very_overdue":
        return f'Response to this request is <strong>long overdue</strong>. By law, under all circumstances, {body} should have responded by now {details}. The person who made the request can <strong>complain</strong> by <a href="/request/{r.id}/followups/new?internal_review=1#followup">requesting an internal review</a>.'
    if s == "waiting_classification":
        plural = (
            "recent responses"
            if sum(e.type == "response" for e in r.events) > 1
            else "a recent response"
        )
        return f'We\'re waiting for <a href="/user/{r.user.url_name}">{esc(r.user.name)}</a> to read {plural} and update the status.'
    return {
        "not_held": f"{body} <strong>did not have</strong> the information requested.",
        "rejected": f"The request was <strong>refused</strong> by {body}.",
        "successful": "The request was <strong>successful</strong>.",
        "partially_successful": "The request was <strong>partially successful</strong>.",
        "waiting_clarification": f'The request is <strong>waiting for clarification</strong>. If you are <a href="/user/{r.user.url_name}">{esc(r.user.name)}</a>, please <a href="/profile/sign_in">sign in</a> to send a follow up message.',
        "gone_postal": "The authority would like to / has <strong>responded by postal mail</strong> to this request.",
        "internal_review": f"Waiting for an <strong>internal review</strong> by {body} of their handling of this request.",
        "error_message": f'There was a <strong>delivery error</strong> or similar, which needs fixing by the WhatDoTheyKnow team. Can you help by <a href="/change_request/new?body={r.authority.url_name}">finding updated contact details</a>?',
        "requires_admin": "This request has had an unusual response, and <strong>requires attention</strong> from the WhatDoTheyKnow team.",
        "user_withdrawn": "This request has been <strong>withdrawn</strong> by the person who made it. There may be an explanation in the correspondence below.",
        "attention_requested": "This request has been <strong>reported</strong> as needing administrator attention.",
        "vexatious": "This request has been reviewed by an administrator and is considered to be vexatious",
        "not_foi": "This request has been reviewed by an administrator and is considered not to be an FOI request",
    }.get(s, "")


def _subtitle(r: Request) -> str:
    text = (
        f'<a href="/user/{r.user.url_name}">{esc(r.user.name)}</a> made this '
        f"{'Environmental Information Regulations' if r.law_used == 'eir' else 'Freedom of Information'} request to "
        f'<a href="/body/{r.authority.url_name}">{esc(r.authority.name)}</a>'
    )
    if r.batch_id:
        text += f' as part of <a href="/info_request_batch/{r.batch_id}">a batch sent to {r.batch_size} authorities</a>'
    if "eir_only" in r.authority.tag_names:
        text += '\n  <span class="request-header__foi_no">\n    <br>\n    You only have a right in law to access information about the environment from this authority\n    </span>'
    return text


def _footer(r: Request, anchor: str, report: str) -> str:
    return f"""
      <div class="correspondence__footer">
          <div class="correspondence__footer__cplink">
            <input type="text" id="cplink__field" class="cplink__field" value="{SITE}/request/{r.url_title}#{anchor}">
            <button class="cplink__button">Link to this</button>

            <a class="cplink__button button" href="/request/{r.url_title}/report/new?{report}">Report</a>
          </div>
      </div>
"""


def _outgoing(r: Request, e: Event, m: Message, js: str) -> str:
    anchor = f"outgoing-{m.id}"
    if e.type in ("resent", "followup_resent"):
        what = "request" if m.message_type == "initial_request" else "a follow up"
        verb = "Sent request to" if what == "request" else "Sent a follow up to"
        return f"""  <div class="outgoing correspondence box" id="{anchor}">
  <h2>
    {time_html(e.at)}
  </h2>

  <p class="event_plain">
      {verb} <a href="/body/{r.authority.url_name}">{esc(r.authority.name)}</a> again.
  </p>
</div>
"""
    if m.prominence != "normal":
        return f'  <div class="outgoing correspondence {js}" id="{anchor}">\n    <p id="hidden_message" class="hidden_message">This message has been hidden. There are various reasons why we might have done this, sorry we can\'t be more specific here. Please <a href="/help/contact">contact us</a> if you have any questions.</p>\n</div>\n'
    status = m.delivery_status
    header_class = (
        "correspondence__header correspondence__header--with-delivery-status"
        if status
        else "correspondence__header"
    )
    delivery = (
        f'\n        <div class="correspondence__header__delivery-status">\n          <a class="toggle-delivery-log toggle-delivery-log--{status} js-toggle-delivery-log" data-delivery-status="{status}" href="/outgoing_messages/{m.id}/delivery_status">{status.capitalize()}</a>        </div>'
        if status else ""
    )  # fmt: skip
    paras = "\n\n".join(paragraphs(m.body, nofollow=True))
    body = f"\n\n  <p>{paras}</p>\n" if r.markup == "2019" else f"\n      <div>{paras}</div>\n    "
    date_href = f"/request/{r.url_title}#{anchor}" if r.markup == "2019" else f"#{anchor}"
    return f"""  <div class="outgoing correspondence {js}" id="{anchor}">
    <div class="{header_class}">
      <span class="correspondence__header__author {js}-trigger">
        {esc(m.author)}
      </span>

      <a class="correspondence__header__date" href="{date_href}">
          {time_html(e.at)}
</a>{delivery}
    </div>

    <div class="js-delivery-log-ajax-error" hidden aria-hidden="true" style="display: none; visibility: hidden;">
      <p>We couldn’t load the mail server logs for this message.</p>
      <p><a target="_blank" href="/outgoing_messages/{m.id}/delivery_status">Try opening the logs in a new window.</a></p>
    </div>

    <div class="correspondence_text">{body}</div>

    <p class="event_actions">
    </p>
{_footer(r, anchor, f"outgoing_message_id={m.id}")}
</div>
"""


def _attachments(r: Request, m: Message) -> str:
    items = []
    for att in m.attachments:
        li_id = f' id="attachment-{att.wdtk_id}"' if r.markup == "current" else ""
        if att.hidden:
            items.append(
                f'          <li class="attachment"{li_id}>\n            <img class="attachment__image" src="/assets/content_type/icon_unknown.png" />\n'
                '            <span class="hidden_attachment">This attachment has been hidden. There are various reasons why we might have done this, sorry we can\'t be more specific here.</span>\n          </li>'
            )
            continue
        download, html = attachment_paths(r, m.id, att)
        ctype = content_type_for(att.filename)
        label = size_label(file_size(r, m, att))
        if r.markup == "2019":
            links = f'\n              <a href="{download}?cookie_passthrough=1">Download</a>'
            if html:
                links += f'\n                <a href="{html}">View as HTML</a>'
        else:
            links = f'\n                <a href="{html}">View</a>' if html else ""
            links += f'\n              <a href="{download}?cookie_passthrough=1">Download</a>'
        items.append(f"""          <li class="attachment"{li_id}>
            <a href="{download}?cookie_passthrough=1"><img class="attachment__image" alt="Attachment" src="{icon_src(ctype)}" /></a>

            <p class="attachment__name">
              {esc(att.filename)}
            </p>

            <p class="attachment__meta">
              {label}{links}

            </p>
          </li>""")
    n = len(m.attachments)
    return f"""    <div class="attachments">
      <div class="attachments__header">
        <h3>
          {n} Attachment{"s" if n != 1 else ""}
        </h3>
      </div>

      <ul class="list-of-attachments">
{chr(10).join(items)}
      </ul>

      <a href="#" class="attachments__show-more" style="display: none;" data-show-all="Show all attachments" data-show-fewer="Show fewer attachments"></a>
    </div>
"""


def _incoming(r: Request, e: Event, m: Message, js: str, unfold: bool) -> str:
    anchor = f"incoming-{m.id}"
    if m.author == r.authority.name:
        author = f"\n        {esc(r.authority.name)}\n    "
    elif m.author_organisation:
        author = f"\n        {esc(m.author)},\n        {esc(m.author_organisation)}\n    "
    else:
        author = f"\n        {esc(m.author)},\n    "
    date_href = f"/request/{r.url_title}#{anchor}" if r.markup == "2019" else f"#{anchor}"
    head = f"""  <div class="incoming correspondence {m.prominence} {js}" id="{anchor}">
  <div class="correspondence__header">
    <span class="correspondence__header__author {js}-trigger">{author}</span>

    <a class="correspondence__header__date" href="{date_href}">
      {time_html(m.sent_at or e.at)}
</a>  </div>
"""
    if m.prominence != "normal":
        return (
            head
            + '\n    <p id="hidden_message" class="hidden_message">This message has been hidden. There are various reasons why we might have done this, sorry we can\'t be more specific here. Please <a href="/help/contact">contact us</a> if you have any questions.</p>\n</div>\n'
        )
    paras = paragraphs(m.body)
    if m.quoted:
        if unfold:
            paras += paragraphs(m.quoted)
            paras.append(
                f'<p><span class="unfold_link"><a href="?#{anchor}">hide quoted sections</a></span></p>'
            )
        else:
            paras.append(
                f'<p><span class="unfold_link"><a href="?unfold=1#{anchor}">show quoted sections</a></span></p>'
            )
    text = "\n\n".join(paras)
    attachments = _attachments(r, m) if m.attachments else ""
    if r.markup == "2019":
        body = f"\n{attachments}\n  <p>{text}</p>\n"
    else:
        body = f'\n{attachments}\n<div id="attachment-{m.id * 8 + 1}">{text}</div>\n'
    return (
        head
        + f"""
    <div class="correspondence_text">{body}</div>


    <p class="event_actions">
    </p>
{_footer(r, anchor, f"incoming_message_id={m.id}")}
</div>
"""
    )


def _comment(r: Request, e: Event, m: Message) -> str:
    anchor = f"comment-{m.id}"
    text = "<br>\n".join(inline(line) for line in m.body.split("\n"))
    return f"""  <div class="comment_in_request box" id="{anchor}">
  <div class="comment_content">

    <h2>
      <a href="/user/{m.author_url_name}">{esc(m.author)}</a> left an annotation ({time_html(e.at)})
    </h2>

    <div class="comment_in_request_text">
      <p>
        {text}
      </p>
    </div>

    <p class="event_actions">
    </p>
  </div>
{_footer(r, anchor, f"comment_id={m.id}")}
</div>
"""


def correspondence(r: Request, unfold: bool) -> str:
    js = "js-collapsable" if r.markup == "2019" else "js-collapsible"
    parts = []
    for e in r.events:
        m = e.message
        if m is None:
            continue
        if e.type in ("sent", "followup_sent", "send_error", "resent", "followup_resent"):
            block = _outgoing(r, e, m, js)
        elif e.type == "response":
            block = _incoming(r, e, m, js, unfold)
        elif e.type == "comment":
            block = _comment(r, e, m)
        else:
            continue
        parts.append('\n      <div class="ff-print-fix"></div>\n' + block)
    return "".join(parts)


def thread_page(r: Request, similar: list[tuple[str, str, str, str]], unfold: bool = False) -> str:
    path = f"/request/{r.url_title}"
    title = f"{r.title} - a Freedom of Information request to {r.authority.name} - WhatDoTheyKnow"
    first = next((e.message.body for e in r.events if e.type == "sent" and e.message), "")
    extra = f"""        <link rel="alternate" type="application/atom+xml" title="New updates for the request '{esc(r.title)}'" href="{SITE}/feed/request/{r.url_title}">
          <link rel="alternate" type="application/json" title="JSON version of New updates for the request '{esc(r.title)}'" href="{SITE}/feed/request/{r.url_title}.json">
      <link rel="alternate" type="application/json" title="JSON version of this page" href="/request/{r.url_title}.json">
  <meta property="og:title" content="{esc(r.title)} - a Freedom of Information request to {esc(r.authority.name)}" />
  <meta property="og:type" content="article" />
    <meta property="article:published_time" content="{iso(r.created_at)}" />
    <meta property="article:modified_time" content="{iso(r.updated_at)}" />
    <meta property="og:description" content="{esc(first)}" />
<meta property="og:url" content="{SITE}/request/{r.url_title}" />
"""
    js = "js-collapsable" if r.markup == "2019" else "js-collapsible"
    menu = action_menu(r, js)
    content = f"""
          <div id="request_show" class="controller_request">

<div class="request-header">
  <div class="row">

    <h1>{esc(r.title)}</h1>

    <div class="request-header__action-bar-container">
      <div class="request-header__action-bar">
        <p class="request-header__subtitle ">
              {_subtitle(r)}
        </p>
          <div class="request-header__action-bar__actions ">
{menu}
          </div>
      </div>
    </div>
    <div class="request-status">
      <div id="request_status" class="request-status-message request-status-message--{r.status}">
        <i class="icon-standalone icon_{r.status}"></i>
        <p>{status_sentence(r)}
        </p>
      </div>
    </div>
  </div>
</div>

<div id="left_column" class="left_column">
{correspondence(r, unfold)}

    <div class="request-footer__action-bar-container">
      <div class="request-footer__action-bar__actions">
{menu}
      </div>
    </div>

    <div class="donate-cta">
      <h2 class="donate-cta__header">We work to defend the right to FOI for everyone</h2>
      <p class="donate-cta__para">Help us protect your right to hold public authorities to account. Donate and support our work.</p>
      <a class="button donate-cta__button" href="https://www.mysociety.org/donate/?utm_campaign=foi_request_page&amp;utm_source=whatdotheyknow.com">Donate Now</a>
    </div>

</div>
{sidebar(r, similar)}
          </div>
"""
    return page(title, path, content, extra_head=extra, section="requests")
