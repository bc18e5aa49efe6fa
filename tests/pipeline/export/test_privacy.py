"""Requester pseudonyms and scrubbing names out of letter text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.export import privacy
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


def _scrubbed_by_hand(text: str, name: str, label: str) -> str:
    """What scrub must give, worked out position by position (slow and plain, for the tests)."""
    words = name.lower().split()
    lowered = text.lower()
    assert len(lowered) == len(text)
    if len("".join(words)) < 4:
        return text

    def is_word(i: int) -> bool:
        return 0 <= i < len(lowered) and (lowered[i].isalnum() or lowered[i] == "_")

    def end_of_match(i: int) -> int | None:
        for n, word in enumerate(words):
            if n:
                spaces = i
                while spaces < len(lowered) and lowered[spaces].isspace():
                    spaces += 1
                if spaces == i:
                    return None
                i = spaces
            if lowered[i : i + len(word)] != word:
                return None
            i += len(word)
        return i

    out, i = [], 0
    while i < len(text):
        end = end_of_match(i)
        if end is not None and not is_word(i - 1) and not is_word(end):
            out.append(label)
            i = end
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


PIECES = st.sampled_from(
    ["joe", "JOE", "Joe", "bloggs", "Bloggs", "BLOGGS", "jo", "ebloggs", " ", "  ", "\n",
     "\t", "\u00a0", "_", "x", "1", ",", ".", "é", "Dear ", "Yours faithfully, "]
)  # fmt: skip
NAMES = st.sampled_from(["Joe Bloggs", "joe  bloggs", "Joe", "Bloggs", "Jo E", "joe bloggs joe"])


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(PIECES, max_size=12), name=NAMES)
def test_scrub_agrees_with_a_position_by_position_scan(pieces: list[str], name: str) -> None:
    text = "".join(pieces)
    assert Pseudonymiser(KEY).scrub(text, name, "P") == _scrubbed_by_hand(text, name, "P")


def test_labels_are_remembered_but_not_without_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(privacy, "LABELS_KEPT", 2)
    p = Pseudonymiser(KEY)
    labels = [p.label(n) for n in ("a_b", "c_d", "e_f", "a_b", " ", "")]
    assert labels == [pseudonym(KEY, "a_b"), pseudonym(KEY, "c_d"), pseudonym(KEY, "e_f"),
                      pseudonym(KEY, "a_b"), None, None]  # fmt: skip
    assert len(p._labels) <= 2
