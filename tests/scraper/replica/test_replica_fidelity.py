"""The replica's thread pages have the structure of the real 2019 pages, selector for selector.

The same small lxml extraction runs on the seven real fixture pages and on replica pages in
the 2019 markup; the structural facts must agree. The current markup is checked against
wdtk-site.md §2 the same way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

from scraper.replica import Replica

ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
AUTHOR_WITH_BODY = re.compile(r"^\S[^\n]*,\n\s+\S[^\n]*$")


def structure(page: str) -> dict[str, object]:
    """Structural facts a parser relies on, read with the parser's selectors."""
    doc = html.fromstring(page)
    blocks = doc.xpath(
        '//div[@id="left_column"]/div[contains(@class,"correspondence") or contains(@class,"comment_in_request")]'
    )
    status = doc.xpath('//div[@id="request_status"]/@class')[0].split()
    attachments = doc.xpath('//ul[@class="list-of-attachments"]/li[contains(@class,"attachment")]')
    incoming_authors = [
        a.text_content().strip("\n ")
        for a in doc.xpath(
            '//div[contains(@class,"incoming")]//span[contains(@class,"correspondence__header__author")]'
        )
    ]
    return {
        "block_classes": {frozenset(b.get("class").split()) for b in blocks},
        "block_ids": {re.sub(r"\d+", "N", b.get("id")) for b in blocks},
        "status_classes": [c for c in status if not c.startswith("request-status-message--")]
        + ["request-status-message--X"],
        "status_icon": bool(
            doc.xpath('//div[@id="request_status"]/i[starts-with(@class,"icon-standalone icon_")]')
        ),
        "times_iso": all(
            ISO_TIME.match(t) for t in doc.xpath('//div[@id="left_column"]//time/@datetime')
        ),
        "times_present": bool(
            doc.xpath(
                '//div[@id="left_column"]//a[@class="correspondence__header__date"]/time[@datetime][@title]'
            )
        ),
        "attachment_shape": {
            (
                bool(li.xpath('./a/img[@class="attachment__image"]')),
                bool(li.xpath('./p[@class="attachment__name"]')),
                bool(li.xpath('./p[@class="attachment__meta"]')),
                li.get("id") is not None,
            )
            for li in attachments
        },
        "attachment_labels": {
            a.text.strip()
            for li in attachments
            for a in li.xpath('./p[@class="attachment__meta"]/a')
        },
        "body_p_direct": all(
            bool(t.xpath("./p"))
            for t in doc.xpath(
                '//div[contains(@class,"incoming")]/div[@class="correspondence_text"]'
            )
        ),
        "body_div_ids": bool(
            doc.xpath('//div[@class="correspondence_text"]/div[starts-with(@id,"attachment-")]')
        ),
        "incoming_author_format": all(
            AUTHOR_WITH_BODY.match(a) for a in incoming_authors if "\n" in a
        ),
        "author_with_body": any("\n" in a for a in incoming_authors),
        "subtitle_links": sorted(
            {
                a.get("href").split("/")[1]
                for a in doc.xpath('//p[contains(@class,"request-header__subtitle")]/a')
            }
            - {"info_request_batch"}
        ),
        "similar": len(
            doc.xpath(
                '//div[@class="sidebar__similar-requests"]//div[@class="request_short_listing"]'
            )
        ),
        "action_menus": len(doc.xpath('//div[@id="after_actions"]')),
        "title": doc.xpath("//title")[0].text.strip().endswith(" - WhatDoTheyKnow"),
    }


@pytest.fixture(scope="module")
def fixtures(shared: Path) -> list[dict[str, object]]:
    pages = sorted((shared / "fixtures" / "wdtk-pages-2019").glob("*.html"))
    assert len(pages) == 7
    return [structure(p.read_text("utf-8")) for p in pages]


