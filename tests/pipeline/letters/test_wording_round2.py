"""Round 2 phrase families (issue 14 item 3), each tried on several invented letters.

Each family is written as the general ways UK FOI offices put a thing, not as any one letter's
sentence; every case below was written for this test and none is real text. Each family is
tried in several wordings so that a rule fitting one sentence would fail the others.
"""

from __future__ import annotations

import pytest

from pipeline.letters import analyse_letter

RIGHTS = (
    "If you remain unhappy you may complain to the Information Commissioner, who can be "
    "contacted at Wycliffe House, Water Lane, Wilmslow."
)
REVIEW_OPENING = (
    "Dear Requester,\n\nI have now completed the internal review you asked for on 2 March "
    "about our reply on library opening hours.\n\n"
)


def review(body: str) -> str | None:
    analysis = analyse_letter(f"{REVIEW_OPENING}{body}\n\n{RIGHTS}\n\nYours sincerely\nReviewer")
    assert analysis.kind.value == "internal_review_response"
    return analysis.review_outcome.value


@pytest.mark.parametrize(
    "body",
    [
        # the request was dealt with right
        "Having read the papers, I consider that the team dealt with your request correctly.",
        "My view is that the directorate handled your original request appropriately.",
        "I find that the service responded to your enquiry properly and within time.",
        # the earlier answer was correct
        "I have concluded that the initial response you received was correct.",
        "In my view the original decision was justified and I see nothing to add.",
        "The earlier refusal was reasonable in the circumstances.",
        # entitled to rely on the ground
        "The trust was entitled to rely on section 43 for the contract prices.",
        "I find the board was entitled to refuse the request on grounds of cost.",
        # the ground was rightly engaged
        "Section 31 was correctly engaged and the public interest favours withholding.",
        "The exception has been appropriately relied upon in this case.",
        # nothing to change
        "I can see no reason to change the answer you were given.",
        "There are no grounds for altering the decision reached by the team.",
        "I do not find any basis to overturn the earlier decision.",
        # the reviewer keeps the decision
        "I am therefore upholding the college's original decision.",
        "The authority maintains its reliance on section 40(2) for the names.",
        "We stand by the original position set out in our letter.",
        "I am content that the searches made were sufficient.",
        "I concur with the approach the team took.",
        "I do not uphold your request for an internal review.",
    ],
)
def test_reviews_that_keep_the_decision_are_upheld(body: str) -> None:
    assert review(body) == "upheld"


@pytest.mark.parametrize(
    "body",
    [
        "I partially uphold your request for review: the list of sites is now attached, and "
        "the remaining names stay withheld under section 40(2).",
        "I am upholding the original decision in part. Some further information is now "
        "provided below.",
    ],
)
def test_partly_upheld_still_wins_over_the_upheld_family(body: str) -> None:
    assert review(body) == "partly_upheld"


@pytest.mark.parametrize(
    "body",
    [
        "I have found that the exemption was not correctly applied, and the report is now "
        "released in full.",
        "I do not agree that the request was handled correctly; the exemption does not apply "
        "and the figures should now be disclosed.",
    ],
)
def test_a_reversal_is_not_read_as_upheld(body: str) -> None:
    assert review(body) == "overturned"


def outcome(body: str) -> str | None:
    text = (
        "Dear Requester,\n\nThank you for your request about pothole repairs.\n\n"
        f"{body}\n\n{RIGHTS}\n\nYours sincerely\nInformation Officer"
    )
    analysis = analyse_letter(text)
    assert analysis.kind.value == "response"
    return analysis.outcome.value


@pytest.mark.parametrize(
    "body",
    [
        # staff time
        "Answering this would need a considerable amount of staff time across four depots, "
        "so we are refusing the request.",
        "The amount of officer time needed to read every file would go well beyond what the "
        "regulations allow, and we will not be complying with this request.",
        "Gathering these records would take a substantial amount of officer hours.",
        # the limit as a threshold or costs limit
        "Reviewing each case by hand would take us over the 18 hour threshold.",
        "To do so would exceed the appropriate costs limit set by the Fees Regulations.",
        "We estimate the work would go past the time threshold for such requests.",
        # the tasks named, then would exceed
        "Locating, retrieving and extracting the job sheets would exceed the limit set for "
        "requests of this kind.",
        "Identifying which complaints concern drainage would far exceed the amount we may spend.",
    ],
)
def test_cost_refusals_in_other_words(body: str) -> None:
    assert outcome(body) == "cost_limit"


