"""Letters: every kind and outcome under every regime, labels that match the words, and the
variety of wording and layout real authorities show."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date

import pytest

from scraper.replica.letters import LETTER_KINDS, OUTCOMES, REVIEW_OUTCOMES, write_letter
from scraper.replica.wording.cite import ACT_NAMES, ACT_SHORT, Citer, is_normalised, known_provision
from scraper.replica.wording.pen import DATE_STYLES, format_day

REGIMES = ("FOIA", "EIR", "FOISA", "EISR")
AUTHORITY = {"FOIA": "Leeds City Council", "EIR": "Leeds Water Board", "FOISA": "Fife Borough Council",
             "EISR": "Glasgow Water Board"}  # fmt: skip
REQUEST = (
    "1. Please provide the number of cases relating to pothole repairs in each of the last three years.\n"
    "2. Please provide the contracts awarded and the names of the suppliers.\n"
    "3. Please provide any policy or guidance documents covering pothole repairs."
)


def letter(kind: str, outcome: str | None = None, regime: str = "FOIA", review: str | None = None,
           seed: int = 1, authority: str | None = None, original: str | None = "withheld_in_full"):  # fmt: skip
    return write_letter(
        random.Random(seed), kind=kind, regime=regime, authority=authority or AUTHORITY[regime],
        requester="Sam Smith", subject="Pothole repairs", letter_date=date(2024, 1, 5),
        request_id=123 + seed, outcome=outcome, review_outcome=review, received=date(2023, 12, 1),
        request_text=REQUEST, original_outcome=original, seed=seed,
        earlier={"responded": date(2023, 12, 20), "review_requested": date(2023, 12, 28)},
    )  # fmt: skip


def _number_in(citation: str, text: str) -> bool:
    """The provision's number ("40" of "FOIA s40(2)") is written somewhere in the letter."""
    number = re.match(r"\w+ (?:s|reg)(\d+[A-Z]?)", citation)
    assert number is not None
    return re.search(rf"(?<![\d]){number.group(1)}(?![\dA-Z])", text) is not None


@pytest.mark.parametrize("regime", REGIMES)
@pytest.mark.parametrize("outcome", OUTCOMES)
def test_labels_match_the_words_for_every_outcome(outcome, regime):
    for seed in range(6):
        written = letter("response", outcome, regime, seed=seed)
        labels = written.labels
        assert (labels.kind, labels.outcome, labels.regime) == ("response", outcome, regime)
        assert set(labels.provisions) <= set(labels.provisions_cited)
        assert all(
            c.startswith(regime + " ") and is_normalised(c) and known_provision(c)
            for c in labels.provisions_cited
        )
        assert all(_number_in(c, written.text) for c in labels.provisions_cited)
        assert "\x00" not in written.text and "\x01" not in written.text


@pytest.mark.parametrize("regime", REGIMES)
def test_most_letters_name_their_law(regime):
    names = [n.removeprefix("the ") for n in (ACT_NAMES[regime], *ACT_SHORT[regime])]
    named = sum(
        any(name in letter("response", outcome, regime, seed=seed).text for name in names)
        for outcome in OUTCOMES for seed in range(4)
    )  # fmt: skip
    assert named >= 0.8 * len(OUTCOMES) * 4


def test_fixed_outcomes_rely_on_their_provisions():
    assert letter("response", "not_held", "EIR").labels.provisions == ("EIR reg12(4)(a)",)
    assert letter("response", "subject_access_redirect", "FOISA").labels.provisions == (
        "FOISA s38(1)(a)",
    )
    assert letter("response", "cost_limit", "EISR").labels.provisions == ("EISR reg10(4)(b)",)
    assert set(letter("response", "advice_and_assistance").labels.provisions) <= {
        "FOIA s16",
        "FOIA s16(1)",
    }
    assert letter("response", "not_held").labels.information_held is False


def test_refusals_of_one_request_rest_on_the_same_grounds():
    first = letter("response", "withheld_in_full", seed=4).labels.provisions
    review = letter("internal_review_response", "withheld_in_full", review="upheld", seed=4).labels
    assert review.provisions == first and review.review_outcome == "upheld"


@pytest.mark.parametrize("review", REVIEW_OUTCOMES)
def test_internal_review_responses_state_their_verdict(review):
    final = {
        "upheld": "withheld_in_full",
        "partly_upheld": "partly_withheld",
        "overturned": "granted_in_full",
    }[review]
    words = {"upheld": r"uphold|upheld|confirm the original", "partly_upheld": r"uphold|upheld|with modifications",
             "overturned": r"overturn|not to uphold|complaint is upheld|substitute"}[review]  # fmt: skip
    for seed in range(10):
        for regime in REGIMES:
            labels = (
                written := letter("internal_review_response", final, regime, review, seed=seed)
            ).labels
            assert (labels.kind, labels.outcome, labels.review_outcome) == (
                "internal_review_response",
                final,
                review,
            )
            assert re.search(words, written.text, re.I), written.text
            assert labels.ico_signposted == ("Commissioner" in written.text)


