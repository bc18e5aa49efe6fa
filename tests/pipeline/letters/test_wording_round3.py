"""Round 3 phrase families (issue 14): wordings met in development letters gathered beyond the
real-dev file, each tried on several invented letters.

Every case below was written for this test and none is real text. Each family is tried in more
than one wording, and beside a near miss that must not fire, so that a rule fitting one
sentence would fail the others.
"""

from __future__ import annotations

import pytest

from pipeline.letters import analyse_letter

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


def cited(body: str, rights: str = RIGHTS) -> list[str]:
    return analyse_letter(letter(body, rights)).provisions_cited


# --- provisions: lists set out as bullets, or with each item's name after it -------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "I enclose some of the papers. We cannot provide the rest because the following "
            "exemptions under sections:\n\n  • 38(1)(b) (personal data of a third party)\n"
            "  • 30(c) (the effective conduct of public affairs)\n\nof FOISA apply to it.",
            ["FOISA s38(1)(b)", "FOISA s30(c)"],
        ),
        (
            "Some notes are withheld because an exemption under sections;\n\n"
            "  • 29(1)(b) (Ministerial communications),\n"
            "  • 33(1)(b) (disclosure would (or would be likely to) harm a company),\n"
            "  • 36(1) (confidentiality in legal proceedings)\n\nof FOISA applies.",
            ["FOISA s29(1)(b)", "FOISA s33(1)(b)", "FOISA s36(1)"],
        ),
        (
            "Parts of the file are withheld as exemptions under sections 38(1)(b) names of "
            "junior staff; 30(b)(i) free and frank advice; 27(1) material due for publication, "
            "of FOISA apply.",
            ["FOISA s38(1)(b)", "FOISA s30(b)(i)", "FOISA s27(1)"],
        ),
    ],
)
def test_bulleted_and_named_lists_are_read_in_full(body: str, expected: list[str]) -> None:
    assert cited(body, SCOTTISH_RIGHTS) == expected


def test_a_numbered_paragraph_after_a_citation_is_not_a_list_item() -> None:
    body = "The figures are withheld under section 43(2).\n\n3. The contract ends in May."
    assert cited(body) == ["FOIA s43(2)"]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("an exemption under section 33 1(b) of FOISA applies", ["FOISA s33(1)(b)"]),
        (
            "exemptions under sections 33(1)b and 38(1)b of FOISA apply",
            ["FOISA s33(1)(b)", "FOISA s38(1)(b)"],
        ),
        ("re-use is governed by section 11a of the Freedom of Information Act", ["FOIA s11A"]),
        ("we applied exemption 38(1)(b) to the names", ["FOISA s38(1)(b)"]),
    ],
)
def test_typed_forms_of_a_provision(phrase: str, expected: list[str]) -> None:
    assert cited(f"Some information is withheld: {phrase}.", SCOTTISH_RIGHTS) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Finance SEC 2 (Budgets) sent the figures, which are attached.",
        "Extracts may be used under the Copyright, Designs and Patents Act 1988 (sections 29 "
        "and 30) for private study.",
        "Your records were disclosed to you under the Data Protection Act 2018 (section 45).",
        "All of the report is attached apart from section 6 which remains redacted.",
        "The attached policy is complete except for section 4, which has been removed.",
    ],
)
def test_what_is_not_one_of_our_provisions(body: str) -> None:
    assert not any(c.startswith(("FOIA", "FOISA")) for c in cited(body))


def test_our_own_act_named_first_still_counts() -> None:
    body = "The leaflet is on our website (Freedom of Information Act 2000 (section 21) applies)."
    assert "FOIA s21" in cited(body)


def test_a_sec_abbreviation_still_counts() -> None:
    assert cited("The costs are withheld under Sec. 43 of the Act.") == ["FOIA s43"]


def test_an_item_of_a_list_of_exemptions_is_not_a_document_heading() -> None:
    body = (
        "I have disclosed some of the information; the rest is withheld by virtue of the "
        "following exemptions:\nSection 8 – determining whether a request is valid\n"
        "Section 21(1) – information accessible by other means"
    )
    assert cited(body) == ["FOIA s8", "FOIA s21(1)"]


