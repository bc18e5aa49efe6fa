"""The writing context shared by the phrase families: who writes, to whom, about what, when.

A ``Pen`` carries one letter's random stream, its ``Citer`` (which records every provision
named), the authority's profile and the request's facts, with the small helpers the families
use to vary their words. A family returns a ``Body``: its blocks and what they decide.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TypeVar

from pipeline.workdays import Calendar, add_working_days
from scraper.replica.wording.cite import Citer, Ground, capitalise
from scraper.replica.wording.doc import Block
from scraper.replica.wording.profile import Profile

T = TypeVar("T")
DATE_STYLES = ("{d} {B} {Y}", "{d} {B} {Y}", "{dd} {B} {Y}", "{do} {B} {Y}", "{dd}/{mm}/{Y}",
               "{A} {d} {B} {Y}", "{d} {b} {Y}")  # fmt: skip
_QUESTION = re.compile(r"^\s*(\d+)[.)]\s+(.+)$", re.M)


@lru_cache(maxsize=8192)
def _due(start: date, days: int, calendar: Calendar) -> date:
    return add_working_days(start, days, calendar)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@lru_cache(maxsize=16384)
def format_day(day: date, style: str) -> str:
    return style.format(
        d=day.day, dd=f"{day.day:02d}", do=ordinal(day.day), B=day.strftime("%B"),
        b=day.strftime("%b"), Y=day.year, mm=f"{day.month:02d}", A=day.strftime("%A"),
    )  # fmt: skip


def questions_of(request_text: str) -> tuple[str, ...]:
    """The numbered points of a request ("1. Please provide ..."), as asked."""
    return tuple(m.group(2).strip() for m in _QUESTION.finditer(request_text))


@dataclass(slots=True)
class Body:
    """What a family wrote and what it decides."""

    family: str
    blocks: list[Block]
    relied: tuple[str, ...] = ()  # provisions (without regime) the decision rests on
    held: bool | None = None
    signposted: bool = False  # the blocks themselves name the Commissioner
    annex: list[Block] = field(default_factory=list)
    subject: str = ""  # a family-specific subject line, if any


@dataclass(slots=True)
class Pen:
    rng: random.Random
    cite: Citer
    profile: Profile
    regime: str
    requester: str
    subject: str  # the request's title
    received: date
    letter_date: date
    our_ref: str
    questions: tuple[str, ...]
    grounds: tuple[Ground, ...]  # the exemptions this request's refusals rest on
    date_style: str = "{d} {B} {Y}"
    earlier: dict[str, date] = field(default_factory=dict)  # "responded", "review_requested"
    original_outcome: str | None = None  # reviews: the decision under review

    def pick(self, options: Sequence[T]) -> T:
        # random() is one C call; randrange() is several Python frames per draw.
        return options[int(self.rng.random() * len(options))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def day(self, which: date) -> str:
        return format_day(which, self.date_style)

    @property
    def house(self) -> str:
        """ "the Council", "the Force", or "we" (the authority's way of naming itself)."""
        return self.profile.house

    def we(self, cap: bool = False) -> str:
        name = self.pick((self.profile.house, self.profile.house, self.profile.name))
        if name == "we":
            name = self.profile.name
        return capitalise(name) if cap else name

    @property
    def topic(self) -> str:
        return self.subject[0].lower() + self.subject[1:] if self.subject else "your request"

    @property
    def scottish(self) -> bool:
        return self.regime in ("FOISA", "EISR")

    @property
    def environmental(self) -> bool:
        return self.regime in ("EIR", "EISR")

    def due(self, days: int = 20) -> date:
        return _due(self.received, days, "scotland" if self.scottish else "uk")

    def act(self, long: bool | None = None) -> str:
        return self.cite.act(long)

    def ground_cites(self, grounds: Sequence[Ground], *, act: bool = False) -> str:
        return self.cite.many(tuple(g.provision for g in grounds), act=act)


def cap(text: str) -> str:
    """Capitalised for the start of a sentence (citation placeholders included)."""
    return capitalise(text)
