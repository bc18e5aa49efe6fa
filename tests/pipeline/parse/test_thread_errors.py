"""parse_thread fails loudly, with a named error carrying the selector, and only that way."""

from __future__ import annotations

import re
from functools import cache
from html import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.parse.errors import ThreadParseError
from pipeline.parse.thread import parse_thread
from pipeline.records import ThreadPage
from tests.pipeline.parse.support import FILES, fixture_page
from tests.support import FIXTURES_2019

PAGE = (FILES / "thread_current.html").read_text(encoding="utf-8")


def parses_or_raises_named_error(html: str | bytes) -> bool:
    """True when the page parses to a ThreadPage or fails with ThreadParseError."""
    try:
        return isinstance(parse_thread(html), ThreadPage)
    except ThreadParseError:
        return True


def selector_of(html: str) -> str:
    with pytest.raises(ThreadParseError) as info:
        parse_thread(html, url="http://127.0.0.1/request/x")
    return info.value.selector


def test_page_without_left_column() -> None:
    assert selector_of(PAGE.replace('id="left_column"', 'id="main"')) == "div#left_column"


def test_page_without_request_h1() -> None:
    assert (
        selector_of(PAGE.replace("<h1>Air quality", "<h2>Air quality")) == "div.request-header h1"
    )


def test_block_without_an_id() -> None:
    broken = PAGE.replace('id="incoming-2600001"', "")
    assert selector_of(broken) == "div.incoming#incoming-<id>"


def test_comment_with_a_non_numeric_id() -> None:
    broken = PAGE.replace('id="comment-120001"', 'id="comment-abc"')
    assert selector_of(broken) == "div.comment_in_request#comment-<id>"


def test_unparsable_time() -> None:
    broken = PAGE.replace("2024-01-10T16:42:11+00:00", "10 January")
    assert selector_of(broken) == "a.correspondence__header__date time"


def test_error_message_carries_url() -> None:
    with pytest.raises(ThreadParseError, match=r"at http://127\.0\.0\.1/request/x"):
        parse_thread(PAGE.replace('id="left_column"', ""), url="http://127.0.0.1/request/x")


def test_empty_document() -> None:
    assert selector_of("") == "html"


def test_a_403_hidden_request_page_has_no_correspondence() -> None:
    hidden = "<html><body><h1>Request has been removed</h1><p>This request has been hidden.</p></body></html>"
    assert selector_of(hidden) == "div#left_column"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.integers(0, len(PAGE)),
    length=st.integers(0, 400),
    insert=st.text(alphabet=st.sampled_from("<>/\"=' -#&;:abcdiv0123456789Z+TZ"), max_size=30),
)
def test_mutated_pages_raise_only_thread_parse_error(start: int, length: int, insert: str) -> None:
    assert parses_or_raises_named_error(PAGE[:start] + insert + PAGE[start + length :])


ATTRIBUTES = re.findall(r'(?:id|class|datetime|href|src|value)="([^"]*)"', PAGE)


@settings(max_examples=300, deadline=None)
@given(target=st.sampled_from(sorted(set(ATTRIBUTES))), replacement=st.text(max_size=40))
def test_pages_with_a_mangled_attribute_raise_only_thread_parse_error(
    target: str, replacement: str
) -> None:
    assert parses_or_raises_named_error(PAGE.replace(f'"{target}"', f'"{escape(replacement)}"'))


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_thread_parse_error(data: bytes) -> None:
    assert parses_or_raises_named_error(data)


@cache
def old_page() -> str:
    return fixture_page("88779.html").read_text(encoding="utf-8")


@pytest.mark.shared(*FIXTURES_2019, "88779.html")
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.integers(0, 50_000),
    length=st.integers(0, 2_000),
    insert=st.text(alphabet=st.sampled_from("<>/\"=' -#&;:abcdiv0123456789Z+T"), max_size=30),
)
def test_mutated_2019_pages_raise_only_thread_parse_error(
    start: int, length: int, insert: str
) -> None:
    page = old_page()
    assert parses_or_raises_named_error(page[:start] + insert + page[start + length :])
