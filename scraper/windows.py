"""Date windows for walking ``/list`` under its 500-result cap.

``/list`` is a Xapian search over *events* (sent, followup_sent, response, comment), filtered
by the event's date with ``request_date_after`` / ``request_date_before`` (dd/mm/yyyy, both
ends inclusive), collapsed to one entry per request, newest first, and cut off after 20 pages
of 25. A window whose count reaches the cap is split in two until each half fits (or is a
single day, which is then walked as far as the site allows and left to the id probe).

A request is listed in every window that holds one of its indexed events, so the window
holding its *newest* indexed event always lists it: that is how a window's count is reconciled
with what the crawl already knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LIST_CAP = 500
PAGE_SIZE = 25
MAX_PAGES = 20


@dataclass(frozen=True, slots=True, order=True)
class Window:
    """Days ``start``..``end`` inclusive; ``end=None`` is open-ended (up to the site's today)."""

    start: date
    end: date | None = None

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat() if self.end else ''}"

    @classmethod
    def from_key(cls, key: str) -> Window:
        start, _, end = key.partition("..")
        return cls(date.fromisoformat(start), date.fromisoformat(end) if end else None)

    def params(self) -> dict[str, str]:
        params = {"request_date_after": self.start.strftime("%d/%m/%Y")}
        if self.end is not None:
            params["request_date_before"] = self.end.strftime("%d/%m/%Y")
        return params

    def can_split(self, today: date) -> bool:
        return (self.end or today) > self.start

    def split(self, today: date) -> tuple[Window, Window]:
        """Two halves; an open window keeps its open end (events may be dated after ``today``)."""
        last = self.end or today
        if last <= self.start:
            raise ValueError(f"window {self.key} is a single day and cannot be split")
        middle = self.start + (last - self.start) // 2
        return Window(self.start, middle), Window(middle + timedelta(days=1), self.end)

    def utc_bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """The instants the window covers, the site's days being local days in ``tz``."""
        start = datetime.combine(self.start, time(), tz).astimezone(UTC)
        if self.end is None:
            return start, datetime.max.replace(tzinfo=UTC)
        end = datetime.combine(self.end + timedelta(days=1), time(), tz).astimezone(UTC)
        return start, end


def yearly_windows(since: date, today: date) -> list[Window]:
    """A first full walk: one window per calendar year, the last one open-ended."""
    if since > today:
        return [Window(since)]
    windows = [
        Window(max(since, date(year, 1, 1)), date(year, 12, 31))
        for year in range(since.year, today.year)
    ]
    windows.append(Window(max(since, date(today.year, 1, 1))))
    return windows


def incremental_window(watermark: date, margin_days: int) -> Window:
    """Everything since the last walk, less a margin for the index's lag (5 minutes on WDTK)."""
    return Window(watermark - timedelta(days=margin_days))


def closed_before(windows: list[Window], start: date) -> list[Window]:
    """Stored windows wholly before ``start``: the ones only a count check revisits."""
    return [w for w in windows if w.end is not None and w.end < start]
