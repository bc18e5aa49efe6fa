"""parse_request_json and friends on tests/files/thread_current.json."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.parse.errors import FieldError
from pipeline.parse.request_json import (
    parse_body_json,
    parse_event,
    parse_request_json,
    parse_user_json,
)
from pipeline.records import RequestRecord
from tests.pipeline.parse.support import FILES

RAW = (FILES / "thread_current.json").read_bytes()
DOC = json.loads(RAW)


@pytest.fixture(scope="module")
def request_record() -> RequestRecord:
    return parse_request_json(RAW)


def with_field(key: str, value: object) -> dict:
    return {**DOC, key: value}


def test_request_scalars(request_record: RequestRecord) -> None:
    r = request_record
    assert (r.id, r.url_title, r.described_state, r.awaiting_description, r.law_used) == (
        1234567,
        "air_quality_monitoring_near_scho",
        "waiting_response",
        False,
        "eir",
    )


def test_times_keep_milliseconds_and_offset(request_record: RequestRecord) -> None:
    assert request_record.created_at == datetime(2024, 1, 4, 9, 15, 1, 512000, tzinfo=UTC)


def test_tags_are_pairs(request_record: RequestRecord) -> None:
    assert request_record.tags == [("air_quality", None), ("batch", "4711")]


def test_user_record(request_record: RequestRecord) -> None:
    u = request_record.user
    assert (u.id, u.url_name, u.name, u.ban_text, u.about_me) == (
        77001,
        "priya_shah",
        "Priya Shah",
        None,
        "Parent governor.",
    )


def test_authority_record_with_info_counts(request_record: RequestRecord) -> None:
    a = request_record.authority
    assert (a.id, a.short_name, a.tags, a.info["requests_overdue_count"]) == (
        501,
        "King's Lynn Council",
        [("local_council", None), ("dpi", "3")],
        14,
    )


def test_authority_updated_at_keeps_its_bst_offset(request_record: RequestRecord) -> None:
    assert request_record.authority.updated_at.utcoffset() == timedelta(hours=1)


def test_every_event_in_order(request_record: RequestRecord) -> None:
    assert [e.id for e in request_record.events] == list(range(9000001, 9000011))


def test_event_message_ids(request_record: RequestRecord) -> None:
    e = request_record.events[2]
    assert (e.event_type, e.incoming_message_id, e.outgoing_message_id, e.display_status) == (
        "response",
        2600001,
        None,
        "Awaiting response",
    )


def test_event_without_display_status(request_record: RequestRecord) -> None:
    assert request_record.events[3].display_status is None


def test_event_z_suffix(request_record: RequestRecord) -> None:
    assert request_record.events[-1].created_at.tzinfo == UTC


def test_external_request_has_user_name_instead_of_user() -> None:
    doc = {k: v for k, v in DOC.items() if k != "user"} | {"user_name": "Local Press Ltd"}
    r = parse_request_json(doc)
    assert (r.user, r.external_user_name) == (None, "Local Press Ltd")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("id", "1234567"),
        ("awaiting_description", "no"),
        ("created_at", "04/01/2024 09:15"),
        ("updated_at", "2024-01-20T10:00:00"),
        ("described_state", "waiting_response_overdue"),
        ("prominence", "secret"),
        ("tags", [["a", 1]]),
        ("info_request_events", {}),
    ],
)
def test_wrong_type_or_value_names_the_field(key: str, value: object) -> None:
    with pytest.raises(FieldError) as info:
        parse_request_json(with_field(key, value))
    assert info.value.field == key


def test_missing_field_is_named() -> None:
    doc = {k: v for k, v in DOC.items() if k != "title"}
    with pytest.raises(FieldError, match="'title'"):
        parse_request_json(doc)


def test_bad_event_time_names_the_field() -> None:
    with pytest.raises(FieldError) as info:
        parse_event({**DOC["info_request_events"][0], "created_at": "2024-13-01T00:00:00Z"})
    assert (info.value.field, info.value.value) == ("created_at", "2024-13-01T00:00:00Z")


def test_not_json_at_all() -> None:
    with pytest.raises(FieldError, match="a JSON document"):
        parse_request_json(b"<html>Sorry, we couldn't find that page</html>")


def test_json_array_is_not_a_request() -> None:
    with pytest.raises(FieldError, match="a JSON object"):
        parse_request_json(b"[]")


def test_user_json_document() -> None:
    u = parse_user_json(
        b'{"id": 5, "url_name": "jo", "name": "Jo", "ban_text": "", "about_me": ""}'
    )
    assert (u.id, u.url_name, u.name, u.about_me) == (5, "jo", "Jo", None)


def test_body_json_document() -> None:
    body = parse_body_json(json.dumps(DOC["public_body"]))
    assert (body.url_name, body.created_at) == (
        "kings_lynn_and_west_norfolk",
        datetime(2008, 3, 18, 14, 20, 16, tzinfo=UTC),
    )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
FIELDS = sorted(DOC)
EVENT_FIELDS = sorted(DOC["info_request_events"][0])


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(FIELDS), value=JSON_VALUES)
def test_any_request_field_value_parses_or_raises_field_error(key: str, value: object) -> None:
    try:
        assert isinstance(parse_request_json(with_field(key, value)), RequestRecord)
    except FieldError as exc:
        assert exc.field


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(EVENT_FIELDS), value=JSON_VALUES)
def test_any_event_field_value_parses_or_raises_field_error(key: str, value: object) -> None:
    event = {**DOC["info_request_events"][0], key: value}
    try:
        assert parse_event(event).id == event["id"]
    except FieldError as exc:
        assert exc.field
