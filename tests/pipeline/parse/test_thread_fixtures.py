"""parse_thread on the seven real 2019 pages, checked against their index.csv."""

from __future__ import annotations

import re
from functools import cache

import pytest

from pipeline.parse.text import opening_words
from pipeline.parse.thread import parse_thread
from pipeline.records import ThreadPage
from tests.pipeline.parse.support import fixture_page, fixture_params


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test taking ``row`` runs once per page of the index (collection time, not import)."""
    if "row" in metafunc.fixturenames:
        metafunc.parametrize("row", fixture_params())


@cache
def parsed(name: str) -> ThreadPage:
    return parse_thread(fixture_page(name).read_bytes(), url=name)


def messages(name: str) -> list:
    return [i for i in parsed(name).items if i.kind != "annotation"]


def test_status_is_the_status_box_modifier(row: dict[str, str]) -> None:
    assert parsed(row["file"]).status == row["status"]


def test_title_authority_and_requester(row: dict[str, str]) -> None:
    page = parsed(row["file"])
    assert (page.title, page.authority_name, page.requester_name) == (
        row["title"],
        row["authority"],
        row["requester"],
    )


@pytest.mark.parametrize("kind", ["outgoing", "incoming", "annotation"])
def test_item_counts(row: dict[str, str], kind: str) -> None:
    column = {"annotation": "annotations"}.get(kind, kind)
    assert sum(i.kind == kind for i in parsed(row["file"]).items) == int(row[column])


def test_first_item_is_the_first_send(row: dict[str, str]) -> None:
    first = parsed(row["file"]).items[0]
    assert (first.kind, first.sent_at.isoformat()) == ("outgoing", row["first_sent"])


def test_timestamps_equal_the_datetime_attributes(row: dict[str, str]) -> None:
    html = fixture_page(row["file"]).read_text(encoding="utf-8")
    # Independent reading: each block's id, then the first <time datetime> after it.
    expected = re.findall(
        r'id="(?:outgoing|incoming|comment)-(\d+)".*?<time datetime="([^"]+)"', html, re.S
    )
    got = [(str(i.id), i.sent_at.isoformat()) for i in parsed(row["file"]).items]
    assert got == expected


def test_authors_in_page_order(row: dict[str, str]) -> None:
    assert [i.author for i in messages(row["file"])] == row["authors"].split("|")


def test_attachment_names_in_page_order(row: dict[str, str]) -> None:
    names = [a.name for i in parsed(row["file"]).items for a in i.attachments]
    assert names == (row["attachment_names"].split("|") if row["attachment_names"] else [])


def test_body_probes_are_the_opening_words(row: dict[str, str]) -> None:
    probes = row["body_probes"].split("|")
    got = [" ".join(opening_words(i.body)) for i in messages(row["file"])]
    assert got == probes


def test_url_title_from_the_json_link(row: dict[str, str]) -> None:
    assert parsed(row["file"]).url_title == row["url"].rsplit("/", 1)[1]


def test_fixture_pages_are_2019_markup_of_foi_requests(row: dict[str, str]) -> None:
    page = parsed(row["file"])
    assert (page.markup, page.law_used, page.unfolded) == ("2019", "foi", False)


def test_bodies_never_contain_the_unfold_link_text(row: dict[str, str]) -> None:
    assert all("show quoted sections" not in i.body for i in parsed(row["file"]).items)


def test_item_ids_are_unique(row: dict[str, str]) -> None:
    keys = [(i.kind, i.id) for i in parsed(row["file"]).items]
    assert len(keys) == len(set(keys))
