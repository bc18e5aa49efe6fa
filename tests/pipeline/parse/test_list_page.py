"""parse_list_page on tests/files/list.html."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.parse.errors import ListPageError
from pipeline.parse.list_page import ListPage, parse_list_page
from tests.pipeline.parse.support import FILES

RAW = (FILES / "list.html").read_bytes()


@pytest.fixture(scope="module")
def page() -> ListPage:
    return parse_list_page(RAW)


def test_items_slug_and_fragment(page: ListPage) -> None:
    assert [(i.url_title, i.fragment) for i in page.items] == [
        ("air_quality_monitoring_near_scho", "incoming-2600001"),
        ("parking_fines_2023", None),
    ]


def test_item_time_from_the_description(page: ListPage) -> None:
    assert page.items[0].event_at == datetime(2024, 1, 10, 16, 43, 2, tzinfo=UTC)


def test_item_status_from_the_icon_and_label(page: ListPage) -> None:
    assert [(i.status, i.display_status) for i in page.items] == [
        ("successful", "Successful"),
        ("partially_successful", "Partially successful"),
    ]


def test_title_and_snippet(page: ListPage) -> None:
    assert (page.items[1].title, page.items[1].snippet) == (
        "Parking fines 2023",
        "How many parking fines were issued in 2023?",
    )


def test_estimated_total_with_thousands_separator(page: ListPage) -> None:
    assert page.total == 12345


def test_next_page_link(page: ListPage) -> None:
    assert page.next_page == "/list/successful?page=2"


def test_last_page_has_no_next_link() -> None:
    last = parse_list_page(RAW.replace(b'rel="next"', b"").replace(b"next_page", b"x"))
    assert last.next_page is None


def test_empty_list() -> None:
    empty = parse_list_page(b"<html><body><p> No requests of this sort yet.</p></body></html>")
    assert (empty.items, empty.total, empty.next_page) == ([], None, None)


def test_listing_without_a_request_link_raises() -> None:
    with pytest.raises(ListPageError, match=r"span\.head"):
        parse_list_page(RAW.replace(b"/request/parking_fines_2023", b"/body/x"))
