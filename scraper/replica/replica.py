"""``Replica``: the offline WhatDoTheyKnow, as a Python object with a clock and ground truth.

    replica = Replica(requests=2000, seed=7)
    replica.visible_ids()             # ids served with a 200 at the current clock
    replica.truth(540577)             # RequestTruth: records, page items, letters, files
    replica.advance(7, churn=0.05)    # a week passes; returns the ids that changed
    replica.changed_ids(t1, t2)       # exactly which ids changed between two clock values

The clock only moves forward. Everything served is a function of (seed, requests, markup,
clock, and the sequence of ``advance`` calls), never of wall time.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from scraper.replica import churn as churn_model
from scraper.replica.attach import AttachmentFile, attachment_file
from scraper.replica.corpus import Corpus, Static
from scraper.replica.faults import Faults
from scraper.replica.history import HistoryBuilder
from scraper.replica.model import Event, Request
from scraper.replica.names import request_title, simplify_url_part
from scraper.replica.rng import rng_for, stable_unit
from scraper.replica.state import derive
from scraper.replica.timeline import BASE_CLOCK
from scraper.replica.truth import RequestTruth, build_truth


class ClockError(ValueError):
    """The replica's clock cannot go backwards."""


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"clock values must be timezone-aware, got {moment!r}")
    return moment.astimezone(UTC)


