"""pipeline.visibility: the one rule for what a prominence or a "gone" answer means."""

from __future__ import annotations

import pytest

from pipeline.visibility import GONE_STATUSES, LISTED, VISIBILITIES, taken_down, visibility_of


def test_403_is_hidden_and_every_other_gone_answer_removed() -> None:
    assert {status: taken_down(status) for status in sorted(GONE_STATUSES)} == {
        403: "hidden",
        404: "removed",
        410: "removed",
    }


def test_an_answer_that_does_not_say_gone_is_refused() -> None:
    with pytest.raises(ValueError, match="HTTP 200"):
        taken_down(200)


def test_only_backpage_prominence_is_kept_apart() -> None:
    assert [visibility_of(p) for p in ("normal", "backpage", "requester_only")] == [
        "public",
        "backpage",
        "public",
    ]


def test_listed_visibilities_are_known_ones() -> None:
    assert set(LISTED) < set(VISIBILITIES)
