"""Round 3 phrase families, second batch (issue 14): cost wordings, a cost ground that covers
part of the answer, the environmental-information switch, the quoted s12-or-s14 duty, holding
letters that need more time, proof of the requester's name, and reconsiderations during an
appeal.

Every case below was written for this test and none is real text. Each family is tried in more
than one wording, beside a near miss that must not fire.
"""

from __future__ import annotations

import pytest

from pipeline.letters import analyse_letter, cues

RIGHTS = (
    "If you are unhappy with this response you may ask for an internal review, and then "
    "complain to the Information Commissioner, Wycliffe House, Water Lane, Wilmslow."
)
SCOTTISH_RIGHTS = (
    "If you are unhappy with this response you may ask us to carry out a review, and then "
    "apply to the Scottish Information Commissioner, Kinburn Castle, St Andrews."
)


def letter(body: str, rights: str = RIGHTS) -> str:
    return f"Dear Applicant,\n\n{body}\n\n{rights}\n\nYours sincerely\nInformation Officer"


def outcome(body: str, rights: str = RIGHTS) -> str | None:
    return analyse_letter(letter(body, rights)).outcome.value


# --- cost: the limit's kind in brackets, the limit "exceeded" after the noun ----------------


@pytest.mark.parametrize(
    "body",
    [
        "Our systems do not allow us to answer all of this within the appropriate (cost) limit "
        "under the Act. As a gesture of goodwill, question 2 is answered below.\n\n"
        "2. The number of vehicles bought in 2021 is 14.",
        "We searched for a while before the fees limit would be exceeded, and as a gesture of "
        "goodwill we give the one figure found: 3 complaints were made in May.",
        "Answering every part of the request would mean the time limit has been exceeded, so "
        "we are refusing the request.",
    ],
)
def test_cost_wordings_refuse_the_whole_request(body: str) -> None:
    assert outcome(body) == "cost_limit"


def test_a_limit_that_is_not_exceeded_is_no_cost_refusal() -> None:
    body = "Please find attached the figures you asked for, which we gathered in a few hours."
    assert outcome(body) == "granted_in_full"


# --- a cost ground named for "some of the information", beside an annex given ----------------


@pytest.mark.parametrize(
    "body",
    [
        "The information we found is contained in Annex A to this letter. We are unable to "
        "provide some of the information you asked for because section 12 of FOISA applies, "
        "as locating the repair costs would exceed the upper cost limit.",
        "Data for 2020 has been supplied at Appendix 1. We cannot give some of the information "
        "for earlier years since section 12(1) applies to it.",
    ],
)
def test_cost_for_some_of_the_information_with_an_annex_is_partly_withheld(body: str) -> None:
    rights = SCOTTISH_RIGHTS if "FOISA" in body else RIGHTS
    assert outcome(body, rights) == "partly_withheld"


@pytest.mark.parametrize(
    ("sentence", "discloses"),
    [
        ("The information you asked for is contained in Annex A.", True),
        ("All the figures found have been supplied at Appendix 2.", True),
        ("Information about your right of review is contained in Annex B.", False),
        ("Details of how to complain are provided in Annex C.", False),
    ],
)
def test_annex_that_holds_the_answer_is_a_disclosure(sentence: str, discloses: bool) -> None:
    assert (cues.DISCLOSE_STRONG.search(sentence) is not None) is discloses


def test_cost_for_the_whole_request_stays_cost_limit_beside_some_of_the_information() -> None:
    body = (
        "Section 12 applies to your request because the cost of compliance would exceed £450. "
        "Some of the information may be published on our website later in the year."
    )
    assert outcome(body) == "cost_limit"


# --- the environmental-information switch (FOIA s39) is not a withholding -------------------


@pytest.mark.parametrize(
    "body",
    [
        "We have handled your request under the EIR, because section 39 of the Freedom of "
        "Information Act exempts environmental information from that Act. Please find attached "
        "the map data you asked for.",
        "Section 39(1) of FOIA means environmental information is dealt with under the "
        "Environmental Information Regulations 2004. I attach a copy of the survey.",
    ],
)
def test_section_39_switch_leaves_a_full_answer_granted(body: str) -> None:
    assert outcome(body) == "granted_in_full"


def test_an_eir_exception_after_the_switch_still_withholds() -> None:
    body = (
        "Section 39 of FOIA means we considered this under the EIR. I attach the survey, but "
        "the names in it have been redacted under regulation 13."
    )
    assert outcome(body) == "partly_withheld"


# --- "relying on a claim that section 12 or section 14 applies": a quoted duty --------------


@pytest.mark.parametrize(
    "body",
    [
        "Locating the records would exceed the appropriate limit under section 12(1). An "
        "authority relying on a claim that section 12 or section 14 applies must give the "
        "applicant a notice stating that fact, and this letter is that notice.",
        "The cost of compliance would exceed £450, so section 12 applies. Where section 14 or "
        "section 12 is relied on, the Act requires a notice; this letter is one.",
    ],
)
def test_quoted_either_ground_duty_is_no_vexatious_refusal(body: str) -> None:
    assert outcome(body) == "cost_limit"


def test_section_14_relied_on_alone_is_vexatious() -> None:
    body = "We consider the request vexatious and are refusing it under section 14(1) of the Act."
    assert outcome(body) == "vexatious"


# --- holding letters that need more time; proof of the requester's name -------------------


