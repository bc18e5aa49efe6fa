"""Requester pseudonyms and scrubbing names out of letter text."""

from __future__ import annotations

from pipeline.export.privacy import Pseudonymiser
from pipeline.pseudonym import pseudonym

KEY = "test-key"


def test_label_is_the_keyed_pseudonym_of_the_slug() -> None:
    assert Pseudonymiser(KEY).label("joe_bloggs") == pseudonym(KEY, "joe_bloggs")


def test_no_slug_no_label() -> None:
    assert Pseudonymiser(KEY).label(None) is None


def test_scrub_replaces_the_name_whatever_its_case_and_spacing() -> None:
    text = "Dear JOE  BLOGGS,\n\nYours faithfully,\n\nJoe\nBloggs"
    assert Pseudonymiser(KEY).scrub(text, "Joe Bloggs", "requester_x") == (
        "Dear requester_x,\n\nYours faithfully,\n\nrequester_x"
    )


def test_scrub_leaves_longer_words_alone() -> None:
    assert Pseudonymiser(KEY).scrub("Annabel Smithson", "Anna Smith", "requester_x") == (
        "Annabel Smithson"
    )


def test_scrub_ignores_names_too_short_to_be_safe() -> None:
    assert Pseudonymiser(KEY).scrub("the AB team", "AB", "requester_x") == "the AB team"


def test_scrub_handles_text_whose_case_folding_changes_length() -> None:
    text = "İstanbul office: Dear Joe Bloggs"
    assert Pseudonymiser(KEY).scrub(text, "Joe Bloggs", "requester_x") == (
        "İstanbul office: Dear requester_x"
    )


def test_scrub_replaces_every_occurrence() -> None:
    text = "Joe Bloggs wrote to Joe Bloggs; JoeBloggs is another word."
    assert Pseudonymiser(KEY).scrub(text, "Joe Bloggs", "P") == (
        "P wrote to P; JoeBloggs is another word."
    )
