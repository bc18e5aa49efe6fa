"""Where each request sits in id space and in time.

The corpus is an endless sequence of requests, index 0, 1, 2, …; ``requests=N`` says that N
of them exist at the base clock (2026-11-01T12:00Z). Creation times grow exponentially, as
WDTK did, so recent months are dense enough for overdue requests to exist in small corpora,
and requests after index N keep arriving at the same rate when the clock moves on. Ids rise
with the index and leave gaps (requests never published), like the real site's. Requests
540577 and 599512 (the seed letters) take the slots their ids fall into.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from scraper.replica.rng import stable_int

BASE_CLOCK = datetime(2026, 11, 1, 12, 0, 0, tzinfo=UTC)
HISTORY_DAYS = 3040.0  # back to mid-2018
GROWTH_DAYS = 500.0  # e-folding time of the request rate
ID_LO = 500_000
ID_SPAN = 740_000  # ids in use at the base clock span ID_LO .. ID_LO + ID_SPAN
SPECIAL_IDS = (540577, 599512)
MIN_REQUESTS = 20


@lru_cache(maxsize=65536)
def _jitter(seed: int, index: int) -> int:
    """One hash per index; the id takes the low bits, the creation time the high ones."""
    return stable_int(seed, "index", index)


class Timeline:
    def __init__(self, requests: int, seed: int):
        if requests < MIN_REQUESTS:
            raise ValueError(f"requests must be >= {MIN_REQUESTS}, got {requests}")
        self.n, self.seed = requests, seed
        ratio = math.exp(-HISTORY_DAYS / GROWTH_DAYS)
        self.offset = requests * ratio / (1 - ratio)
        self.special_slots = {self._slot_of(rid): rid for rid in SPECIAL_IDS}
        if len(self.special_slots) < len(SPECIAL_IDS):  # both in one slot: move the second on
            first, _second = (self._slot_of(r) for r in SPECIAL_IDS)
            self.special_slots = {first: SPECIAL_IDS[0], first + 1: SPECIAL_IDS[1]}
        self.special_index = {rid: i for i, rid in self.special_slots.items()}

    def _base_id(self, index: int) -> int:
        return ID_LO + index * ID_SPAN // self.n

    def _slot_of(self, request_id: int) -> int:
        return (request_id - ID_LO) * self.n // ID_SPAN

    def id_of(self, index: int) -> int:
        special = self.special_slots.get(index)
        if special is not None:
            return special
        base = self._base_id(index)
        width = self._base_id(index + 1) - base
        return base + _jitter(self.seed, index) % max(1, width // 2)

    def index_of(self, request_id: int) -> int | None:
        """The index of a request id, or None for ids in the gaps."""
        if request_id in self.special_index:
            return self.special_index[request_id]
        if request_id < ID_LO:
            return None
        guess = self._slot_of(request_id)
        for index in (guess - 1, guess, guess + 1):
            if index >= 0 and self.id_of(index) == request_id:
                return index
        return None

    def _start(self, index: int) -> float:
        """Days from the base clock; index N-1 starts exactly at the base clock."""
        return GROWTH_DAYS * math.log((index + 1 + self.offset) / (self.n + self.offset))

    def created_at(self, index: int) -> datetime:
        start = self._start(index)
        spacing = start - self._start(index - 1) if index > 0 else 0.0
        fraction = ((_jitter(self.seed, index) >> 32) % 1000) / 2000
        moment = BASE_CLOCK + timedelta(days=start - spacing * fraction)
        return moment.replace(microsecond=0)

    def count_before(self, clock: datetime) -> int:
        """How many indices are created at or before ``clock`` (indices 0 .. k-1)."""
        days = (clock - BASE_CLOCK).total_seconds() / 86400
        estimate = max(
            0, int((self.n + self.offset) * math.exp(days / GROWTH_DAYS) - self.offset) + 2
        )
        while estimate > 0 and self.created_at(estimate - 1) > clock:
            estimate -= 1
        while self.created_at(estimate) <= clock:
            estimate += 1
        return estimate