@pytest.mark.parametrize(
    "body",
    [
        "Unfortunately we require further time to respond to your request, as we are still "
        "weighing whether section 43(2) applies. We will write again by 10 May.",
        "We need some additional time to respond while the public interest in section 22 is "
        "considered, and aim to reply by the end of the month.",
    ],
)
def test_more_time_needed_is_a_holding_letter(body: str) -> None:
    analysis = analyse_letter(letter(body))
    assert (analysis.kind.value, analysis.outcome.value) == ("other", None)


@pytest.mark.parametrize(
    "body",
    [
        "Section 8(1)(b) of the Act says a request must give the applicant's real name. To "
        "validate your request we will require proof of this name, scanned and e-mailed to us.",
        "Before we can process your request please provide proof of your identity, as the "
        "name given appears to be a pseudonym (section 8(1)(b)).",
    ],
)
def test_proof_of_name_asked_for_is_a_clarification(body: str) -> None:
    assert analyse_letter(letter(body)).kind.value == "clarification_request"


# --- a reconsideration while the appeal to the Commissioner runs ----------------------------


@pytest.mark.parametrize(
    "body",
    [
        "During the course of your appeal we have given further consideration to the papers "
        "withheld under section 33(1)(b) of FOISA, and some of the information previously "
        "withheld can now be released. I enclose it; the rest stays withheld.",
        "During your appeal we reconsidered the redactions. Some of the information previously "
        "withheld under section 30(c) of FOISA will now be released, and a copy is enclosed.",
    ],
)
def test_reconsideration_during_appeal_is_a_partly_upheld_review(body: str) -> None:
    analysis = analyse_letter(letter(body, SCOTTISH_RIGHTS))
    assert (analysis.kind.value, analysis.review_outcome.value) == (
        "internal_review_response",
        "partly_upheld",
    )


def test_an_appeal_merely_mentioned_is_no_review() -> None:
    body = (
        "I attach the report you asked for, in full. We note that during the course of your "
        "appeal on another request we reconsidered nothing in this one."
    )
    assert analyse_letter(letter(body)).kind.value == "response"


# --- a review request acknowledged: the review is still to come ----------------------------


@pytest.mark.parametrize(
    "body",
    [
        "I write about your request for a review of our decision on request 2041, which was "
        "received by the Council on 3 March. A review will now be conducted by a senior officer, "
        "who will write to you with the findings.",
        "Thank you for your request for an internal review, which was received on 9 June. We aim "
        "to complete internal reviews within 20 working days and will write to you then.",
    ],
)
def test_review_request_received_is_an_acknowledgement(body: str) -> None:
    assert analyse_letter(letter(body)).kind.value == "acknowledgement"


def test_review_carried_out_is_a_review_response() -> None:
    body = (
        "Your request for a review was received on 3 March. I have now completed the internal "
        "review and I uphold the original decision to withhold the report under section 43(2)."
    )
    assert analyse_letter(letter(body)).kind.value == "internal_review_response"


# --- an overturned review: the part "some of the information" is the earlier response's ----


def test_overturned_review_recounting_a_partial_answer_is_granted() -> None:
    body = (
        "I was not involved in the original decision. We responded to your request on 2 May, "
        "providing some of the information and withholding the rest under section 43(2). I have "
        "decided not to uphold that decision, and the information is now released to you. "
        "Copies are enclosed with this letter."
    )
    analysis = analyse_letter(letter(body))
    assert (analysis.review_outcome.value, analysis.outcome.value) == (
        "overturned",
        "granted_in_full",
    )


def test_overturned_review_that_itself_keeps_part_back_is_partly_withheld() -> None:
    body = (
        "I was not involved in the original decision. I have decided not to uphold it, and the "
        "report is now released to you, although some of the information in it has been "
        "redacted under section 40(2) as personal data."
    )
    analysis = analyse_letter(letter(body))
    assert analysis.outcome.value == "partly_withheld"


# --- a labelled answer line ("Our response: ...") beside a refused part --------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Our response: The officers responsible are the Head of Parks and the Ranger Manager.",
        "Answer: The total spent was £4,120 in 2023/24.",
    ],
)
def test_labelled_answer_beside_a_refused_part_is_partly_withheld(answer: str) -> None:
    body = (
        "Our response to each part of your request is below.\n\n"
        f"Question 1: Who is responsible for the parks?\n\n{answer}\n\n"
        "Question 2: Please provide the staff rota.\n\n"
        "Our response: This part of your request is refused under section 40(2), as the rota "
        "names junior staff."
    )
    assert analyse_letter(letter(body)).outcome.value == "partly_withheld"


def test_labelled_refusals_alone_withhold_in_full() -> None:
    body = (
        "Question 1: Please provide the staff rota.\n\n"
        "Our response: This part of your request is refused under section 40(2).\n\n"
        "Question 2: Please provide the home addresses of the rangers.\n\n"
        "Our response: We cannot provide this, as it is exempt under section 40(2)."
    )
    assert analyse_letter(letter(body)).outcome.value == "withheld_in_full"


@pytest.mark.parametrize(
    ("sentence", "discloses"),
    [
        ("The information is provided below.", True),
        ("The figures you asked for are set out as follows.", True),
        ("Details of how to complain are set out below.", False),
    ],
)
def test_information_provided_below_is_a_disclosure(sentence: str, discloses: bool) -> None:
    assert (cues.DISCLOSE_STRONG.search(sentence) is not None) is discloses