def test_a_heading_of_the_letters_own_sections_is_still_no_provision() -> None:
    body = "Section 2: Background\n\nThe attached table gives the figures you asked for."
    assert cited(body) == []


@pytest.mark.parametrize(
    "phrase",
    [
        "regulation 10(4)(e) of the EIRs",
        "an exception under regulation 10(4)(e) (internal communications) of the EIRs",
    ],
)
def test_regulations_in_a_scottish_environmental_letter_are_the_eisr(phrase: str) -> None:
    body = (
        "As this is environmental information we have dealt with it under the Environmental "
        f"Information (Scotland) Regulations 2004 (EIRs). Some notes are withheld under {phrase}."
    )
    assert "EISR reg10(4)(e)" in cited(body)


# --- the review duty's own verdicts ------------------------------------------------------

SCOTTISH_REVIEW = (
    "Further to my letter of 3 May, I have now completed my review of our response to your "
    "request about the ferry timetable.\n\n{verdict}\n\nSome figures remain withheld under "
    "section 33(1)(b) of FOISA."
)


@pytest.mark.parametrize(
    ("verdict", "expected"),
    [
        (
            "I have concluded that the original decision should be confirmed, with modifications.",
            "partly_upheld",
        ),
        (
            "My conclusion is that the original response is confirmed with some modifications.",
            "partly_upheld",
        ),
        (
            "I have concluded that the original decision should be confirmed without modification.",
            "upheld",
        ),
        (
            "I have decided that the original decision should be confirmed, without any modifications.",
            "upheld",
        ),
        ("I have concluded that a different decision should be substituted.", "overturned"),
        ("I am substituting a different decision, set out below.", "overturned"),
    ],
)
def test_scottish_review_verdicts(verdict: str, expected: str) -> None:
    analysis = analyse_letter(letter(SCOTTISH_REVIEW.format(verdict=verdict), SCOTTISH_RIGHTS))
    assert analysis.kind.value == "internal_review_response"
    assert analysis.review_outcome.value == expected


def test_the_review_duty_described_decides_nothing() -> None:
    body = (
        "You requested a review of our handling of your request. I have been asked to decide "
        "whether the original response should be confirmed, with or without modifications, "
        "or a fresh decision should be substituted.\n\nI have concluded that the original "
        "decision should be confirmed, with modifications: the table is now released."
    )
    analysis = analyse_letter(letter(body, SCOTTISH_RIGHTS))
    assert analysis.review_outcome.value == "partly_upheld"


def test_a_substituted_decision_that_still_withholds_is_not_a_full_release() -> None:
    body = (
        "I have now completed my review. I have concluded that a different decision should be "
        "substituted. Some of the information should be released and is attached; section "
        "38(1)(b) of FOISA still applies to the names of junior staff."
    )
    analysis = analyse_letter(letter(body, SCOTTISH_RIGHTS))
    assert analysis.review_outcome.value == "overturned"
    assert analysis.outcome.value == "partly_withheld"


# --- receipts, answers, clarifications, holding notes, leaflets and annexes --------------


@pytest.mark.parametrize(
    "body",
    [
        "I write in connection with your request for information which was received on 3 May "
        "2024. Please accept my apologies for the delay in providing this response.\n\n"
        "Response: the force does not use the software named in your request.",
        "I respond in connection with your request for information dated 3 May which was "
        "received by the force on the same date. I note you seek access to the following "
        "information: the rota for the custody suite.",
        "Your request was received on 4 June. Our response is set out below.\n\n1. Two "
        "officers are assigned to the unit.",
    ],
)
def test_a_letter_that_confirms_receipt_and_then_answers_is_a_response(body: str) -> None:
    assert analyse_letter(letter(body)).kind.value == "response"


