"""The corpus: each request's fixed facts and base history, derived from (seed, id) on demand.

Nothing is generated up front. ``Corpus.static(id)`` is cheap (title, authority, user,
prominence, embargo) and ``Corpus.base_events(id)`` writes the full history; both are cached
in bounded LRU caches so a 100 000-request corpus costs no more memory than a small one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

from pipeline.records import Markup
from scraper.replica import names
from scraper.replica.attach import binary_mask
from scraper.replica.history import (
    Context,
    HistoryBuilder,
    build_history,
    london_midnight,
    scenario_for,
)
from scraper.replica.model import Event
from scraper.replica.rng import rng_for, stable_int, stable_unit
from scraper.replica.seeds import SEED_BY_REQUEST, load_seed_text
from scraper.replica.timeline import BASE_CLOCK, Timeline

BATCH_SIZE = 6
MARKUPS = ("current", "2019", "mixed")


@dataclass(frozen=True, slots=True)
class Static:
    """What a request is, independent of the clock and of churn."""

    id: int
    index: int
    title: str
    created_at: datetime
    authority: names.Authority
    user: names.User
    law_used: str
    regime: str
    markup: Markup
    prominence: str  # normal | backpage | requester_only | hidden (from the start)
    hidden_at: datetime | None  # an admin hid it later (a ``hide`` event)
    embargo_until: datetime | None
    batch_id: int | None
    scenario: str


class Corpus:
    def __init__(
        self, requests: int, seed: int, markup: str = "mixed", seed_letters: Path | None = None
    ):
        if markup not in MARKUPS:
            raise ValueError(f"markup must be one of {MARKUPS}, got {markup!r}")
        self.seed, self.markup = seed, markup
        self.timeline = Timeline(requests, seed)
        self.n_authorities = names.authority_count(requests)
        self.n_users = names.user_count(requests)
        self.seed_letters = seed_letters
        self.static = lru_cache(maxsize=16384)(self._static)
        self.base_events = lru_cache(maxsize=2048)(self._base_events)

    def authority(self, index: int) -> names.Authority:
        return names.authority(self.seed, index)

    def authorities(self) -> list[names.Authority]:
        return [self.authority(i) for i in range(self.n_authorities)]

    def _authority_for(self, index: int) -> names.Authority:
        count = self.n_authorities
        # Skip the internal admin body: nobody requests from it.
        pick = stable_int(self.seed, "authority-of", index) % (count - 1)
        admin = len(names.NATIONAL) - 1
        return self.authority(pick + (pick >= admin))

    def _static(self, request_id: int) -> Static | None:
        index = self.timeline.index_of(request_id)
        if index is None:
            return None
        seed = self.seed
        special = SEED_BY_REQUEST.get(request_id)
        group = index // BATCH_SIZE
        in_batch = special is None and self.in_batch(group)
        if special is not None:
            authority = self.authority(special.authority_index)
            user = names.user(seed, 0)
            title = special.title
            created = london_midnight(special.sent_on) + timedelta(hours=10, minutes=14, seconds=31)
        else:
            authority = self._authority_for(index)
            user = names.user(seed, 1 + stable_int(seed, "user-of", index) % (self.n_users - 1))
            first = group * BATCH_SIZE
            title = names.request_title(
                seed, self.timeline.id_of(first) if in_batch else request_id
            )
            if in_batch:
                user = names.user(seed, 1 + stable_int(seed, "user-of", first) % (self.n_users - 1))
                created = self.timeline.created_at(first) + timedelta(seconds=7 * (index - first))
            else:
                created = self.timeline.created_at(index)
        eir = "eir_only" in authority.tag_names or (
            stable_unit(seed, "eir", request_id) < 0.1 and not authority.scottish
        )
        roll = stable_unit(seed, "prominence", request_id)
        prominence = "normal"
        hidden_at = embargo_until = None
        if special is None:
            if roll < 0.015:
                prominence = "hidden"
            elif roll < 0.025:
                prominence = "requester_only"
            elif roll < 0.045:
                prominence = "backpage"
            elif roll < 0.06:
                hidden_at = created + timedelta(
                    days=1 + stable_int(seed, "hide-at", request_id) % 90
                )
            elif roll < 0.09:
                months = (3, 6, 12)[stable_int(seed, "embargo", request_id) % 3]
                embargo_until = created + timedelta(days=30 * months)
        markup: Markup
        if self.markup == "mixed":
            markup = "2019" if stable_unit(seed, "markup", request_id) < 0.5 else "current"
        else:  # "2019" or "current" (checked in __init__)
            markup = "2019" if self.markup == "2019" else "current"
        return Static(
            id=request_id, index=index, title=title, created_at=created, authority=authority,
            user=user, law_used="eir" if eir else "foi",
            regime="EIR" if eir else ("FOISA" if authority.scottish else "FOIA"),
            markup=markup, prominence=prominence, hidden_at=hidden_at, embargo_until=embargo_until,
            batch_id=(100 + group) if in_batch else None, scenario=scenario_for(seed, index),
        )  # fmt: skip

    def in_batch(self, group: int) -> bool:
        """Groups of consecutive requests sent as one batch (never those of the seed ids)."""
        return stable_unit(self.seed, "batch", group) < 0.04 and not any(
            self.timeline.special_slots.get(group * BATCH_SIZE + k) for k in range(BATCH_SIZE)
        )

    def title_and_created(self, index: int) -> tuple[int, str, datetime]:
        """The cheap part of ``static``: enough to give every request its slug."""
        request_id = self.timeline.id_of(index)
        special = SEED_BY_REQUEST.get(request_id)
        if special is not None:
            static = self.static(request_id)
            assert static is not None
            return request_id, static.title, static.created_at
        group = index // BATCH_SIZE
        if self.in_batch(group):
            first = group * BATCH_SIZE
            created = self.timeline.created_at(first) + timedelta(seconds=7 * (index - first))
            return request_id, names.request_title(self.seed, self.timeline.id_of(first)), created
        return (
            request_id,
            names.request_title(self.seed, request_id),
            self.timeline.created_at(index),
        )

    def context(self, static: Static, title: str | None = None) -> Context:
        return Context(
            self.seed,
            static.id,
            title or static.title,
            static.authority,
            static.user,
            static.regime,
            self.n_users,
        )

    def _base_events(self, request_id: int) -> tuple[Event, ...]:
        """The request's scripted history, some of it possibly in the future of any clock.

        Requests created by the base clock keep their story as it stood then (later changes
        to them come from churn). Requests created after it follow the same scenario
        timeline as every other request, so each starts with its ``sent`` event and the rest
        appears as the clock reaches it: ``derive`` drops events after the clock. Keeping the
        future events here also keeps event and message ids stable while the clock moves.
        """
        static = self.static(request_id)
        assert static is not None
        builder = HistoryBuilder(self.context(static), rng_for(self.seed, "history", request_id))
        special = SEED_BY_REQUEST.get(request_id)
        if special is not None:
            self._seed_history(builder, static)
        else:
            build_history(builder, static.scenario, static.created_at)
        if static.embargo_until is not None:
            builder.admin(static.created_at + timedelta(seconds=40), "set_embargo")
            builder.admin(static.embargo_until, "expire_embargo")
        if static.hidden_at is not None:
            builder.admin(static.hidden_at, "hide")
        scripted_ahead = static.created_at > BASE_CLOCK
        events = [
            e
            for e in builder.events
            if scripted_ahead or e.at <= BASE_CLOCK or e.type == "expire_embargo"
        ]
        events.sort(key=lambda e: (e.at, e.id))
        return tuple(events)

    def _seed_history(self, b: HistoryBuilder, static: Static) -> None:
        """The seed letters' requests, dated as the real letters are."""
        special = SEED_BY_REQUEST[static.id]
        text, _ = load_seed_text(special, self.seed_letters)
        text = binary_mask(text)  # served as a PDF, so masked the binary way
        b.sent(static.created_at)
        response_at = london_midnight(special.response_on) + timedelta(hours=15, minutes=2)
        if special.review_requested_on is None:
            b.response(
                response_at,
                kind="response",
                letter_override=(text, special.labels, special.filename),
            )
            b.classify(response_at + timedelta(days=2), "partially_successful")
            return
        b.response(response_at, kind="response", outcome="not_held")
        b.classify(response_at + timedelta(hours=5), "not_held")
        b.followup(
            london_midnight(special.review_requested_on) + timedelta(hours=11), "internal_review"
        )
        review_at = london_midnight(special.labels.letter_date) + timedelta(hours=16, minutes=45)
        b.response(
            review_at,
            kind="internal_review_response",
            letter_override=(text, special.labels, special.filename),
        )
        b.classify(review_at + timedelta(days=1), "not_held")
