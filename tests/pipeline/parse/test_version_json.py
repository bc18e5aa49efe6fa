"""parse_version_json on tests/files/version.json."""

from __future__ import annotations

import pytest

from pipeline.parse.errors import FieldError
from pipeline.parse.version_json import parse_version_json
from tests.pipeline.parse.support import FILES

RAW = (FILES / "version.json").read_bytes()


def test_versions() -> None:
    v = parse_version_json(RAW)
    assert (v.alaveteli_version, v.alaveteli_git_commit, v.ruby_version) == (
        "0.46.4.0",
        "351eb61e0a6c",
        "3.3.7",
    )


def test_request_counts() -> None:
    counts = parse_version_json(RAW).counts
    assert (counts["visible_request_count"], counts["private_request_count"]) == (1043211, 5321)


def test_all_fourteen_counts_are_read() -> None:
    assert len(parse_version_json(RAW).counts) == 14


def test_count_of_wrong_type_names_the_field() -> None:
    with pytest.raises(FieldError) as info:
        parse_version_json(RAW.replace(b'"batch_count":1502', b'"batch_count":"1502"'))
    assert info.value.field == "batch_count"


def test_document_without_the_request_count_raises() -> None:
    with pytest.raises(FieldError, match="visible_request_count"):
        parse_version_json(b'{"alaveteli_version": "0.46"}')