@pytest.mark.parametrize(
    "body",
    [
        "There were 41 repairs in 2022. Records before 2022 are not held, as the depot's "
        "system was replaced.",
        "Question 1: there have been 7 claims this year.\nQuestion 2: we do not hold this "
        "information.",
        "Repairs by year:\n2020/21 - 310\n2021/22 - 295\nWe do not hold figures for the years "
        "before the contract began.",
        "Repairs by year:\n2019: 88\n2020: 91\nThe cost of each repair is not recorded.",
    ],
)
def test_some_figures_given_and_the_rest_not_held_is_partly_withheld(body: str) -> None:
    assert outcome(body) == "partly_withheld"


@pytest.mark.parametrize(
    "body",
    [
        "There were 12 repairs in 2023. To break them down by street for part 2 of your "
        "request would exceed the cost limit.",
        "We held 5 contracts last year. In relation to the remaining part of your request, "
        "finding the invoices would exceed the appropriate limit under section 12.",
    ],
)
def test_one_part_refused_on_cost_beside_an_answer_is_partly_withheld(body: str) -> None:
    assert outcome(body) == "partly_withheld"


@pytest.mark.parametrize(
    "body",
    [
        "We do not hold this information. There were 2 working days between the request and "
        "this reply.",
        "We do not hold a record of repairs before 1998.",
    ],
)
def test_counts_of_days_or_dates_are_not_answers(body: str) -> None:
    assert outcome(body) == "not_held"


def test_a_whole_request_refused_on_staff_time_with_figures_volunteered_is_cost_limit() -> None:
    body = (
        "There were 300 repairs last year. To say which were on which street would need a "
        "disproportionate amount of staff time, so the request is refused under section 12."
    )
    assert outcome(body) == "cost_limit"


def letter(body: str) -> str:
    return (
        "Dear Requester,\n\nRequest reference 77-B\n\nThank you for your request received on "
        f"9 May.\n\n{body}\n\n{RIGHTS}\n\nYours sincerely\nRecords Officer"
    )


