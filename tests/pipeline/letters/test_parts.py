"""Dates, references, WDTK ids, regulators and review-outcome wording, one fact per test."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.letters import analyse_letter
from pipeline.letters.dates import find_dates, letter_date
from pipeline.letters.references import references, regulator, regulator_case_refs, wdtk_request_id
from pipeline.letters.text import clean


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31 January 2019", date(2019, 1, 31)),
        ("31st Jan 2019", date(2019, 1, 31)),
        ("Thursday 31 January 2019", date(2019, 1, 31)),
        ("January 31, 2019", date(2019, 1, 31)),
        ("31/01/2019", date(2019, 1, 31)),
        ("31.01.19", date(2019, 1, 31)),
        ("2019-01-31", date(2019, 1, 31)),
    ],
)
def test_date_forms(text: str, expected: date) -> None:
    assert [d.value for d in find_dates(text)] == [expected]


def test_impossible_date_is_ignored() -> None:
    assert find_dates("31/02/2019") == []


def test_letter_date_prefers_a_date_line() -> None:
    text = "Your request of 3 May 2024\nDate: 10 May 2024\n\nDear Sir,\n"
    assert letter_date(text).value == date(2024, 5, 10)  # type: ignore[union-attr]


def test_letter_date_is_none_without_a_standalone_date() -> None:
    assert letter_date("Dear Sir,\n\nThank you for your request of 3 May 2024.") is None


def test_masked_wdtk_address_gives_the_request_id() -> None:
    assert wdtk_request_id("Email: [FOI #912345 email]").value == 912345


def test_wdtk_address_gives_the_request_id() -> None:
    assert wdtk_request_id("request-540577-0449ba39@whatdotheyknow.com").value == 540577


def test_no_wdtk_address_is_none() -> None:
    assert wdtk_request_id("Dear Sir").value is None


def test_your_and_our_references() -> None:
    found = references("Your ref: CAF 18-172\nOur ref: Gov/CAF 18-172\n")
    assert [(r.role, r.value) for r in found] == [
        ("yours", "CAF 18-172"),
        ("ours", "Gov/CAF 18-172"),
    ]


def test_bare_foi_code_is_a_reference() -> None:
    assert [r.value for r in references("Re: FOI/22/1034 parking")] == ["FOI/22/1034"]


def test_regulator_case_references() -> None:
    text = "See FS50123456, FER0449366, IC-123456-A1B2, EA/2019/0123 and Decision 089/2007."
    assert [r.value for r in regulator_case_refs(text)] == [
        "FS50123456", "FER0449366", "IC-123456-A1B2", "EA/2019/0123", "Decision 089/2007",
    ]  # fmt: skip


def test_scottish_commissioner_is_the_sic() -> None:
    assert regulator("apply to the Scottish Information Commissioner")[1] == "SIC"


def test_clean_keeps_offsets() -> None:
    text = "see [Section 16](#) and <sup>1</sup> **now**"
    assert len(clean(text)) == len(text)


REVIEW = "Dear Ms Ward,\n\nInternal review: FOI 1\n\nI have completed the internal review. {}\n"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The original decision is therefore upheld.", "upheld"),
        ("Your complaint is upheld and the report is attached.", "overturned"),
        ("Your complaint is not upheld.", "upheld"),
        ("I have decided to partially uphold your complaint.", "partly_upheld"),
        ("I have decided to overturn the original decision.", "overturned"),
        (
            "The reviewer can either uphold or overturn the decision. The decision is upheld.",
            "upheld",
        ),
    ],
)
def test_review_outcome_wording(sentence: str, expected: str) -> None:
    assert analyse_letter(REVIEW.format(sentence)).review_outcome.value == expected


def test_rights_block_review_offer_does_not_make_a_review_letter() -> None:
    text = (
        "Dear Sir,\n\nWe do not hold the information.\n\n"
        "If you are unhappy you may request an internal review. You may complain to the ICO."
    )
    analysis = analyse_letter(text)
    assert (analysis.kind.value, analysis.internal_review_offered.value) == ("response", True)


def test_text_beyond_the_letter_limit_is_not_read() -> None:
    from pipeline.letters.analyse import MAX_LETTER_CHARS

    text = "Dear Sir,\n\n" + "x " * MAX_LETTER_CHARS + "\n\nWe do not hold the information."
    assert analyse_letter(text).outcome.value is None


QUOTED_CHAIN = """Dear Mr Benjamin

Please find attached our response.

Regards,
FOI team

--------------------------------------------------------------------------

Dear Despatch Box,

MHCLG has not cited section 12 and I expect the information is withheld.

Yours sincerely,
"""


def test_quoted_requester_email_under_a_separator_is_not_read() -> None:
    analysis = analyse_letter(QUOTED_CHAIN)
    # A cover note whose attachment carries the answer is an enclosure cover: ``other``
    # (LABELS.md); the quoted requester's e-mail below it must add no outcome or provision.
    assert (analysis.kind.value, analysis.outcome.value, analysis.provisions) == (
        "other",
        None,
        [],
    )


def test_original_message_header_ends_the_letter() -> None:
    text = "Dear Sir,\n\nWe hold the report and enclose it.\n\n-----Original Message-----\nFrom: x\nI ask for section 40(2) data."
    assert analyse_letter(text).provisions == []


def test_section_of_another_act_is_not_an_foi_citation() -> None:
    text = "Dear Sir,\n\nThe override is made under section 21 of the Local Government Act 2003."
    assert analyse_letter(text).citations == []
