"""The thread page's action menu (rendered twice, header and footer) and its sidebar."""

from __future__ import annotations

from scraper.replica.html_common import SITE, esc
from scraper.replica.model import Request

_RSS_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" viewBox="0 0 8 8" alt=""><path fill="#777777" fill-rule="evenodd" d="M.9 3.04a4.07 4.07 0 0 1 4.06 4.08.6.6 0 0 1-1.2 0A2.88 2.88 0 0 0 .9 4.22a.6.6 0 0 1 0-1.19zM.9 0C4.82 0 8 3.2 8 7.12a.6.6 0 0 1-1.19 0A5.93 5.93 0 0 0 .9 1.19.6.6 0 1 1 .9 0zm.14 5.91a1.04 1.04 0 1 1 0 2.09 1.04 1.04 0 0 1 0-2.09z"/></svg>'


def action_menu(r: Request, js: str) -> str:
    slug = r.url_title
    last_in = next(
        (e.message.id for e in reversed(r.events) if e.type == "response" and e.message), None
    )
    reply = (
        f"/request/{r.id}/followups/new/{last_in}#followup"
        if last_in
        else f"/request/{r.id}/followups/new#followup"
    )
    return f"""              <div id="after_actions" class="after-actions">
  <ul class="action-menu after-actions__action-menu">
    <li>
      <a href="#" class="action-menu__button">Actions</a>

      <ul class="action-menu__menu">
          <li class="action-menu__menu__item">
            <span class="action-menu__menu__heading">
              {esc(r.user.name)}
            </span>

            <ul class="action-menu__menu__submenu owner_actions">
              <li>
                  <a href="{reply}">Write a reply</a>
              </li>
                <li>
                  <a href="/request/{slug}?update_status=1">Update the status of this request</a>
                </li>
              <li>
                <a href="/request/{r.id}/followups/new?internal_review=1#followup">Request an internal review</a>
              </li>
            </ul>
          </li>

        <li class="action-menu__menu__item">
          <span class="action-menu__menu__heading">
            {esc(r.authority.name)}
          </span>

          <ul class="action-menu__menu__submenu public_body_actions">
            <li>
              <a href="/upload/request/{slug}">Respond to request</a>
            </li>
          </ul>
        </li>

        <li class="action-menu__menu__item">
          <ul class="action-menu__menu__submenu anyone_actions">
              <li>
               <a href="/request/{slug}/report/new">Report this request</a><span class="action-menu__info-link">
                <a href="/help/about#reporting">Help</a>
              </span>
              </li>
              <li>
                <a href="/annotate/request/{slug}">Add an annotation</a>
              </li>
            <li>
              <a href="/request/{slug}/download">Download a zip file of all correspondence</a>
            </li>
            <li>
              <a href="/request/{slug}/details">View event history details</a>
            </li>
            <li>
              <a tabindex="0" class="{js}-trigger-all" data-text-expanded="Collapse all correspondence" data-text-collapsed="Expand all correspondence">Collapse all correspondence</a>
            </li>
            <li>
              <div class="feed_link feed_link_action-menu">
  <a href="/feed/request/{slug}">RSS feed</a>
  {_RSS_SVG}
</div>
            </li>
          </ul>
        </li>
      </ul>
    </li>
  </ul>
</div>
                <div class="action-bar__follow">
    <div class="action-bar__follow-button">
      <div class="feed_link feed_link_toolbar ">
        <a class="link_button_green track__action" href="/track/request/{slug}">Follow</a>
      </div>
    </div>
    <div class="action-bar__follower-count">
      <span id="follow_count">{r.id % 7}</span> followers
    </div>
  </div>
"""


def sidebar(r: Request, similar: list[tuple[str, str, str, str]]) -> str:
    """``similar``: (title, slug, authority name, authority url_name), at most 10."""
    utm = "?utm_campaign=alaveteli-experiments-87&amp;utm_content=sidebar_similar_requests&amp;utm_medium=link&amp;utm_source=whatdotheyknow"
    items = "".join(
        f"""
<div class="request_short_listing">
  <h3 class="request_short_listing__title">
    <a href="/request/{slug}{utm}">
      {esc(title)}
</a>  </h3>

  <p class="request_short_listing__authority">
    <a href="/body/{body_url}">{esc(body)}</a>
  </p>
</div>
"""
        for title, slug, body, body_url in similar[:10]
    )
    share = f"{SITE}/request/{r.url_title}".replace(":", "%3A").replace("/", "%2F")
    batch = (
        f'\n  <div class="sidebar__part-of-batch">\n    <h2>Part of a batch</h2>\n    <p>This request is part of a <a href="/info_request_batch/{r.batch_id}">batch sent to {r.batch_size} authorities</a>.</p>\n  </div>\n'
        if r.batch_id else ""
    )  # fmt: skip
    return f"""
<div id="right_column" class="sidebar right_column" role="complementary">
  <h2>Act on what you've learnt</h2>

<div class="act_link">
  <i class="act-link-icon act-link-icon--twitter"></i>
  <a href="https://twitter.com/share?text=%27{esc(r.title)}%27&amp;url={share}&amp;via=whatdotheyknow">Tweet this request</a>
</div>
<div class="act_link">
  <i class="act-link-icon act-link-icon--facebook"></i>
  <a href="https://www.facebook.com/sharer/sharer.php?u={share}">Share on Facebook</a>
</div>
<div class="act_link">
  <i class="act-link-icon act-link-icon--write"></i>
  <a href="http://www.writetothem.com">Write to your politician</a>
</div>
{batch}
    <div class="sidebar__similar-requests">
      <h2>Requests like this</h2>
{items}
        <p class="sidebar_similar_requests__more-link">
          <a href="/request/{r.url_title}/similar{utm}">
            More similar requests
</a>        </p>
    </div>

  <!-- this link with this wording is here for legal reasons -->
  <p class="copyright-notice"><small><a href="/help/officers#copyright">Are you the owner of any commercial copyright on this page?</a></small></p>
</div>
"""
