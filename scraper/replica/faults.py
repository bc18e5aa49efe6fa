"""Fault injection for the replica's HTTP server, deterministic per (seed, path, attempt).

The n-th fetch of a path meets the same fault in every run, and the next attempt draws
again, so a crawler that retries eventually gets the page. Knobs are probabilities per
response; ``/robots.txt`` and the ``/_replica/`` endpoints are never faulted.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from scraper.replica.rng import stable_unit

FAULT_KINDS = (
    "rate_limited",
    "unavailable",
    "slow",
    "truncated",
    "bad_encoding",
    "bad_json",
    "reset",
)


@dataclass(frozen=True, slots=True)
class Faults:
    rate_limited: float = 0.0  # 429 with Retry-After
    unavailable: float = 0.0  # 503 with Retry-After
    slow: float = 0.0  # the response is delayed by slow_seconds
    truncated: float = 0.0  # Content-Length promises more than is sent
    bad_encoding: float = 0.0  # an HTML page sent as Windows-1252 bytes under a UTF-8 header
    bad_json: float = 0.0  # a .json body cut mid-document
    reset: float = 0.0  # the connection is closed with no response
    retry_after: int = 1
    slow_seconds: float = 0.3

    @classmethod
    def uniform(cls, rate: float, **overrides: float) -> Faults:
        """Every fault kind at ``rate`` (the CLI's --fault-rate)."""
        values: dict[str, Any] = dict.fromkeys(FAULT_KINDS, rate)  # overrides: any field
        values.update(overrides)
        return cls(**values)

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) > 0 for f in fields(self) if f.name in FAULT_KINDS)

    def decide(
        self, seed: int, path: str, attempt: int, *, is_json: bool, is_html: bool
    ) -> str | None:
        if not self.active or path == "/robots.txt" or path.startswith("/_replica/"):
            return None
        roll = stable_unit(seed, "fault", path, attempt)
        total = 0.0
        for kind in FAULT_KINDS:
            rate = getattr(self, kind)
            if (kind == "bad_json" and not is_json) or (kind == "bad_encoding" and not is_html):
                continue
            total += rate
            if roll < total:
                return kind
        return None