def test_a_receipt_that_promises_the_answer_is_still_an_acknowledgement() -> None:
    body = (
        "I write in connection with your request for information which was received on 3 May. "
        "Your request will now be considered and you will receive a response within 20 "
        "working days."
    )
    assert analyse_letter(letter(body)).kind.value == "acknowledgement"


def test_the_requesters_quoted_question_is_no_request_for_clarification() -> None:
    body = (
        "Freedom of Information Request Reference No: 99/24\nI write in connection with your "
        'request received on 3 May. I note you seek access to:\n\n* "I understand the unit '
        'keeps a rota.\nCould you please provide me with copies for April?"\n\nYour request '
        "will now be considered. You will receive a response within 20 working days."
    )
    assert analyse_letter(letter(body)).kind.value == "acknowledgement"


@pytest.mark.parametrize(
    "body",
    [
        "In order to process this request I would appreciate it if you could let me know "
        "which years the figures should cover. Wider periods will invoke section 12 of the "
        "Act, which allows a request to be refused on cost.",
        "I would be grateful if you could confirm which sites you mean before we can proceed. "
        "A request covering every site would be likely to exceed the cost limit (section 12).",
    ],
)
def test_a_question_asked_first_with_a_warning_about_cost_is_a_clarification(body: str) -> None:
    analysis = analyse_letter(letter(body))
    assert analysis.kind.value == "clarification_request"
    assert analysis.outcome.value is None


def test_a_cost_refusal_that_offers_to_help_narrow_stays_a_refusal() -> None:
    body = (
        "The cost of complying with your request exceeds the appropriate limit of £450, so "
        "section 12 applies and we are not obliged to comply. I would be grateful if you "
        "could narrow the request to one year, and we will look at it again."
    )
    analysis = analyse_letter(letter(body))
    assert (analysis.kind.value, analysis.outcome.value) == ("response", "cost_limit")


@pytest.mark.parametrize(
    "body",
    [
        "The date that the response is due for your request has been changed to 15 April. "
        "Please see the attached letter.",
        "Please note the due date for our reply has been extended to 2 June.",
    ],
)
def test_a_changed_due_date_is_a_holding_note(body: str) -> None:
    assert analyse_letter(letter(body)).kind.value == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Your right to appeal\nIf you are dissatisfied with how we handled your request you "
        "can ask for an internal review. Any reproduction must be accompanied by an "
        "acknowledgement that the council is the copyright owner.",
        "Complaints rights\nYou can complain to the Information Commissioner, Wycliffe House, "
        "Water Lane, Wilmslow.",
    ],
)
def test_a_rights_leaflet_is_other(text: str) -> None:
    assert analyse_letter(text).kind.value == "other"


@pytest.mark.parametrize(
    "banner",
    [
        "",
        "This is an HTML version of an attachment to the Freedom of Information request 'Plots'.\n\n",
    ],
)
def test_an_annex_that_sets_out_the_decision_keeps_it(banner: str) -> None:
    text = (
        f"{banner}Annex B - Regulation 12(4)(b)\nRegulation 12(4)(b) of the Environmental "
        "Information Regulations allows a request to be refused where it is manifestly "
        "unreasonable. We estimate that we would need to review 4,000 files, a burden that "
        "would divert staff from their usual work; the public interest favours maintaining "
        "the exception."
    )
    analysis = analyse_letter(text)
    assert (analysis.kind.value, analysis.outcome.value) == ("other", "cost_limit")


def test_a_letter_explaining_an_earlier_refusal_is_other() -> None:
    body = (
        "On 2 July we responded to your request for the list of accounts. You asked why we "
        "refused it. I am providing an explanation as to why we applied section 44 of the "
        "FOIA. I have not treated this as a request for an internal review."
    )
    assert analyse_letter(letter(body)).kind.value == "other"


# --- mixed answers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "I have today decided to disclose some of the requested information. With reference "
        "to questions 1 and 2, the force can neither confirm nor deny whether it holds the "
        "information, as the duty in section 1(1)(a) does not apply.",
        "Unmarked vehicles: the service can neither confirm nor deny whether it holds the "
        "information. Some data has been withheld as it is exempt under section 31(1)(a).",
    ],
)
def test_neither_confirm_nor_deny_for_part_beside_a_disclosure_is_partly_withheld(
    body: str,
) -> None:
    assert analyse_letter(letter(body)).outcome.value == "partly_withheld"


