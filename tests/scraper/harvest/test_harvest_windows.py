"""Date windows over /list: keys, query parameters, splitting, and their instants."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from scraper.windows import Window, closed_before, incremental_window, yearly_windows

LONDON = ZoneInfo("Europe/London")


def test_closed_window_params_are_day_month_year_both_ends() -> None:
    window = Window(date(2019, 3, 1), date(2019, 3, 31))
    assert window.params() == {
        "request_date_after": "01/03/2019",
        "request_date_before": "31/03/2019",
    }


def test_open_window_sends_only_the_start() -> None:
    assert Window(date(2026, 1, 1)).params() == {"request_date_after": "01/01/2026"}


def test_key_round_trips() -> None:
    for window in (Window(date(2019, 1, 1), date(2019, 12, 31)), Window(date(2026, 1, 1))):
        assert Window.from_key(window.key) == window


def test_split_halves_cover_the_window_without_overlap() -> None:
    first, second = Window(date(2019, 1, 1), date(2019, 12, 31)).split(date(2030, 1, 1))
    assert first == Window(date(2019, 1, 1), date(2019, 7, 2))
    assert second == Window(date(2019, 7, 3), date(2019, 12, 31))


def test_split_of_an_open_window_keeps_the_open_end() -> None:
    first, second = Window(date(2026, 1, 1)).split(date(2026, 1, 11))
    assert first == Window(date(2026, 1, 1), date(2026, 1, 6))
    assert second == Window(date(2026, 1, 7), None)


def test_a_single_day_cannot_be_split() -> None:
    day = Window(date(2019, 5, 5), date(2019, 5, 5))
    assert not day.can_split(date(2030, 1, 1))
    with pytest.raises(ValueError, match="2019-05-05"):
        day.split(date(2030, 1, 1))


def test_yearly_windows_end_with_an_open_one() -> None:
    assert yearly_windows(date(2024, 6, 1), date(2026, 3, 3)) == [
        Window(date(2024, 6, 1), date(2024, 12, 31)),
        Window(date(2025, 1, 1), date(2025, 12, 31)),
        Window(date(2026, 1, 1), None),
    ]


def test_incremental_window_starts_a_margin_before_the_watermark() -> None:
    assert incremental_window(date(2026, 11, 10), 2) == Window(date(2026, 11, 8))


def test_closed_before_keeps_only_windows_ending_before_the_start() -> None:
    windows = [
        Window(date(2025, 1, 1), date(2025, 12, 31)),
        Window(date(2026, 1, 1), date(2026, 11, 9)),
        Window(date(2026, 11, 1)),
    ]
    assert closed_before(windows, date(2026, 11, 8)) == [windows[0]]


def test_utc_bounds_use_london_days_in_summer_time() -> None:
    start, end = Window(date(2019, 6, 16), date(2019, 6, 16)).utc_bounds(LONDON)
    assert start == datetime(2019, 6, 15, 23, 0, tzinfo=UTC)
    assert end == datetime(2019, 6, 16, 23, 0, tzinfo=UTC)
