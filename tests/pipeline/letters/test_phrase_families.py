"""The phrase families behind kind and outcome, each on invented letters (no real text).

Every case is written for this test in the way UK FOI offices word such letters in general;
none is a sentence of a real letter.
"""

from __future__ import annotations

import pytest

from pipeline.letters import analyse_letter
from pipeline.letters.reading import decisive, is_hypothetical, reading_spans

RIGHTS = "If you are unhappy with the way we have handled your request you may ask for an internal review. If you remain dissatisfied you may complain to the Information Commissioner."


def read(text: str) -> tuple[str, str | None]:
    analysis = analyse_letter(text)
    return analysis.kind.value, analysis.outcome.value


@pytest.mark.parametrize(
    "body",
    [
        "We acknowledge receipt of your request for information about road gritting. We will aim to respond by 12 March.",
        "This is an automated reply to confirm that your e-mail has reached the FOI inbox.",
        "Thank you for your request. The Parish Council has twenty working days to respond.",
        "Your request was received by the Borough Council on 3 May. A reply should reach you within the statutory period, unless the information is exempt.",
        "We confirm receipt of your e-mail and will be in touch in due course.",
        "Your request has been logged under reference ABC-123 and will be dealt with under the Act.",
        "Please find attached our acknowledgement of your request.",
        "Your request has been passed to our housing team, who will respond to you directly. Please see attached our leaflet about how we handle requests.",
    ],
)
def test_receipts_and_promised_answers_are_acknowledgements(body: str) -> None:
    assert read(f"Dear Requester,\n\n{body}\n\nYours sincerely\nFOI Officer") == (
        "acknowledgement",
        None,
    )


def test_an_acknowledgement_whose_small_print_mentions_exemptions_decides_nothing() -> None:
    text = "Dear Requester,\n\nThank you for your request, received on 2 June. It is being processed and you will receive a response within 20 working days. If any exemptions apply the information will be withheld and you will be told why. Where we do not hold the information we will say so.\n\nYours sincerely"
    assert read(text) == ("acknowledgement", None)


@pytest.mark.parametrize(
    "body",
    [
        "Before going further, could you please specify the dates you are interested in?",
        "We need to ask for clarification: what do you mean by 'incidents'?",
        "Could you please specify which depots you are interested in?",
    ],
)
def test_requests_to_narrow_are_clarifications(body: str) -> None:
    assert read(f"Dear Requester,\n\n{body}\n\nKind regards") == ("clarification_request", None)


@pytest.mark.parametrize(
    "body",
    [
        "Your e-mail of 4 April has been treated as a request for an internal review.",
        "I have now completed the internal review of our handling of your request.",
        "Having gone through the file, I agree with the original decision.",
    ],
)
def test_review_letters_say_so(body: str) -> None:
    assert analyse_letter(f"Dear Requester,\n\n{body}\n\nYours").kind.value == (
        "internal_review_response"
    )


def test_acknowledging_a_review_request_is_an_acknowledgement() -> None:
    text = "Dear Requester,\n\nWe acknowledge receipt of your request for an internal review of our response. We aim to reply by 30 June.\n\nRegards"
    assert read(text) == ("acknowledgement", None)


@pytest.mark.parametrize(
    ("body", "review"),
    [
        (
            "I have now completed the internal review. The reasons for refusing the request under section 43 still apply.",
            "upheld",
        ),
        (
            "I have completed my review. I find that the request was dealt with correctly.",
            "upheld",
        ),
        (
            "I have now completed the internal review. I have relied on a different exemption which I consider applies, so the information remains withheld.",
            "partly_upheld",
        ),
    ],
)
def test_review_findings(body: str, review: str) -> None:
    assert analyse_letter(f"Dear Requester,\n\n{body}\n\nYours").review_outcome.value == review


@pytest.mark.parametrize(
    "body",
    [
        "Please find attached our response to your request.",
        "I attach the Council's formal reply.",
    ],
)
def test_cover_notes_are_other(body: str) -> None:
    assert read(f"Dear Requester,\n\n{body}\n\nRegards") == ("other", None)


def test_a_procedure_leaflet_is_other() -> None:
    text = "Requesting a review\n\nThis leaflet explains how to ask us to look again at an answer. A senior officer who took no part in it carries out the review."
    assert read(text)[0] == "other"


def test_a_delay_notice_is_other() -> None:
    text = "Dear Requester,\n\nWe are experiencing high volumes of requests at present and will reply to yours as soon as we can.\n\nRegards"
    assert read(text) == ("other", None)