@pytest.fixture(scope="module")
def replica_2019() -> list[dict[str, object]]:
    replica = Replica(requests=120, seed=3, markup="2019", seed_letters=None)
    from scraper.replica.html_thread import thread_page

    pages = []
    for rid in replica.listed_ids():
        request = replica.request(rid)
        assert request is not None
        pages.append(structure(thread_page(request, [("T", "t", "B", "b")] * 10)))
    return pages


def union(pages: list[dict[str, object]], key: str) -> set[object]:
    return set().union(*(p[key] for p in pages))  # type: ignore[arg-type]


def test_replica_2019_blocks_use_only_the_fixture_block_classes(fixtures, replica_2019):
    real = union(fixtures, "block_classes")
    served = union(replica_2019, "block_classes")
    # Hidden messages and resent boxes do not occur in the seven fixtures; everything else must.
    extra = {c for c in served - real if "hidden" not in c and "box" not in c}
    assert extra == set()
    assert real <= served | {frozenset({"outgoing", "correspondence", "box"})}


def test_replica_2019_block_ids_follow_the_fixture_patterns(fixtures, replica_2019):
    assert union(replica_2019, "block_ids") == union(fixtures, "block_ids") | {"comment-N"}


def test_status_block_classes_match(fixtures, replica_2019):
    assert {tuple(p["status_classes"]) for p in replica_2019} == {
        tuple(p["status_classes"]) for p in fixtures
    }
    assert all(p["status_icon"] for p in fixtures + replica_2019)


def test_times_are_iso_with_offset_and_a_title(fixtures, replica_2019):
    assert all(p["times_iso"] and p["times_present"] for p in fixtures + replica_2019)


def test_attachment_lists_have_the_2019_shape(fixtures, replica_2019):
    assert union(replica_2019, "attachment_shape") - {(False, False, False, False)} == union(
        fixtures, "attachment_shape"
    )


def test_attachment_link_labels_are_the_2019_labels(fixtures, replica_2019):
    assert (
        union(replica_2019, "attachment_labels")
        == union(fixtures, "attachment_labels")
        == {"Download", "View as HTML"}
    )


def test_2019_bodies_are_paragraphs_directly_in_correspondence_text(fixtures, replica_2019):
    assert all(p["body_p_direct"] and not p["body_div_ids"] for p in fixtures + replica_2019)


def test_incoming_author_header_is_name_comma_newline_authority(fixtures, replica_2019):
    assert all(p["incoming_author_format"] for p in fixtures + replica_2019)
    assert any(p["author_with_body"] for p in replica_2019)


def test_subtitle_links_to_user_and_body(fixtures, replica_2019):
    assert {tuple(p["subtitle_links"]) for p in fixtures + replica_2019} == {("body", "user")}


def test_chrome_has_ten_similar_requests_and_two_action_menus(fixtures, replica_2019):
    assert {(p["similar"], p["action_menus"], p["title"]) for p in fixtures + replica_2019} == {
        (10, 2, True)
    }


def test_current_markup_has_attachment_ids_body_divs_and_new_labels():
    replica = Replica(requests=120, seed=3, markup="current", seed_letters=None)
    from scraper.replica.html_thread import thread_page

    facts = [
        structure(thread_page(r, []))
        for r in map(replica.request, replica.listed_ids())
        if r is not None
    ]
    assert union(facts, "attachment_labels") == {"View", "Download"}
    assert {shape[3] for shape in union(facts, "attachment_shape")} == {True}
    assert any(p["body_div_ids"] for p in facts)
    assert all("js-collapsable" not in c for c in union(facts, "block_classes"))
    assert frozenset({"incoming", "correspondence", "normal", "js-collapsible"}) in union(
        facts, "block_classes"
    )


def test_pages_weigh_like_the_real_ones(replica):
    from scraper.replica.html_thread import thread_page

    sizes = []
    for rid in replica.listed_ids()[:40]:
        request = replica.request(rid)
        assert request is not None
        sizes.append(
            len(thread_page(request, [("A title", "a_title", "Body", "body")] * 10).encode())
        )
    assert 40_000 <= sorted(sizes)[len(sizes) // 2] <= 80_000
