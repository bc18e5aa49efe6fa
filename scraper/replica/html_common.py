"""Shared HTML pieces: escaping, Alaveteli's date and text formatting, and the page chrome.

Dates follow ``DateTimeHelper#simple_date_html``: ``<time datetime="<ISO 8601>"
title="<Ruby to_s>">`` with WDTK's ``"%e %B %Y"`` text (a leading space on single-digit
days). Times are shown in the server zone, Europe/London. Bodies follow ``simple_format``:
paragraphs on blank lines, ``<br />`` on single newlines, masks linked to the help page.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from html import escape
from urllib.parse import quote

from scraper.replica.history import LONDON

SITE = "https://www.whatdotheyknow.com"
_MASK = re.compile(r"\[(email address|mobile number)\]")
_URL = re.compile(r"(https?://[^\s<]+)")
# A fixed blob standing in for the analytics and polyfill scripts real pages inline; it keeps
# pages at the real sites' weight (40-80 KB) without meaning anything.
_FILLER_SCRIPT = "window.RPL=window.RPL||{};" + "".join(
    f"RPL.m{n:03d}=function(e,t){{return e&&e.length>t?e.slice(0,{n % 17 + 3}):t}};"
    for n in range(330)
)


def esc(text: str) -> str:
    return escape(text, quote=True)


def url_file(name: str) -> str:
    return quote(name, safe="")


def iso(moment: datetime) -> str:
    return moment.astimezone(LONDON).isoformat()


def ruby_time(moment: datetime) -> str:
    return moment.astimezone(LONDON).strftime("%Y-%m-%d %H:%M:%S %z")


def day_text(day: date) -> str:
    return f"{day.day:>2} {day.strftime('%B %Y')}"


def time_html(moment: datetime) -> str:
    local = moment.astimezone(LONDON)
    return f'<time datetime="{local.isoformat()}" title="{ruby_time(moment)}">{day_text(local.date())}</time>'


def date_html(day: date) -> str:
    return f'<time datetime="{day.isoformat()}" title="{day.isoformat()}">{day_text(day)}</time>'


def inline(text: str, nofollow: bool = False) -> str:
    html = esc(text)
    rel = ' rel="nofollow"' if nofollow else ""
    html = _URL.sub(lambda m: f'<a href="{m.group(1)}"{rel}>{m.group(1)}</a>', html)
    return _MASK.sub(lambda m: f'[<a href="/help/officers#mobiles">{m.group(1)}</a>]', html)


def paragraphs(text: str, nofollow: bool = False) -> list[str]:
    out = []
    for para in re.split(r"\n\n+", text.strip("\n")):
        out.append(
            "<p>" + "\n<br />".join(inline(line, nofollow) for line in para.split("\n")) + "</p>"
        )
    return out


def head(title: str, extra: str = "", noindex: bool = False) -> str:
    robots = '\n    <meta name="robots" content="noindex, nofollow">' if noindex else ""
    return f"""<!DOCTYPE html>
<html lang="en" class="no-js">
  <head>
    <meta charset="utf-8">
<script>{_FILLER_SCRIPT}</script>
    <meta name="csrf-param" content="authenticity_token" />
<meta name="csrf-token" />{robots}

    <title>
        {esc(title)}
    </title>

    <link rel="shortcut icon" type="image/x-icon" href="/assets/favicon-afe76651f859e6a7b6b1.ico" />
<link rel="stylesheet" media="all" href="/assets/responsive/application-c7deef45faed890a1b43.css" title="Main" />
  <link rel="stylesheet" media="print" href="/assets/responsive/print-5515337b7df737e15234.css" />
{extra}
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
<meta property="og:site_name" content="WhatDoTheyKnow" />
  </head>
"""


def banner(path: str, section: str = "") -> str:
    def nav(href: str, label: str, key: str) -> str:
        selected = "selected" if key == section else ""
        return f'<li class="{selected}">\n  <a href="{href}">{label}</a>\n</li>\n'

    return f"""  <body class=" ">
    <div class="entirebody">

    <a href="#content" class="show-with-keyboard-focus-only skip-to-link" tabindex="0">Skip to content</a>
      <div id="banner" class="banner " role="banner">
  <div id="banner_inner" class="banner_inner">
    <div id="banner_content" class="banner_content">
      <div class="only-show-for-print">
        <p class="print-information">Printed from {SITE}{esc(path)}</p>
      </div>
      <div class="banner_site-title">
        <h1><a id="logo" class="site-title__logo" href="/">WhatDoTheyKnow</a></h1>
      </div>

      <div class="rsp_menu_button">
        <a href="#banner" class="open"> <i class="icon-menu"></i> Menu </a>
        <a href="#" class="close"> <i class="icon-menu"></i> Close </a>
      </div>

      <div id="user_locale_switcher" class="locale-list">
    <p class="locale-list-trigger ">
      <strong class="current-locale">English</strong>
    </p>
    <ul class="available-languages">
        <li class="available-languages__item">
          <a href="/cy{esc(path)}">Cymraeg</a>
        </li>
    </ul>
  </div>
        <div id="logged_in_bar" class="logged_in_bar account-link-menu-item">
  <a class="sign_in_link" href="/profile/sign_in?r={url_file(path)}">Sign in or sign up</a>
