"""What an authority's site tags say, once: machine-tag identifiers and the tags that change
how the law applies (schools' longer deadline, Scottish bodies under FOISA, bodies not
subject to FOI, defunct bodies). The catalogue spider, the loader and the deadline rules all
read tags through here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Tag = tuple[str, str | None]

# Machine tags carrying identifiers in other registers -> authorities column.
MACHINE_TAGS = {
    "gss": "gss_code",  # ONS GSS code
    "wikidata": "wikidata_id",
    "dpr": "ico_registration",  # ICO data-protection register
    "ch": "companies_house",
}
# WDTK's SchoolLateCalculator applies to these (very late after 60 working days).
SCHOOL_TAGS = frozenset({"school", "academy_trust"})
# WDTK tags Scottish bodies "scotland": its theme sends /scotland to /body?tag=scotland
# (mysociety/whatdotheyknow-theme, lib/config/wdtk-routes.rb).
SCOTTISH_TAGS = frozenset({"scotland"})
NOT_SUBJECT_TAGS = frozenset({"foi_no"})
DEFUNCT_TAGS = frozenset({"defunct"})


def tag_value(tags: Iterable[Tag], name: str) -> str | None:
    """The value of the first ``name:value`` tag, or None."""
    return next((value for tag, value in tags if tag == name and value), None)


def tag_names(tags: Iterable[Tag]) -> frozenset[str]:
    return frozenset(tag for tag, _ in tags)


def authority_facts(tags: Iterable[Tag]) -> dict[str, Any]:
    """The ``authorities`` columns derived from tags."""
    tags = list(tags)
    names = tag_names(tags)
    facts: dict[str, Any] = {column: tag_value(tags, tag) for tag, column in MACHINE_TAGS.items()}
    facts["is_school"] = bool(names & SCHOOL_TAGS)
    facts["is_scottish"] = bool(names & SCOTTISH_TAGS)
    facts["foi_applies"] = not names & NOT_SUBJECT_TAGS
    facts["defunct"] = bool(names & DEFUNCT_TAGS)
    return facts
