"""The FOIA / EIR / FOISA provisions table, once (``pipeline/data/provisions.csv``).

Citations are normalised as ``"<REGIME> <provision>"``: ``FOIA s40(2)``, ``EIR reg12(5)(e)``,
``FOISA s38(1)(b)``. The table gives each provision's name and kind (absolute, qualified,
procedural); a citation more specific than any row (``FOIA s31(1)(a)``) takes the kind of its
nearest ancestor (``s31``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

Regime = Literal["FOIA", "EIR", "FOISA"]
REGIMES: tuple[Regime, ...] = ("FOIA", "EIR", "FOISA")


@dataclass(frozen=True, slots=True)
class Provision:
    regime: Regime
    provision: str  # "s40(2)", "reg12(5)(e)", "s37(1)(a)-(ab)"
    name: str
    kind: str  # absolute | qualified | procedural
    source_url: str

    @property
    def citation(self) -> str:
        return f"{self.regime} {self.provision}"


def _regime(text: str) -> Regime:
    for regime in REGIMES:
        if text == regime:
            return regime
    raise ValueError(f"provisions.csv: unknown regime {text!r}")


@lru_cache(maxsize=1)
def all_provisions() -> tuple[Provision, ...]:
    text = resources.files("pipeline.data").joinpath("provisions.csv").read_text("utf-8")
    return tuple(
        Provision(
            _regime(row["regime"]), row["provision"], row["name"], row["kind"], row["source_url"]
        )
        for row in csv.DictReader(text.splitlines())
    )


_PART = re.compile(r"\([^)]*\)")


def _expand(provision: str) -> list[str]:
    """Rows like ``s37(1)(a)-(ab)`` stand for several provisions; list the named ends."""
    if "-(" not in provision:
        return [provision]
    head, _, tail = provision.partition("-")
    stem = head[: head.rfind("(")]
    return [head, stem + tail]


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str], Provision]:
    index: dict[tuple[str, str], Provision] = {}
    for row in all_provisions():
        for name in _expand(row.provision):
            index.setdefault((row.regime, name), row)
    return index


def lookup(citation: str) -> Provision | None:
    """The table row for a normalised citation, or for its nearest listed ancestor."""
    regime, _, provision = citation.partition(" ")
    index = _index()
    while provision:
        row = index.get((regime, provision))
        if row is not None:
            return row
        parts = _PART.findall(provision)
        if not parts:
            return None
        provision = provision[: provision.rfind(parts[-1])]
    return None