</div>

      <div id="navigation_search" class="navigation_search">
        <form id="navigation_search_form" class="navigation_search_form" method="get" action="/search" role="search">
          <label class="visually-hidden" for="navigation_search_button">Search</label>
          <input type="search" name="query" id="navigation_search_button" class="navigation_search_button" placeholder="Search" title="type your search term here" />
          <button type="submit"><span class="visually-hidden">Submit Search</span></button>
        </form>
      </div>
    </div>

    <div id="topnav" class="topnav ">
  <ul id="navigation" class="navigation" role="navigation">
{nav("/select_authority", "Make a request", "new")}{nav("/list/successful", "Browse requests", "requests")}{nav("/body/list/all", "View authorities", "bodies")}{nav("/blog", "Read blog", "blog")}{nav("/help/about", "Help", "help")}{nav("/help/volunteers", "Volunteer", "volunteer")}  </ul>
</div>

  </div>
</div>

      <div id="wrapper">
        <div id="content" role="main">
"""


FOOTER = """
          <div style="clear:both"></div>
        </div>
      </div>

      <div class="mysoc-footer" role="contentinfo">
    <div class="row">
        <div class="col-sm-5">
            <h2 class="mysoc-footer__site-name">WhatDoTheyKnow</h2>
            <div class="mysoc-footer__site-description">
                <p>A site to help anyone submit a Freedom of Information request. WhatDoTheyKnow also publishes and archives requests and responses, building a massive archive of information.</p>
                <p><a href="/help/credits#helpus">Run by Volunteers</a> and powered by <a href="/help/alaveteli">Alaveteli</a>.</p>
            </div>
        </div>
        <div class="col-sm-4">
            <nav class="mysoc-footer__links">
                <ul>
                    <li role="presentation"><a href="/select_authority">Make a request</a></li>
                    <li role="presentation"><a href="/list/successful">Browse requests</a></li>
                    <li role="presentation"><a href="/body/list/all">View authorities</a></li>
                    <li role="presentation"><a href="/pro">Journalist?</a></li>
                </ul>
                <ul>
                    <li role="presentation"><a href="/help">Help</a></li>
                    <li role="presentation"><a href="/help/contact">Contact us</a></li>
                    <li role="presentation"><a href="/help/volunteers">Become a volunteer</a></li>
                    <li role="presentation"><a href="/help/privacy">Privacy and cookies</a></li>
                    <li role="presentation"><a href="/help/api">API</a></li>
                </ul>
            </nav>
        </div>
        <div class="col-sm-3">
            <div class="mysoc-footer__donate">
                <p>Your donations keep this site and others like it running</p>
                <a href="https://www.mysociety.org/donate/?utm_source=whatdotheyknow.com" class="mysoc-footer__donate__button">Donate now</a>
            </div>
        </div>
    </div>
    <hr class="mysoc-footer__divider" role="presentation">
    <div class="row">
        <div class="col-sm-5"><div class="mysoc-footer__orgs"><p class="mysoc-footer__org">Built by <a href="https://mysociety.org" class="mysoc-footer__org__logo mysoc-footer__org__logo--mysociety">mySociety</a></p></div></div>
        <div class="col-sm-4"><div class="mysoc-footer__legal"><p>mySociety is a project of UK Citizens Online Democracy, a registered charity in England and Wales.</p></div></div>
    </div>
</div>

    </div>
    <script src="/assets/application-2a8ac249e64af6c4f51e.js"></script>
  <script src="/assets/request-attachments-a3d5a3e8d543511fd05d.js"></script>
    <a href="#content" class="show-with-keyboard-focus-only skip-to-link">Back to content</a>
  </body>
</html>
"""


def page(
    title: str,
    path: str,
    content: str,
    *,
    extra_head: str = "",
    section: str = "",
    noindex: bool = False,
) -> str:
    return head(title, extra_head, noindex) + banner(path, section) + content + FOOTER


def not_found_page(path: str) -> str:
    content = """<div id="not_found" class="controller_general">
  <h1>Sorry, we couldn't find that page</h1>
  <p>The page doesn't exist. Things you can try now:</p>
  <ul>
    <li>Check for mistakes if you typed or copied the address.</li>
    <li>Search the site to find what you were looking for.</li>
  </ul>
</div>
"""
    return page("Not found - WhatDoTheyKnow", path, content)


def removed_page(path: str, what: str = "Request") -> str:
    content = f"""<div id="hidden_request" class="controller_request">
  <h1>{what} has been removed</h1>
  <p>This request has been hidden. There are various reasons why we might have done this, sorry we can't be more specific here. Please <a href="/help/contact">contact us</a> if you have any questions.</p>
</div>
"""
    return page(f"{what} has been removed - WhatDoTheyKnow", path, content)