class Replica:
    def __init__(
        self,
        requests: int = 2000,
        seed: int = 7,
        *,
        markup: str = "mixed",
        now: datetime | None = None,
        seed_letters: Path | None = None,
        faults: Faults | None = None,
        cache_size: int = 512,
    ):
        self.requests, self.seed = requests, seed
        self.corpus = Corpus(requests, seed, markup, seed_letters)
        self.faults = faults or Faults()
        self._clock = _aware(now) if now else BASE_CLOCK
        self.version = 0  # bumps on every clock move: caches key on it
        self._mutations: dict[int, list[churn_model.Mutation]] = {}
        self._serial = 0
        self._cache: OrderedDict[tuple[int, int], Request | None] = OrderedDict()
        self._cache_size = cache_size
        self._slugs: dict[str, int] | None = None
        self._slug_of: dict[int, str] = {}
        self._suffix: dict[str, int] = {}  # the last number used after each base slug
        self._old_slugs: dict[int, list[str]] = {}
        self._indexed_upto = 0  # slug index covers indices below this
        self._renames_done: set[tuple[int, datetime]] = set()
        # Derived per clock version: id lists, and listed ids by authority.
        self._derived_cache: dict[tuple[str, int], list[int]] = {}
        self._by_authority_cache: dict[int, dict[int, list[int]]] = {}

    # -- clock -----------------------------------------------------------------------------
    @property
    def clock(self) -> datetime:
        return self._clock

    def set_now(self, moment: datetime) -> None:
        """Let time pass with no churn (only new requests, overdue markers, embargo expiry)."""
        moment = _aware(moment)
        if moment < self._clock:
            raise ClockError(
                f"clock is {self._clock.isoformat()}; cannot go back to {moment.isoformat()}"
            )
        self._move_to(moment)

    def advance(self, days: float, churn: float = 0.05) -> set[int]:
        """Move the clock ``days`` forward; about ``churn`` of public requests change inside
        the window. Returns the ids that changed (including new requests)."""
        rate = churn
        if days < 0:
            raise ClockError(f"days must be >= 0, got {days}")
        start, end = self._clock, self._clock + timedelta(days=days)
        self._serial += 1
        window = (end - start).total_seconds() - 7200
        if window > 0 and rate > 0:
            for request_id in self.existing_ids():
                if stable_unit(self.seed, "churn", request_id, self._serial) >= rate:
                    continue
                request = self.request(request_id)
                if request is None or not request.public:
                    continue
                rng = rng_for(self.seed, "churn-pick", request_id, self._serial)
                at = start + timedelta(seconds=int(rng.random() * window))
                kind = churn_model.pick_kind(
                    rng, request.created_at, at, request.awaiting_description
                )
                title = None
                if kind == "rename":
                    title = request_title(self.seed, request_id, variant=self._serial)
                    if (
                        simplify_url_part(title, "request", 32)
                        == request.url_title.rsplit("_", 1)[0]
                    ):
                        title += " (revised)"
                mutation = churn_model.Mutation(request_id, kind, at, self._serial, title)
                self._mutations.setdefault(request_id, []).append(mutation)
        self._move_to(end)
        return self.changed_ids(start, end)

    def _move_to(self, moment: datetime) -> None:
        if self._slugs is not None:
            self._extend_slugs(moment)
        self._clock = moment
        self.version += 1
        self._cache.clear()
        self._derived_cache.clear()
        self._by_authority_cache.clear()

    # -- ids and slugs ---------------------------------------------------------------------
    def existing_ids(self) -> list[int]:
        """Every id created by now, whatever its prominence."""
        key = ("existing", self.version)
        if key not in self._derived_cache:
            self._derived_cache[key] = self._existing_ids()
        return list(self._derived_cache[key])

    def _existing_ids(self) -> list[int]:
        timeline = self.corpus.timeline
        ids = [timeline.id_of(i) for i in range(timeline.count_before(self._clock))]
        return sorted(rid for rid in ids if self._created(rid) <= self._clock)

    def _created(self, request_id: int) -> datetime:
        static = self.corpus.static(request_id)
        assert static is not None
        return static.created_at

    def visible_ids(self) -> list[int]:
        """Ids an anonymous visitor can read (normal or backpage)."""
        return [
            rid for rid in self.existing_ids() if self._visibility(rid) in ("public", "backpage")
        ]

    def listed_ids(self) -> list[int]:
        key = ("listed", self.version)
        if key not in self._derived_cache:
            self._derived_cache[key] = [
                rid for rid in self.existing_ids() if self._visibility(rid) == "public"
            ]
        return list(self._derived_cache[key])

    def _visibility(self, request_id: int) -> str:
        static = self.corpus.static(request_id)
        if static is None or static.created_at > self._clock:
            return "absent"
        if static.embargo_until is not None and self._clock < static.embargo_until:
            return "embargoed"
        if static.prominence in ("hidden", "requester_only"):
            return static.prominence
        if (static.hidden_at is not None and static.hidden_at <= self._clock) or any(
            m.kind == "takedown" and m.at <= self._clock
            for m in self._mutations.get(request_id, ())
        ):
            return "hidden"
        return "backpage" if static.prominence == "backpage" else "public"

    def ids_by_authority(self) -> dict[int, list[int]]:
        """Listed ids per authority id, for body statistics (cached per clock version)."""
        key = self.version
        if key not in self._by_authority_cache:
            grouped: dict[int, list[int]] = {}
            for rid in self.listed_ids():
                static = self.corpus.static(rid)
                assert static is not None
                grouped.setdefault(static.authority.id, []).append(rid)
            self._by_authority_cache[key] = grouped
        return self._by_authority_cache[key]

    def _title_at(self, static: Static, moment: datetime) -> str:
        title = static.title
        for m in self._mutations.get(static.id, ()):
            if m.kind == "rename" and m.at <= moment and m.new_title:
                title = m.new_title
        return title

    def _ensure_slugs(self) -> dict[str, int]:
        if self._slugs is None:
            self._slugs = {}
            self._extend_slugs(self._clock)
        return self._slugs

    def _claim(self, request_id: int, title: str) -> str:
        assert self._slugs is not None
        base = simplify_url_part(title, "request", 32)
        slug, n = base, self._suffix.get(base, 1)
        if n > 1:
            slug = f"{base}_{n}"
        while slug in self._slugs and self._slugs[slug] != request_id:
            n += 1
            slug = f"{base}_{n}"
        self._suffix[base] = n
        old = self._slug_of.get(request_id)
        if old is not None and old != slug:
            del self._slugs[old]
            self._old_slugs.setdefault(request_id, []).append(old)
        self._slugs[slug] = request_id
        self._slug_of[request_id] = slug
        return slug

    def _extend_slugs(self, until: datetime) -> None:
        """Give slugs to requests created, and renames made, up to ``until``, in time order."""
        timeline = self.corpus.timeline
        happenings: list[tuple[datetime, int, int, str]] = []
        upto = timeline.count_before(until)
        for index in range(self._indexed_upto, upto):
            request_id, title, created = self.corpus.title_and_created(index)
            happenings.append((created, 0, request_id, title))
        self._indexed_upto = upto
        for request_id, mutations in self._mutations.items():
            for m in mutations:
                if (
                    m.kind == "rename"
                    and m.at <= until
                    and (request_id, m.at) not in self._renames_done
                    and m.new_title
                ):
                    self._renames_done.add((request_id, m.at))
                    happenings.append((m.at, 1, request_id, m.new_title))
        for _, _, request_id, title in sorted(happenings):
            self._claim(request_id, title)

    def resolve_slug(self, slug: str) -> int | None:
        return self._ensure_slugs().get(slug)

    def slug_of(self, request_id: int) -> str:
        self._ensure_slugs()
        return self._slug_of[request_id]

    def old_slugs(self, request_id: int) -> list[str]:
        self._ensure_slugs()
        return list(self._old_slugs.get(request_id, ()))

    # -- requests at the current clock -----------------------------------------------------
    def events_of(self, static: Static) -> list[Event]:
        events = list(self.corpus.base_events(static.id))
        mutations = self._mutations.get(static.id)
        if mutations:
            builder = HistoryBuilder(
                self.corpus.context(static), rng_for(self.seed, "unused"), events
            )
            for m in sorted(mutations, key=lambda m: (m.at, m.serial)):
                builder.ctx = self.corpus.context(static, self._title_at(static, m.at))
                rng = rng_for(self.seed, "mutation", static.id, m.serial)
                builder.rng = rng
                churn_model.apply(builder, m, rng)
        return events

    def request(self, request_id: int) -> Request | None:
        """The request as it stands now, or None if it does not exist (yet)."""
        key = (request_id, self.version)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        result = self._build(request_id)
        self._cache[key] = result
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return result

    def _build(self, request_id: int) -> Request | None:
        static = self.corpus.static(request_id)
        if static is None or static.created_at > self._clock:
            return None
        derived = derive(request_id, self.events_of(static), self._clock, static.authority)
        visibility = self._visibility(request_id)
        prominence = {"public": "normal", "embargoed": "normal"}.get(visibility, visibility)
        updated = max(
            (e.at for e in derived.events if e.type not in ("overdue", "very_overdue")),
            default=static.created_at,
        )
        return Request(
            id=request_id, title=self._title_at(static, self._clock), url_title=self.slug_of(request_id),
            created_at=static.created_at, authority=static.authority, user=static.user,
            law_used=static.law_used, regime=static.regime, markup=static.markup,
            prominence=prominence, embargoed=visibility == "embargoed", events=derived.events,
            described_state=derived.described_state, awaiting_description=derived.awaiting_description,
            status=derived.status, due_date=derived.due_date, very_overdue_date=derived.very_overdue_date,
            updated_at=updated, batch_id=static.batch_id, batch_size=6 if static.batch_id else 0,
        )  # fmt: skip

    # -- changes ---------------------------------------------------------------------------
    def changed_ids(self, since: datetime, until: datetime | None = None) -> set[int]:
        """Ids whose public record changed in (since, until]: created, new events (including
        the nightly overdue markers), renamed, taken down or released from embargo."""
        since, until = _aware(since), _aware(until or self._clock)
        if until > self._clock:
            raise ClockError(
                f"until {until.isoformat()} is after the clock {self._clock.isoformat()}"
            )
        changed: set[int] = set()
        for request_id in self.existing_ids():
            static = self.corpus.static(request_id)
            assert static is not None
            if since < static.created_at <= until:
                changed.add(request_id)
                continue
            if static.embargo_until and since < static.embargo_until <= until:
                changed.add(request_id)
                continue
            if static.hidden_at and since < static.hidden_at <= until:
                changed.add(request_id)
                continue
            if any(since < m.at <= until for m in self._mutations.get(request_id, ())):
                changed.add(request_id)
                continue
            # Requests created after the base clock play out their scripted history as the
            # clock reaches each event (responses, classifications, follow-ups, ...).
            if static.created_at > BASE_CLOCK and any(
                since < e.at <= until for e in self.corpus.base_events(request_id)
            ):
                changed.add(request_id)
                continue
            # Overdue markers fall at most ~90 days after the (re)start of the clock.
            if static.created_at > since - timedelta(days=150) and self._has_derived_event(
                static, since, until
            ):
                changed.add(request_id)
        return changed

    def _has_derived_event(self, static: Static, since: datetime, until: datetime) -> bool:
        request = self.request(static.id)
        if request is None:
            return False
        return any(
            e.type in ("overdue", "very_overdue") and since < e.at <= until for e in request.events
        )

    def truth(self, request_id: int) -> RequestTruth | None:
        """Everything served about a request at the current clock (None if it does not exist)."""
        return build_truth(self, request_id)

    def attachment_file(
        self, request_id: int, incoming_message_id: int, part: int
    ) -> AttachmentFile | None:
        """The bytes a download of this attachment returns (masking aside)."""
        r = self.request(request_id)
        if r is None:
            return None
        for e in r.events:
            if (
                e.type == "response"
                and e.message is not None
                and e.message.id == incoming_message_id
            ):
                for att in e.message.attachments:
                    if att.part == part:
                        return attachment_file(r, e.message, att)
        return None

    def mutations(self) -> list[churn_model.Mutation]:
        return sorted(
            (m for ms in self._mutations.values() for m in ms), key=lambda m: (m.at, m.request_id)
        )