def reviewed(body: str) -> str:
    return f"Dear Requester,\n\nReview reference R-77\n\n{body}\n\n{RIGHTS}\n\nYours sincerely\nReviewer"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # itemised answers: one item stated, another refused -> partly withheld
        (
            letter("Our answers:\n\na) The scheme was last revised in 2021.\nb) The names of "
            "the assessors are exempt under section 40(2)."),
            ("response", "partly_withheld"),
        ),
        (
            letter("1. The trust received 130 bids in 2022.\n2. Answering this item would mean "
            "opening every bid, which would exceed the 18 hour limit, so we cannot answer it."),
            ("response", "partly_withheld"),
        ),
        (
            letter("A.1 Yes, the depot opens on Sundays.\nA.2 We do not hold a log of visitors."),
            ("response", "partly_withheld"),
        ),
        # free-form answers under a heading
        (
            letter("In response to your questions:\n\n1. The scheme was last revised in 2021.\n"
            "2. It is run by the estates team.\n3. Yes, it covers every site."),
            ("response", "granted_in_full"),
        ),
        # the requester's items quoted back are not answers
        (
            letter("You asked:\n1. 'Copies of every invoice paid to the firm in 2020.'\n\nThis "
            "information is exempt under section 43(2) as commercially sensitive."),
            ("response", "withheld_in_full"),
        ),
        (
            letter("Having checked with each department, no information within the scope of "
            "your request was found."),
            ("response", "not_held"),
        ),
        # an annex headed as one is an enclosure
        (
            "Appendix 2\n\nHow exemptions work\n\nSection 43 covers trade secrets and "
            "information whose release would be likely to prejudice commercial interests.",
            ("other", None),
        ),
    ],
)
def test_itemised_and_enclosed(text: str, expected: tuple[str, str | None]) -> None:
    analysis = analyse_letter(text)
    assert (analysis.kind.value, analysis.outcome.value) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The review has now been concluded. I have looked at the estimate and the work "
            "would go beyond the appropriate limit, so the original decision should stand.",
            ("internal_review_response", "cost_limit", "upheld"),
        ),
        (
            "Following the review, the reviewing officer found that the board had handled the "
            "request in accordance with the Act and was right to withhold the plans under "
            "section 38.",
            ("internal_review_response", "withheld_in_full", "upheld"),
        ),
        (
            "I have considered your request for an internal review. I have decided that section "
            "30 applies and the file should continue to be withheld.",
            ("internal_review_response", "withheld_in_full", "upheld"),
        ),
        (
            "Having reviewed the case, I am of the view that the answer you received was the "
            "correct one: we do not hold the survey.",
            ("internal_review_response", "not_held", "upheld"),
        ),
        (
            "I have completed the review. The original reply should have given you the totals, "
            "and I am sorry it did not. They are set out below.\n\n2021: 40\n2022: 52",
            ("internal_review_response", "granted_in_full", "overturned"),
        ),
        (
            "I have completed the internal review. Some of the material held back earlier can "
            "now be released and is attached; the rest stays exempt under section 40(2).",
            ("internal_review_response", "partly_withheld", "partly_upheld"),
        ),
    ],
)
def test_review_letters_in_other_words(body: str, expected: tuple[str, str, str]) -> None:
    analysis = analyse_letter(reviewed(body))
    got = (analysis.kind.value, analysis.outcome.value, analysis.review_outcome.value)
    assert got == expected


def test_what_a_review_is_for_finds_nothing() -> None:
    body = (
        "The purpose of a review is to decide whether the original response was correct. "
        "I have not yet been able to reach a view and will write again."
    )
    assert analyse_letter(reviewed(body)).review_outcome.value is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thank you for asking us to review our reply, which we received on 8 June. We aim to "
            "send you the outcome by 6 July.\n\nRecords Team",
            ("acknowledgement", None),
        ),
        (
            letter("Further to our e-mail of 1 June explaining that we needed more time, we are "
            "still working on your request and hope to reply by 20 June."),
            ("other", None),
        ),
        (
            letter("We have not yet been able to gather all of the records from the archive; we "
            "will write again next week."),
            ("other", None),
        ),
        (
            letter("As it stands the request covers every school. If you could narrow it to one "
            "year group, we can carry on."),
            ("clarification_request", None),
        ),
        (
            letter("The Board holds the information. The total paid to the consultants over the "
            "two years came to £8,200."),
            ("response", "granted_in_full"),
        ),
        (
            letter("We cannot comply, as checking each claim form would take roughly 60 hours."),
            ("response", "cost_limit"),
        ),
        (
            letter("Finding the e-mails would mean around 30 hours of officer time, which is more "
            "than we are required to spend."),
            ("response", "cost_limit"),
        ),
    ],
)
def test_receipts_delays_narrowing_and_plain_answers(
    text: str, expected: tuple[str, str | None]
) -> None:
    analysis = analyse_letter(text)
    assert (analysis.kind.value, analysis.outcome.value) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Complying would exceed the appropriate limit under section 12. Although we are not "
        "obliged to, we have answered the first part of your request to be helpful: the total "
        "for last year is 52.",
        "The request is refused under section 12, as the cost limit would be exceeded. On a "
        "discretionary basis, the figure for the first part of your request is 17.",
    ],
)
def test_figures_volunteered_beside_a_whole_cost_refusal_stay_cost_limit(body: str) -> None:
    assert outcome(body) == "cost_limit"


def test_the_public_interest_in_maintaining_an_exemption_is_not_a_review_finding() -> None:
    text = letter(
        "I have concluded that the plans are exempt under section 38. Having weighed the public "
        "interest, it favours maintaining the exemption."
    )
    assert analyse_letter(text).review_outcome.value is None
