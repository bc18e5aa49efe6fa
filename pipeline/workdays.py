"""UK working-day calendars and Alaveteli's due-date rule.

FOIA s.10(6) and the EIR exclude weekends, Christmas Day, Good Friday and a bank holiday in
*any* part of the UK; FOISA s.73 excludes only Scottish ones. Holidays come from the pinned
``holidays`` package (all four nations), with its known historical errors corrected here.

Alaveteli's rule (``app/models/holiday.rb#due_date_from_working_days``): the start date is day 0;
step forward one calendar day at a time, counting days that are working days, until N are
counted. The result is the due date. Overdue means strictly after it.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

Calendar = Literal["uk", "scotland"]
SUBDIVISIONS: dict[Calendar, tuple[str, ...]] = {
    "uk": ("ENG", "WLS", "SCT", "NIR"),
    "scotland": ("SCT",),
}
# Dates the package emits that were not bank holidays.
# St Andrew's Day became a Scottish bank holiday by the 2007 Act (in force 16 Jan 2007).
NOT_HOLIDAYS: frozenset[date] = frozenset({date(2006, 11, 30)})


@lru_cache(maxsize=512)
def _holidays_in(year: int, calendar: Calendar) -> frozenset[date]:
    # The class itself, not ``holidays.UnitedKingdom`` (a lazy loader mypy cannot see into);
    # imported here, when first needed, as that loader would.
    from holidays.countries.united_kingdom import UnitedKingdom

    days: set[date] = set()
    for subdiv in SUBDIVISIONS[calendar]:
        days.update(UnitedKingdom(subdiv=subdiv, years=year).keys())
    return frozenset(days - NOT_HOLIDAYS)


def is_working_day(day: date, calendar: Calendar = "uk") -> bool:
    return day.weekday() < 5 and day not in _holidays_in(day.year, calendar)


def add_working_days(start: date, days: int, calendar: Calendar = "uk") -> date:
    """The date on which the ``days``-th working day after ``start`` (day 0) falls."""
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current, calendar):
            counted += 1
    return current


def working_days_between(start: date, end: date, calendar: Calendar = "uk") -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current, calendar):
            count += 1
    return count
