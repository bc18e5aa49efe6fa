"""Citation parsing: lists, continuations, regimes, boilerplate and negation."""

from __future__ import annotations

import pytest

from pipeline.letters.citations import (
    distinct_citations,
    find_citations,
    find_mentions,
    letter_regime,
)

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


# provisions_cited: every distinct form a letter names (LABELS.md), relied on or not.
def cited(text: str, regime: str = "FOIA", rights_from: int = NOWHERE) -> list[str]:
    return [c.citation for c in distinct_citations(find_mentions(text, regime, rights_from))]


@pytest.mark.parametrize(
    ("text", "regime", "expected"),
    [
        ("refused under s.40(2) and (3)", "FOIA", ["FOIA s40(2)", "FOIA s40(3)"]),
        ("sections 21 and 22 apply", "FOIA", ["FOIA s21", "FOIA s22"]),
        ("under Regulation 13 we withhold names", "EIR", ["EIR reg13"]),
        ("regulation 12(5)(e) is engaged", "EIR", ["EIR reg12(5)(e)"]),
        ("we rely on s 38(1)(b) of FOISA", "FOISA", ["FOISA s38(1)(b)"]),
        ("Under S 2 (3) (a) of the Freedom of Information Act", "FOIA", ["FOIA s2(3)(a)"]),
        ("the duty at Sec 1(1)(b) is to disclose", "FOIA", ["FOIA s1(1)(b)"]),
        ("sections 21 to 24 of the Act", "FOIA", ["FOIA s21", "FOIA s24"]),
        (
            "withheld by virtue of Section 27(1)(a)(b) of the Act",
            "FOIA",
            ["FOIA s27(1)(a)", "FOIA s27(1)(b)"],
        ),
        ("section 36(2)(b)(ii) applies", "FOIA", ["FOIA s36(2)(b)(ii)"]),
        (
            "exempt under sections 24(1)(a) (Security), 42(1) (Privilege) and 44(1) (Prohibitions)",
            "FOIA",
            ["FOIA s24(1)(a)", "FOIA s42(1)", "FOIA s44(1)"],
        ),
    ],
)
def test_cited_forms(text: str, regime: str, expected: list[str]) -> None:
    assert cited(text, regime) == expected


def test_each_distinct_form_is_cited_once_in_order_of_first_mention() -> None:
    text = "We apply section 22(1). Section 22 is qualified. Section 43 too; section 22(1) again."
    assert cited(text) == ["FOIA s22(1)", "FOIA s22", "FOIA s43"]


def test_rights_block_and_negated_mentions_are_cited_but_not_relied_on() -> None:
    text = "Section 30(1) cannot be relied on here. You may complain under section 50."
    assert cited(text) == ["FOIA s30(1)", "FOIA s50"]
    assert relied(text) == []


def test_regulations_in_a_scottish_letter_are_the_eisr() -> None:
    text = "under the exception at regulation 10(5)(f) of the EIRs, as the Commissioner says"
    assert cited(text, "FOISA") == ["EISR reg10(5)(f)"]
    assert cited("regulation 11(2) of the Environmental Information (Scotland) Regulations") == [
        "EISR reg11(2)"
    ]


def test_sections_of_other_laws_are_not_cited() -> None:
    text = (
        "an order under section 35 of the Town and Country Planning Act 1990, and section 7 of "
        "the Data Protection Act 2018, but section 41 of the Act applies"
    )
    assert cited(text) == ["FOIA s41"]


def test_a_postcode_is_not_a_section() -> None:
    assert cited("Town Hall, Leeds, S2 4QR. We rely on s40(2).") == ["FOIA s40(2)"]


def test_a_citation_cut_off_before_its_law_is_not_counted() -> None:
    assert cited("defined in Article 4 and in section 7 of t") == []


def test_a_part_of_the_acts_schedule_is_cited() -> None:
    assert cited("Part VI of Schedule 1 to the Act covers broadcasters") == ["FOIA Sch1 PtVI"]
    assert cited("see Schedule 1, Part 6 of FOIA") == ["FOIA Sch1 PtVI"]
    assert cited("Part 2 of Schedule 3 to the Local Government Act 1972") == []


def test_a_section_quoted_as_legislation_prints_it_is_cited() -> None:
    text = "The Act says:\n\n41.—(1) Information is exempt information if it was obtained"
    assert cited(text) == ["FOIA s41(1)"]


def test_list_numbering_is_not_a_quoted_section() -> None:
    assert cited("Your questions:\n2. (1) how many staff\n3. - how many sites") == []
