"""merge_thread: tests/files/thread_current.html paired with thread_current.json."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.parse.merge import MergedThread, merge_thread
from pipeline.parse.request_json import parse_request_json
from pipeline.parse.thread import parse_thread
from pipeline.records import RequestRecord, ThreadPage
from tests.pipeline.parse.support import FILES


@pytest.fixture(scope="module")
def request_record() -> RequestRecord:
    return parse_request_json((FILES / "thread_current.json").read_bytes())


@pytest.fixture(scope="module")
def page() -> ThreadPage:
    return parse_thread((FILES / "thread_current.html").read_bytes())


@pytest.fixture(scope="module")
def merged(request_record: RequestRecord, page: ThreadPage) -> MergedThread:
    return merge_thread(request_record, page)


def test_every_block_pairs_with_its_event(merged: MergedThread) -> None:
    assert [(m.item.kind, m.item.id, m.event.id) for m in merged.items] == [
        ("outgoing", 1500001, 9000001),
        ("incoming", 2600001, 9000003),
        ("outgoing", 1500002, 9000005),
        ("incoming", 2600002, 9000006),
        ("annotation", 120001, 9000007),
        ("outgoing", 1500003, 9000010),
    ]


def test_resent_event_belongs_to_the_original_block(merged: MergedThread) -> None:
    assert [e.id for e in merged.items[0].resent_events] == [9000002]


def test_hidden_comment_is_reported_as_json_only(merged: MergedThread) -> None:
    assert [(e.id, e.comment_id) for e in merged.json_only] == [(9000008, 120002)]


def test_nothing_on_the_page_lacks_an_event(merged: MergedThread) -> None:
    assert merged.html_only == []


def test_json_event_time_is_the_receipt_time(merged: MergedThread) -> None:
    incoming = merged.items[1]
    assert (incoming.item.sent_at.isoformat(), incoming.event_at.isoformat()) == (
        "2024-01-10T16:42:11+00:00",
        "2024-01-10T16:43:02+00:00",
    )


def test_no_conflicts_when_slug_and_law_agree(merged: MergedThread) -> None:
    assert (merged.conflicts, merged.complete) == ([], False)


def test_block_missing_from_json_is_html_only(
    request_record: RequestRecord, page: ThreadPage
) -> None:
    fewer = replace(request_record, events=[e for e in request_record.events if e.id != 9000006])
    assert [(i.kind, i.id) for i in merge_thread(fewer, page).html_only] == [("incoming", 2600002)]


def test_slug_disagreement_is_a_conflict(request_record: RequestRecord, page: ThreadPage) -> None:
    renamed = replace(request_record, url_title="air_quality_near_schools")
    assert merge_thread(renamed, page).conflicts == [
        "url_title: JSON 'air_quality_near_schools', page 'air_quality_monitoring_near_scho'"
    ]


def test_resend_count_mismatch_is_a_conflict(
    request_record: RequestRecord, page: ThreadPage
) -> None:
    no_resend = replace(
        request_record, events=[e for e in request_record.events if e.id != 9000002]
    )
    assert merge_thread(no_resend, page).conflicts == [
        "outgoing-1500001: 0 resend events in JSON, 1 on page"
    ]


def test_send_error_event_on_a_sent_message_is_kept_beside_it(
    request_record: RequestRecord, page: ThreadPage
) -> None:
    error = replace(request_record.events[-1], id=9000011, event_type="send_error")
    merged = merge_thread(replace(request_record, events=[*request_record.events, error]), page)
    last = merged.items[-1]
    assert ([e.id for e in last.other_events], last.resent_events, merged.conflicts) == (
        [9000011],
        [],
        [],
    )


def test_duplicate_outgoing_block_from_a_send_error_is_read_once() -> None:
    html = (FILES / "thread_current.html").read_text(encoding="utf-8")
    start = html.index('<div class="outgoing correspondence js-collapsible" id="outgoing-1500003">')
    end = html.index('<div id="right_column"')
    block = html[start:end].rsplit("</div>", 1)[0]  # the block, without left_column's closing tag
    doubled = html.replace(block, block + block, 1)
    ids = [(i.kind, i.id) for i in parse_thread(doubled).items]
    assert (doubled.count('id="outgoing-1500003"'), ids.count(("outgoing", 1500003))) == (2, 1)
