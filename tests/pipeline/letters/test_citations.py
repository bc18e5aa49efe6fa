"""Citation parsing: lists, continuations, regimes, boilerplate and negation."""

from __future__ import annotations

import pytest

from pipeline.letters.citations import find_citations, letter_regime

NOWHERE = 10**9  # no rights block


def relied(text: str, regime: str = "FOIA") -> list[str]:
    return [c.citation for c in find_citations(text, regime, NOWHERE) if c.relied_on]


@pytest.mark.parametrize(
    ("text", "regime", "expected"),
    [
        (
            "withheld under sections 40(2), 41 and 43(2)",
            "FOIA",
            ["FOIA s40(2)", "FOIA s41", "FOIA s43(2)"],
        ),
        ("exempt by virtue of s.31(1)(a) and (b)", "FOIA", ["FOIA s31(1)(a)", "FOIA s31(1)(b)"]),
        ("sections 30(b)(ii) and (c) of FOISA", "FOISA", ["FOISA s30(b)(ii)", "FOISA s30(c)"]),
        ("section 36(2)(b)(i) and (ii) apply", "FOIA", ["FOIA s36(2)(b)(i)", "FOIA s36(2)(b)(ii)"]),
        ("s40(2) FOIA", "FOIA", ["FOIA s40(2)"]),
        ("section 40 (2) of the Act", "FOIA", ["FOIA s40(2)"]),
        ("Section 40(5B) applies", "FOIA", ["FOIA s40(5B)"]),
        ("regulation 12(5)(e)", "EIR", ["EIR reg12(5)(e)"]),
        ("Reg. 12(4)(e) applies", "EIR", ["EIR reg12(4)(e)"]),
        ("regulations 12(4)(e) and 12(5)(b)", "EIR", ["EIR reg12(4)(e)", "EIR reg12(5)(b)"]),
        ("section 38(1)(b) of FOISA", "FOIA", ["FOISA s38(1)(b)"]),
        ("sections 21 to 44", "FOIA", ["FOIA s21", "FOIA s44"]),
        ("exempt under 40(2)", "FOIA", ["FOIA s40(2)"]),
    ],
)
def test_citation_lists_expand(text: str, regime: str, expected: list[str]) -> None:
    assert relied(text, regime) == expected


def test_same_digits_read_by_the_letter_regime() -> None:
    assert relied("exempt under section 40", "FOISA") == ["FOISA s40"]


def test_section_in_an_eir_letter_is_foia() -> None:
    assert relied("section 39 applies and we have used the EIR instead", "EIR") == ["FOIA s39"]


def test_hours_after_a_section_are_not_a_section() -> None:
    assert relied("section 12 and 18 hours of work") == ["FOIA s12"]


def test_rights_block_provisions_are_not_relied_on() -> None:
    assert relied("complain under section 50 of the Act; see section 1 and section 17") == []


def test_negated_provision_is_not_relied_on() -> None:
    assert relied("section 27(1) cannot be relied on", "FOISA") == []


def test_regulation_5_3_is_the_redirect_not_the_time_limit() -> None:
    assert relied("excluded by regulation 5(3) and answered within regulation 5(2)", "EIR") == [
        "EIR reg5(3)"
    ]


def test_bare_section_after_its_subsection_is_the_same_citation() -> None:
    assert relied("exempt under section 30(1)(a). Section 30 is qualified.") == ["FOIA s30(1)(a)"]


def test_citations_after_the_rights_start_are_not_relied_on() -> None:
    text = "We rely on section 43(2). If you are unhappy, see section 21."
    citations = find_citations(text, "FOIA", text.index("If you"))
    assert [(c.citation, c.relied_on) for c in citations] == [
        ("FOIA s43(2)", True),
        ("FOIA s21", False),
    ]


def test_evidence_span_indexes_the_text() -> None:
    text = "The names are exempt under s.40(2) FOIA."
    citation = find_citations(text, "FOIA", NOWHERE)[0]
    assert text[citation.evidence.start : citation.evidence.end] == "s.40(2)"


@pytest.mark.parametrize(
    ("text", "regime"),
    [
        ("Freedom of Information (Scotland) Act 2002", "FOISA"),
        ("apply to the Scottish Information Commissioner", "FOISA"),
        ("handled under the Environmental Information Regulations 2004", "EIR"),
        ("exception at regulation 12(5)(e)", "EIR"),
        ("under the Freedom of Information Act 2000", "FOIA"),
    ],
)
def test_letter_regime(text: str, regime: str) -> None:
    assert letter_regime(text)[0] == regime
