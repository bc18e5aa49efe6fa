"""When normalise runs inside a crawl: one rule for ``wdtk crawl`` and the refresh flow.

The attachments spider downloads the files that normalised thread pages list, so in a crawl
of several spiders (in ``db.provenance.CRAWL_SPIDERS`` order) normalise runs before it, on what
the spiders before it stored; ``normalise_stored`` is that normalise, committed batch by batch
with the configured parse workers, as ``wdtk normalise`` runs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from db.engine import make_engine
from pipeline.config import Settings

NEEDS_NORMALISED = frozenset({"attachments"})  # spiders that work from normalised rows


def crawl_plan(spiders: Sequence[str]) -> list[tuple[str, ...]]:
    """``spiders`` (in the order given) as runs with a normalise between each two: a spider
    of ``NEEDS_NORMALISED`` starts a new run unless it is the first."""
    plan: list[list[str]] = [[]]
    for spider in spiders:
        if spider in NEEDS_NORMALISED and plan[-1]:
            plan.append([])
        plan[-1].append(spider)
    return [tuple(run) for run in plan if run]


def normalise_stored(config: Settings) -> dict[str, Any]:
    """Turn the raw pages stored so far into rows (``stages.normalise.normalise_committed``).
    Idempotent: unchanged pages are not parsed again."""
    from stages.normalise import normalise_committed

    engine = make_engine(config.database_url)
    try:
        with Session(engine) as session:
            report = normalise_committed(
                session,
                reprocess=False,
                pseudonym_key=config.pseudonym_key,
                workers=config.parse_workers,
            )
    finally:
        engine.dispose()
    return report.as_dict()
