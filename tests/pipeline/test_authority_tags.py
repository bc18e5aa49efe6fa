"""Authority tags read once: identifiers and the tags that change how the law applies."""

from __future__ import annotations

from pipeline.authority_tags import authority_facts


def test_machine_tags_become_identifiers() -> None:
    facts = authority_facts(
        [("gss", "E06000001"), ("wikidata", "Q21"), ("dpr", "Z1"), ("ch", "01")]
    )
    assert (facts["gss_code"], facts["wikidata_id"], facts["ico_registration"], facts["companies_house"]) == (
        "E06000001", "Q21", "Z1", "01",
    )  # fmt: skip


def test_schools_scottish_bodies_and_bodies_outside_foi() -> None:
    assert authority_facts([("academy_trust", None)])["is_school"] is True
    assert authority_facts([("scotland", None)])["is_scottish"] is True
    assert authority_facts([("foi_no", None)])["foi_applies"] is False
    assert authority_facts([("defunct", None)])["defunct"] is True
    plain = authority_facts([("local_council", None)])
    assert (plain["is_school"], plain["is_scottish"], plain["foi_applies"], plain["defunct"]) == (
        False, False, True, False,
    )  # fmt: skip