@pytest.mark.parametrize(
    ("body", "outcome"),
    [
        (
            "Please find attached the figures for 2019 to 2022. We do not hold figures for 2018, as the service began in 2019.",
            "partly_withheld",
        ),
        (
            "A spreadsheet is attached. Some of the data has been withheld under section 40(2), as it would identify individuals.",
            "partly_withheld",
        ),
        (
            "The figures for question 1 are attached. Questions 2 and 3 would exceed the cost limit under section 12, so we cannot answer those parts of your request.",
            "partly_withheld",
        ),
        (
            "We can neither confirm nor deny whether we hold this information, as to find out would exceed the cost limit under section 12(2).",
            "cost_limit",
        ),
        (
            "The cost of retrieving every record would go beyond what the law requires us to spend.",
            "cost_limit",
        ),
        ("Reading every file by hand would take a disproportionate amount of time.", "cost_limit"),
        (
            "It is held for the purposes of journalism, which puts it beyond the reach of the Act.",
            "withheld_in_full",
        ),
        (
            "The report was provided to us in confidence and we are refusing to disclose it.",
            "withheld_in_full",
        ),
        (
            "The Council no longer holds these records, as they were destroyed under our retention schedule.",
            "not_held",
        ),
        (
            "The Act applies only to recorded information, so questions asking for our views are not covered.",
            "advice_and_assistance",
        ),
    ],
)
def test_outcome_families(body: str, outcome: str) -> None:
    assert read(f"Dear Requester,\n\n{body}\n\nYours sincerely")[1] == outcome


def test_a_subject_access_request_as_a_topic_redirects_nothing() -> None:
    text = "Dear Requester,\n\nIn 2022 the Trust received 310 subject access requests; the figures by month are attached.\n\nYours sincerely"
    assert read(text) == ("response", "granted_in_full")


def test_the_requesters_own_data_is_a_redirect() -> None:
    text = "Dear Requester,\n\nThe information you ask for is your own personal data, so it is exempt under section 40(1). You can make a subject access request instead.\n\nYours"
    assert read(text) == ("response", "subject_access_redirect")


def test_hypothetical_sentences() -> None:
    assert is_hypothetical("If any of the exemptions apply we will tell you.")
    assert is_hypothetical("Even if we were required to create it, section 12 would apply.")
    assert is_hypothetical("You should receive it in 20 days unless the information is exempt.")
    assert not is_hypothetical("The information is exempt under section 31(1)(a).")


def test_flattened_pdf_text_keeps_its_decision() -> None:
    """One paragraph, single newlines, ending in the rights block: the decision is still read."""
    text = (
        "Dear Requester\nThank you for your request.\nI can confirm that the Authority does\nnot hold the information you asked for, as no such report was written.\n"
        + RIGHTS
        + "\nYours sincerely\nInformation Team\n"
        + "Address line\n" * 30
    )
    spans = reading_spans(text)
    assert any("not hold" in span.text for span in spans)
    assert not any("Commissioner" in span.text for span in decisive(text, spans))
    assert read(text) == ("response", "not_held")


@pytest.mark.parametrize(
    ("body", "review"),
    [
        (
            "I have now completed the internal review. I have decided not to uphold the original decision, and the report is now released to you in full.",
            "overturned",
        ),
        (
            "I have now completed the internal review. I have decided to uphold the original decision in part: the names stay withheld but the totals are released.",
            "partly_upheld",
        ),
        (
            "I have now completed the internal review. The exemptions applied should be maintained.",
            "upheld",
        ),
    ],
)
def test_more_review_findings(body: str, review: str) -> None:
    assert analyse_letter(f"Dear Requester,\n\n{body}\n\nYours").review_outcome.value == review


def test_manifestly_unreasonable_given_the_history_of_requests_is_vexatious() -> None:
    text = "Dear Requester,\n\nGiven the history of your requests on this subject, we consider this request manifestly unreasonable under regulation 12(4)(b) of the EIR.\n\nYours"
    assert read(text)[1] == "vexatious"


def test_manifestly_unreasonable_on_burden_is_the_cost_limit() -> None:
    text = "Dear Requester,\n\nFinding this would mean reading every file by hand, so the request is manifestly unreasonable under regulation 12(4)(b) of the EIR.\n\nYours"
    assert read(text)[1] == "cost_limit"


def test_regulation_9_2_asks_for_clarification_and_section_16_1_advises() -> None:
    clarify = "Dear Requester,\n\nPlease could you clarify which years you mean? We ask for this under regulation 9(2) of the EIR.\n\nYours"
    advise = "Dear Requester,\n\nThe Act does not require us to answer general questions. Under s16(1) I can explain that the committee decides these matters.\n\nYours"
    assert read(clarify) == ("clarification_request", None)
    assert read(advise) == ("response", "advice_and_assistance")


def test_an_enclosed_leaflet_is_not_disclosure() -> None:
    text = "Dear Requester,\n\nThe information is exempt under section 43(2) of the FOIA. Please see the enclosed leaflet, which explains how to ask for a review.\n\nYours"
    assert read(text) == ("response", "withheld_in_full")
