"""Counts the parsers check: structure that valid markup always has, so its absence is a layout
change (a named error, hence a quarantine row), never a thread or list that is merely empty."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from pipeline.parse import (
    CsvHeaderError,
    ListPageError,
    ThreadParseError,
    merge_thread,
    parse_authorities_csv,
    parse_list_page,
    parse_request_json,
    parse_thread,
)
from pipeline.parse.authorities_csv import HEADER
from pipeline.records import RequestRecord
from tests.pipeline.parse.support import FILES

PAGE = (FILES / "thread_current.html").read_text(encoding="utf-8")
LIST = (FILES / "list.html").read_text(encoding="utf-8")
URL = "http://127.0.0.1/request/air_quality_monitoring_near_scho"


@pytest.fixture(scope="module")
def record() -> RequestRecord:
    return parse_request_json((FILES / "thread_current.json").read_bytes())


def merge_selector(html: str, record: RequestRecord) -> str | None:
    """The selector merge_thread(parse_thread(html)) names, or None when it merges."""
    try:
        merge_thread(record, parse_thread(html, URL))
    except ThreadParseError as exc:
        return exc.selector
    return None


def thread_selector(html: str) -> str:
    with pytest.raises(ThreadParseError) as info:
        parse_thread(html, URL)
    assert info.value.url == URL
    return info.value.selector


def without_blocks(html: str, kind: str) -> str:
    """The page with every ``kind`` block's class renamed, as a redesign might."""
    return re.sub(rf'class="{kind} correspondence', f'class="{kind} message', html)


def test_the_untouched_page_merges(record: RequestRecord) -> None:
    assert merge_selector(PAGE, record) is None


def test_no_message_block_while_the_json_lists_messages(record: RequestRecord) -> None:
    page = without_blocks(without_blocks(PAGE, "incoming"), "outgoing")
    assert (len(parse_thread(page).items), merge_selector(page, record)) == (
        1,  # the annotation is still there
        "div.correspondence.incoming|outgoing",
    )


def test_no_block_is_fine_when_the_json_lists_no_message(record: RequestRecord) -> None:
    page = without_blocks(without_blocks(PAGE, "incoming"), "outgoing")
    comments_only = replace(record, events=[e for e in record.events if e.comment_id])
    assert merge_selector(page, comments_only) is None


def test_no_outgoing_block_although_the_request_was_sent(record: RequestRecord) -> None:
    assert merge_selector(without_blocks(PAGE, "outgoing"), record) == "div.outgoing#outgoing-<id>"


def test_no_incoming_block_although_a_response_came_before_a_block_shown(
    record: RequestRecord,
) -> None:
    assert merge_selector(without_blocks(PAGE, "incoming"), record) == "div.incoming#incoming-<id>"


def test_responses_newer_than_the_whole_page_are_a_stale_capture_not_an_error(
    record: RequestRecord,
) -> None:
    # An archived page captured before the first response, paired with a newer JSON: the
    # responses are reported as JSON-only, as before.
    first_send = next(e for e in record.events if e.event_type == "sent")
    early = PAGE.split('<div class="outgoing correspondence box"', 1)[0] + "</div></body></html>"
    sent_only = replace(
        record,
        events=[first_send, *(e for e in record.events if e.event_type == "response")],
    )
    merged = merge_thread(sent_only, parse_thread(early))
    assert [e.event_type for e in merged.json_only] == ["response", "response"]


def test_status_box_without_its_status_class() -> None:
    broken = PAGE.replace("request-status-message--waiting_response", "request-status--waiting")
    assert thread_selector(broken) == "div#request_status.request-status-message--<status>"


def test_attachment_block_without_items() -> None:
    broken = PAGE.replace('class="list-of-attachments"', 'class="attachment-list"')
    assert thread_selector(broken) == "ul.list-of-attachments li.attachment"


def test_readable_attachment_without_a_link() -> None:
    broken = PAGE.replace("/attach/", "/attachment/")
    assert thread_selector(broken) == 'li.attachment a[href*="/attach/"]'


def test_hidden_and_erased_attachments_have_no_link_and_parse() -> None:
    items = parse_thread(PAGE).items
    refs = [a for item in items for a in item.attachments]
    assert [(a.url is None, a.hidden, a.erased) for a in refs] == [
        (False, False, False),
        (True, True, False),
        (True, False, True),
        (False, False, False),
    ]


def test_attachment_the_site_could_not_process_has_no_link_and_parses() -> None:
    # masking_failed: a name and a note in the meta line, and no link (_attachments.html.erb).
    start = PAGE.index('<li class="attachment" id="attachment-9100004">')
    end = PAGE.index("</li>", start) + len("</li>")
    failed = (
        '<li class="attachment" id="attachment-9100004"><p class="attachment__name">x.pdf</p>'
        '<p class="attachment__meta">12K <em>We were not able to process this attachment.</em>'
        "</p></li>"
    )
    refs = [
        a for i in parse_thread(PAGE[:start] + failed + PAGE[end:]).items for a in i.attachments
    ]
    assert (refs[-1].name, refs[-1].url) == ("x.pdf", None)


def test_list_page_with_a_count_but_no_items() -> None:
    broken = LIST.replace("request_listing", "request-listing")
    with pytest.raises(ListPageError) as info:
        parse_list_page(broken, "http://127.0.0.1/list")
    assert (info.value.selector, info.value.url) == ("div.request_listing", "http://127.0.0.1/list")


def test_list_page_errors_name_their_selector() -> None:
    with pytest.raises(ListPageError) as info:
        parse_list_page(LIST.replace("/request/parking_fines_2023", "/body/x"))
    assert info.value.selector == 'div.request_listing span.head a[href^="/request/"]'


def test_csv_header_error_names_the_first_changed_column() -> None:
    renamed = ",".join(HEADER).replace("Version", "Revision") + "\n"
    with pytest.raises(CsvHeaderError) as info:
        parse_authorities_csv(renamed)
    assert info.value.column == "Version"