def test_neither_confirm_nor_deny_alone_stays_so() -> None:
    body = (
        "The force can neither confirm nor deny whether it holds the information you "
        "requested, by virtue of section 40(5) of the Act."
    )
    assert analyse_letter(letter(body)).outcome.value == "neither_confirm_nor_deny"


def test_held_but_published_and_the_rest_not_held_is_withheld_in_full() -> None:
    body = (
        "I can confirm that the department holds some of the information that you have asked "
        "for but we will not be providing it, as it is published: we are not obliged to "
        "provide information reasonably accessible to you by other means (section 21 of the "
        "Act). For question 2, the department does not hold the information."
    )
    assert analyse_letter(letter(body)).outcome.value == "withheld_in_full"


@pytest.mark.parametrize(
    "answer",
    [
        "Question 1\n\nThe number of complaints received in 2022. 412 complaints were received "
        "in that year.",
        "1) In relation to your first question I can confirm that the report runs to 40 pages.",
        "1) I can confirm that the depot opened in March 2019.",
    ],
)
def test_one_item_answered_and_another_not_held_is_partly_withheld(answer: str) -> None:
    body = f"{answer}\n\n2) The council does not hold any record of the meetings you mention."
    assert analyse_letter(letter(body)).outcome.value == "partly_withheld"


def test_an_item_confirming_nothing_held_is_no_answer() -> None:
    body = (
        "1) I can confirm that we do not hold the minutes.\n\n2) The council does not hold "
        "any record of the meetings you mention."
    )
    assert analyse_letter(letter(body)).outcome.value == "not_held"


@pytest.mark.parametrize(
    "body",
    [
        "We have made enquiries and there were 4 cases in 2023, all resolved by management "
        "action; however we are unable to identify what type of device was used in each.",
        "There were 12 incidents in 2023. We are not able to say which of them involved a "
        "private vehicle, as this is not captured.",
    ],
)
def test_figures_given_with_a_detail_that_cannot_be_told_is_partly_withheld(body: str) -> None:
    assert analyse_letter(letter(body)).outcome.value == "partly_withheld"


def test_unable_to_identify_what_the_requester_means_is_not_a_not_held_answer() -> None:
    body = (
        "We are unable to identify which records you are seeking. Could you please clarify "
        "which years you mean?"
    )
    assert analyse_letter(letter(body)).kind.value == "clarification_request"


def test_a_tally_of_answers_is_an_answer() -> None:
    body = (
        "1. Officers disciplined in 2023:\n\n(a) = 5\n(b) = 2\n\nDismissed = 5\nFinal warning = 1"
    )
    assert analyse_letter(letter(body)).outcome.value == "granted_in_full"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "We were correct to refer you to the website for the drafts, as the draft held is "
            "substantially similar to the version that is published (section 21).",
            "withheld_in_full",
        ),
        (
            "This request is substantially similar to the one you made in March, which we "
            "answered, and we are refusing it under section 14(2) as a repeated request.",
            "vexatious",
        ),
    ],
)
def test_substantially_similar_is_a_repeat_only_of_a_request(body: str, expected: str) -> None:
    assert analyse_letter(letter(body)).outcome.value == expected


def test_an_appendix_explaining_an_exemption_in_general_decides_nothing() -> None:
    text = (
        "This is an HTML version of an attachment to the Freedom of Information request 'Logs'."
        "\n\nAppendix A - The duty to confirm or deny\nAnyone making a request is entitled to be "
        "told whether information is held. In certain cases a public authority may neither "
        "confirm nor deny that it holds information, where confirming would itself reveal "
        "exempt information."
    )
    analysis = analyse_letter(text)
    assert (analysis.kind.value, analysis.outcome.value) == ("other", None)
