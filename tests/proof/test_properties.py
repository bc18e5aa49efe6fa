"""Properties that must hold for any input: the due-date calendar and the pure entry points
that read what the site sends (the contract checks and the list/JSON parsers)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.contract import check_list_page, check_request_json
from pipeline.parse import FieldError, ListPageError, parse_list_page, parse_request_json
from pipeline.workdays import Calendar, add_working_days, is_working_day, working_days_between

DAYS = st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31))
CALENDARS = st.sampled_from(["uk", "scotland"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(start=DAYS, n=st.integers(1, 60), calendar=CALENDARS)
def test_due_date_is_a_working_day(start: date, n: int, calendar: Calendar) -> None:
    assert is_working_day(add_working_days(start, n, calendar), calendar)


@settings(max_examples=300, deadline=None)
@given(start=DAYS, n=st.integers(0, 60), calendar=CALENDARS)
def test_working_days_between_inverts_add(start: date, n: int, calendar: Calendar) -> None:
    due = add_working_days(start, n, calendar)
    assert working_days_between(start, due, calendar) == n


@settings(max_examples=300, deadline=None)
@given(start=DAYS, n=st.integers(1, 60))
def test_scottish_deadline_never_later_than_uk(start: date, n: int) -> None:
    # FOISA skips only Scottish holidays, a subset of the UK-wide set FOIA skips.
    assert add_working_days(start, n, "scotland") <= add_working_days(start, n, "uk")


@settings(max_examples=300, deadline=None)
@given(start=DAYS, n=st.integers(1, 60), calendar=CALENDARS)
def test_one_more_working_day_is_strictly_later(start: date, n: int, calendar: Calendar) -> None:
    assert add_working_days(start, n, calendar) < add_working_days(start, n + 1, calendar)


@settings(max_examples=200, deadline=None)
@given(start=DAYS, n=st.integers(1, 60), calendar=CALENDARS)
def test_n_working_days_span_the_weekends_between(start: date, n: int, calendar: Calendar) -> None:
    due = add_working_days(start, n, calendar)
    assert due - start >= timedelta(days=n + 2 * ((n - 1) // 5))


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400))
def test_request_json_parser_raises_only_field_error_on_bytes(data: bytes) -> None:
    try:
        parse_request_json(data, "fuzz.json")
    except FieldError as exc:
        assert exc.field


@settings(max_examples=300, deadline=None)
@given(doc=st.dictionaries(st.text(max_size=12), JSON_VALUES, max_size=8))
def test_contract_json_check_never_raises_and_agrees_with_the_parser(doc: dict) -> None:
    data = json.dumps(doc).encode()
    findings, record = check_request_json(data, "fuzz.json")
    try:
        parse_request_json(data, "fuzz.json")
    except FieldError as exc:
        assert (record, [(f.name, f.detail) for f in findings if f.failed]) == (
            None,
            [(exc.field, str(exc))],
        )
    else:
        assert record is not None and not any(f.failed for f in findings)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_contract_list_check_never_raises_and_names_what_the_parser_names(data: bytes) -> None:
    sample = check_list_page(data, "fuzz")
    try:
        parse_list_page(data, "fuzz")
    except ListPageError as exc:
        assert [(f.name, f.detail) for f in sample.findings] == [(exc.selector, str(exc))]
    else:
        assert sample.findings and not any(f.failed for f in sample.findings)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_list_parser_raises_only_list_page_error(data: bytes) -> None:
    try:
        parse_list_page(data, "fuzz")
    except ListPageError as exc:
        assert str(exc)