def test_a_review_of_a_failure_to_respond_has_no_review_outcome():
    for regime in REGIMES:
        labels = letter(
            "internal_review_response", "cost_limit", regime, None, original=None
        ).labels
        assert (labels.outcome, labels.review_outcome) == ("cost_limit", None)
        assert labels.family.startswith("internal_review_response/failure_to_respond/")


@pytest.mark.parametrize("kind", ["acknowledgement", "clarification_request", "other"])
def test_letters_that_decide_nothing(kind):
    for seed in range(12):
        labels = letter(kind, seed=seed).labels
        assert (labels.kind, labels.outcome, labels.provisions, labels.review_outcome) == (
            kind,
            None,
            (),
            None,
        )
        assert labels.information_held is None


def test_review_acknowledgement_and_extensions_are_acknowledgements():
    assert write_letter(random.Random(3), kind="acknowledgement", regime="FOISA", authority="Fife Borough Council",
                        requester="A B", subject="Trees", letter_date=date(2024, 2, 1), request_id=9,
                        stage="review").labels.family == "acknowledgement/review_receipt"  # fmt: skip
    families = {letter("acknowledgement", seed=s).labels.family for s in range(80)}
    assert "acknowledgement/extension_pit" in families
    extension = next(letter("acknowledgement", seed=s) for s in range(80)
                     if letter("acknowledgement", seed=s).labels.family == "acknowledgement/extension_pit")  # fmt: skip
    assert "FOIA s10(3)" in extension.labels.provisions_cited and extension.labels.provisions == ()


def test_date_and_reference_are_printed():
    for seed in range(20):
        written = letter("response", "not_held", seed=seed)
        assert written.labels.authority_ref in written.text
        assert any(format_day(date(2024, 1, 5), style) in written.text for style in DATE_STYLES)


def test_same_seed_same_letter_and_different_seeds_vary():
    assert letter("response", "partly_withheld", seed=5) == letter(
        "response", "partly_withheld", seed=5
    )
    texts = {letter("response", "partly_withheld", seed=s).text for s in range(20)}
    assert len(texts) == 20


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_no_wording_dominates_a_decision(outcome):
    """The decisive paragraph varies: no one sentence carries most letters of an outcome."""
    decisive = Counter()
    for seed in range(60):
        written = letter("response", outcome, random.Random(seed).choice(REGIMES), seed=seed)
        body = [p for p in written.text.split("\n\n") if len(p) > 60]
        decisive[body[min(2, len(body) - 1)][:50]] += 1
    assert decisive.most_common(1)[0][1] < 30


def test_families_per_kind_and_outcome():
    families = Counter()
    for seed in range(40):
        for regime in REGIMES:
            for outcome in OUTCOMES:
                families[letter("response", outcome, regime, seed=seed).labels.family] += 1
            for kind in ("acknowledgement", "clarification_request", "other"):
                families[letter(kind, regime=regime, seed=seed).labels.family] += 1
    by_outcome = Counter(f.split("/")[1] for f in families if f.startswith("response/"))
    assert all(by_outcome[o] >= 2 for o in OUTCOMES if o != "advice_and_assistance"), by_outcome
    assert sum(1 for f in families if f.startswith("acknowledgement/")) >= 4


def test_authorities_write_as_their_sector():
    police = letter("response", "neither_confirm_nor_deny", authority="Kent Police", seed=2)
    assert police.labels.family == "response/neither_confirm_nor_deny/police"
    assert {"FOIA s30(3)", "FOIA s31(3)", "FOIA s23(5)", "FOIA s24(2)", "FOIA s40(5)"} & set(
        police.labels.provisions
    )


def test_a_rights_leaflet_is_a_letter_of_its_own():
    leaflets = [
        w.leaflet
        for s in range(120)
        if (w := letter("response", "withheld_in_full", seed=s)).leaflet
    ]
    assert leaflets
    labels = leaflets[0].labels
    assert (labels.kind, labels.outcome, labels.ico_signposted) == ("other", None, True)


def test_citer_records_only_what_the_text_keeps():
    citer = Citer(random.Random(1), "FOIA")
    kept = citer.many(("s31(1)(a)", "s31(1)(b)"))
    citer.one("s43(2)")  # written, then not used
    text = f"Exempt under {kept}."
    assert citer.cited_in(text) == ("FOIA s31(1)(a)", "FOIA s31(1)(b)")
    assert "31" in citer.resolve(text) and "\x00" not in citer.resolve(text)


def test_unknown_kinds_and_missing_outcomes_are_refused():
    with pytest.raises(ValueError):
        letter("memo")
    with pytest.raises(ValueError):
        letter("response", None)
    assert "other" in LETTER_KINDS
