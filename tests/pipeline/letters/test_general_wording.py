"""Letters as UK FOI offices word them in general, one invented letter per common wording.

None of these is a real letter's text: each is written here from the usual phrasing of
acknowledgements, clarifications, holding notes, responses and internal reviews, so that the
reader is held to wording beyond the letters its rules were developed on.
"""

from __future__ import annotations

import pytest

from pipeline.letters import analyse_letter

R = "If you are unhappy with the way your request has been handled you can ask for an internal review. If you are still dissatisfied you may complain to the Information Commissioner."
CASES = [
    (
        "acknowledgement",
        None,
        None,
        "Thank you for your email. Your request is being handled under the Freedom of Information Act 2000 and you can expect a response by 14 March 2024.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "We confirm that we have received your request for information, which we are dealing with under reference FOI/123.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "Your Freedom of Information request has been received and passed to the relevant department.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "Thank you for contacting us. Please accept this email as confirmation that your FOI request has been received.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "Request for information - acknowledgement\n\nWe received your request on 2 May 2023. We will send you a response by 31 May 2023.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "This is an automatic notification. Please do not reply to this message.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "Your request for an internal review has been received and will be dealt with by a senior officer. We aim to reply within 20 working days.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "I am writing to let you know that your request is being processed and we will be in touch by 3 June.",
    ),
    (
        "clarification_request",
        None,
        None,
        "Your request is unclear. Could you please confirm the time period you are interested in?",
    ),
    (
        "clarification_request",
        None,
        None,
        "In order to locate the information, we require further details. Please specify the department concerned.",
    ),
    (
        "clarification_request",
        None,
        None,
        "We would be grateful if you could clarify what you mean by funding. We will not be able to progress your request until we receive this clarification.",
    ),
    (
        "other",
        None,
        None,
        "Unfortunately we have not been able to complete our response within 20 working days. We apologise and hope to send it to you shortly.",
    ),
    ("other", None, None, "I am out of the office until Monday 4 March with no access to email."),
    (
        "other",
        None,
        None,
        "Your request has been transferred to Transport for London, who hold this information.",
    ),
    (
        "response",
        "granted_in_full",
        None,
        "The Council does hold information relevant to your request. The number of complaints received in 2022 was 45, and in 2023 it was 52.",
    ),
    (
        "response",
        "partly_withheld",
        None,
        "In response to your questions:\n\n1. 45\n\n2. 12\n\n3. We do not hold this information.",
    ),
    (
        "response",
        "withheld_in_full",
        None,
        "We have decided that the information is exempt from disclosure under section 43(2) (commercial interests) and the public interest favours withholding it.",
    ),
    (
        "response",
        "withheld_in_full",
        None,
        "The information you have requested is available on our website at www.example.gov.uk/data. Section 21 of the Act therefore applies.",
    ),
    (
        "response",
        "vexatious",
        None,
        "We are refusing your request under section 14(1) of the Freedom of Information Act because we consider it vexatious.\n\nYour right to complain\n\n"
        + R,
    ),
    (
        "response",
        "cost_limit",
        None,
        "We estimate that complying with your request would exceed the appropriate limit of £450.",
    ),
    (
        "response",
        "granted_in_full",
        None,
        "I can confirm the Trust holds the information requested. Please see the table below.\n\nYear  Number\n2021  4\n2022  6",
    ),
    (
        "response",
        "partly_withheld",
        None,
        "The information requested is attached, with the names of junior staff redacted under section 40(2).",
    ),
    (
        "response",
        "neither_confirm_nor_deny",
        None,
        "We can neither confirm nor deny whether we hold information of this kind, by virtue of section 31(3).",
    ),
    (
        "response",
        "not_held",
        None,
        "We do not hold the information you requested. You may wish to contact NHS England, who may hold it.",
    ),
    (
        "response",
        "granted_in_full",
        None,
        "Please find our response to your questions below.\n\nQ1: 12\n\nQ2: 5",
    ),
    (
        "response",
        "not_held",
        None,
        "Having searched our records, we have found no information relating to your request.",
    ),
    (
        "internal_review_response",
        "withheld_in_full",
        "upheld",
        "Internal Review - FOI 1234\n\nI have reviewed the handling of your request and the decision to withhold the information. I am satisfied that section 40(2) was correctly applied and the original decision is upheld.",
    ),
    (
        "internal_review_response",
        "granted_in_full",
        "overturned",
        "Following the internal review, the Council has decided to release the information previously withheld. It is attached.",
    ),
    (
        "internal_review_response",
        "partly_withheld",
        "partly_upheld",
        "The review panel has now completed its review. It concluded that the original response should be amended, and some further information is now provided; the remainder stays exempt under section 43.",
    ),
    (
        "internal_review_response",
        "granted_in_full",
        "overturned",
        "I have carried out an internal review of your request. I have concluded that the exemption was not correctly applied, and the information is attached.",
    ),
]

CASES += [
    (
        "acknowledgement",
        None,
        None,
        "Thank you for your request for information under the Freedom of Information (Scotland) Act 2002. We received it on 4 April and will respond no later than 2 May.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "Thank you for your enquiry. This has been logged as a request under the Environmental Information Regulations 2004 and will be answered within 20 working days.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "Many thanks for your email, which has been forwarded to the Information Governance team for a response.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "We have received your e-mail. Please note this mailbox is monitored during office hours only and we aim to reply within 20 working days.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "Your request (ref FOI-2024-0099) has been allocated to a case officer. The due date for our response is 18 July 2024.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "Thank you for your information request which we received today. We will deal with it as quickly as possible and in any case within the 20 working days allowed by the Act.",
    ),
    (
        "clarification_request",
        None,
        None,
        "Thank you for your request. Unfortunately it is not clear which contracts you are referring to. Can you please provide the contract reference numbers?",
    ),
    (
        "clarification_request",
        None,
        None,
        "Your request as it stands is very broad. Could you narrow it down, for example to a single year or a single department?",
    ),
    (
        "clarification_request",
        None,
        None,
        "We are unable to identify the information you want from your description. Please let us know the approximate dates involved.",
    ),
    (
        "other",
        None,
        None,
        "I am sorry that we have not yet been able to reply to your request. We are still gathering the information and will write again as soon as possible.",
    ),
    (
        "other",
        None,
        None,
        "Thank you for your email. I am currently on annual leave and will respond on my return.",
    ),
    (
        "response",
        "not_held",
        None,
        "Following a search of our records, we can confirm that the information you have requested is not held by the Trust.",
    ),
    (
        "response",
        "not_held",
        None,
        "The Authority does not record this information and is therefore unable to provide it.",
    ),
    (
        "response",
        "granted_in_full",
        None,
        "Request: How many staff did you employ in 2023?\n\nResponse: The Council employed 1,204 staff in 2023.",
    ),
    (
        "response",
        "granted_in_full",
        None,
        "I am pleased to provide the information you requested in the attached spreadsheet.",
    ),
    (
        "response",
        "partly_withheld",
        None,
        "We have provided the information for questions 1 to 3 below. The information for question 4 is exempt under section 31(1)(a), law enforcement.",
    ),
    (
        "response",
        "partly_withheld",
        None,
        "A copy of the report is attached. Some sections have been redacted as they contain personal data, which is exempt under section 40(2).",
    ),
    (
        "response",
        "withheld_in_full",
        None,
        "The information you have requested is exempt from disclosure under section 41 as it was provided to the Council in confidence.",
    ),
    (
        "response",
        "withheld_in_full",
        None,
        "We are withholding the requested documents under regulation 12(5)(e) of the EIR, as disclosure would harm commercial confidentiality.",
    ),
    (
        "response",
        "withheld_in_full",
        None,
        "The information is intended for future publication and is therefore exempt under section 22. It will be published in our annual report in September.",
    ),
    (
        "response",
        "cost_limit",
        None,
        "Under section 12 of the Act we are not obliged to comply with a request if the cost of doing so would exceed the appropriate limit, which for us is £450. To answer your request we would need to review around 3,000 case files, which would take well over 18 hours.",
    ),
    (
        "response",
        "cost_limit",
        None,
        "In accordance with section 12 of FOISA, we are not required to comply with your request, as the cost of complying would exceed £600.",
    ),
    (
        "response",
        "vexatious",
        None,
        "The Council considers this request to be a repeated request under section 14(2), as it is substantially similar to your request of 3 March which we answered on 20 March.",
    ),
    (
        "response",
        "neither_confirm_nor_deny",
        None,
        "In accordance with section 40(5), the Force neither confirms nor denies that it holds any information about the named individual.",
    ),
    (
        "response",
        "subject_access_redirect",
        None,
        "As your request is for information about yourself, it will be dealt with as a subject access request under data protection law, not under FOI.",
    ),
    (
        "response",
        "advice_and_assistance",
        None,
        "We are not the correct authority for this request. Highways are the responsibility of the County Council, and you may wish to send your request to them.",
    ),
    (
        "internal_review_response",
        "withheld_in_full",
        "upheld",
        "I have now reviewed the decision to refuse your request. Having considered the matter afresh, I am satisfied that section 36 was properly engaged, and I uphold the original decision.",
    ),
    (
        "internal_review_response",
        "not_held",
        "upheld",
        "This is the outcome of the internal review you asked for. I have checked the searches carried out and I am satisfied that the Council does not hold the information. The original response therefore stands.",
    ),
    (
        "internal_review_response",
        "partly_withheld",
        "partly_upheld",
        "I have concluded my review. I am partially upholding your complaint: the names of senior staff will now be released, but the names of junior staff remain exempt under section 40(2).",
    ),
    (
        "internal_review_response",
        "granted_in_full",
        "overturned",
        "Internal review outcome: I have decided that the exemption at section 43 does not apply, and the contract is enclosed in full.",
    ),
]

# Messier shapes: restated requests carrying outcome words, flattened PDF text ending in the
# rights block, disclosure-log layouts, e-mail disclaimers, holding and fee notices.
RIGHTS = (
    "If you are dissatisfied with the handling of your request, you have the right to ask for an internal review. "
    "Internal review requests should be submitted within 40 working days. If you are not content with the outcome of the internal review, "
    "you have the right to apply directly to the Information Commissioner for a decision. The Information Commissioner can be contacted at: "
    "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF."
)
CASES += [
    # restated request carries outcome words
    (
        "response",
        "granted_in_full",
        None,
        "You asked: 'How many requests did you refuse as vexatious in 2022, and how many were refused on cost grounds?'\n\nOur response: In 2022 we refused 4 requests as vexatious and 11 on cost grounds.",
    ),
    (
        "response",
        "not_held",
        None,
        "You requested copies of any reports withheld from the committee.\n\nWe do not hold any such reports.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "Re: your request for information about redacted contracts and exempt information\n\nThank you for your request, which we received on 3 June. We will respond by 1 July.",
    ),
    # flattened PDF: one paragraph, single newlines, rights at end
    (
        "response",
        "withheld_in_full",
        None,
        "Thank you for your request for information received on 3 May 2023.\nYou asked for a copy of the tender evaluation.\nI can confirm that the Council holds this information. However, it is exempt\nunder section 43(2) of the Freedom of Information Act 2000, because its\nrelease would be likely to prejudice the commercial interests of the bidders.\nThe public interest in maintaining the exemption outweighs the public interest in disclosure.\n"
        + RIGHTS.replace(". ", ".\n"),
    ),
    (
        "response",
        "not_held",
        None,
        "Our ref: FOI 123\nDate: 3 June 2023\nThank you for your request.\nFollowing searches of our records I can confirm that the Council does not hold\nthe information you have asked for.\n"
        + RIGHTS.replace(". ", ".\n"),
    ),
    # disclosure log style
    (
        "response",
        "granted_in_full",
        None,
        "Request\n\nPlease provide the number of fixed penalty notices issued in 2022.\n\nResponse\n\n2022: 1,482",
    ),
    (
        "response",
        "partly_withheld",
        None,
        "Request\n\n1. How many CCTV cameras do you operate?\n2. Where are they located?\n\nResponse\n\n1. 64\n\n2. The locations are exempt under section 31(1)(a) as disclosure would prejudice the prevention of crime.",
    ),
    # email cover with forwarded text
    (
        "other",
        None,
        None,
        "Please find attached our response to your Freedom of Information request.\n\nKind regards\n\nFOI Team\n\nThis email and any attachments are confidential. If you have received it in error, please notify the sender.",
    ),
    # acknowledgement with disclaimer text mentioning withheld
    (
        "acknowledgement",
        None,
        None,
        "Thank you for your request. We aim to respond within 20 working days.\n\nDisclaimer: This e-mail may contain information that is privileged or exempt from disclosure. If you are not the intended recipient, do not read, copy or use it.",
    ),
    # review acknowledgement
    (
        "acknowledgement",
        None,
        None,
        "We acknowledge receipt of your request for an internal review of our response to FOI 2023/441. The review will be carried out by a senior officer and we aim to respond by 12 September.",
    ),
    # extension under s10(3) (holding)
    (
        "other",
        None,
        None,
        "We have not yet reached a decision on the balance of the public interest. Under section 10(3) of the Act we need further time to consider it, and we now aim to respond by 4 August.",
    ),
    # fee notice
    (
        "other",
        None,
        None,
        "We are able to provide the information, but there will be a charge of £25 for photocopying and postage. A fees notice is enclosed. We will send the information when we receive your payment.",
    ),
    # NCND in police style
    (
        "response",
        "neither_confirm_nor_deny",
        None,
        "Hampshire Constabulary can neither confirm nor deny that it holds the information you requested, as the duty in section 1(1)(a) does not apply by virtue of sections 23(5), 24(2) and 31(3).",
    ),
    # s21 published
    (
        "response",
        "withheld_in_full",
        None,
        "The information you have requested is published on our website and is therefore exempt under section 21 (information reasonably accessible by other means). It can be found at www.example.gov.uk/spending.",
    ),
    # granted in email body inline
    (
        "response",
        "granted_in_full",
        None,
        "In answer to your questions, the Council spent £12,450 on agency staff in 2022/23 and £9,870 in 2023/24.",
    ),
    # review overturned FOISA
    (
        "internal_review_response",
        "granted_in_full",
        "overturned",
        "I have now completed the review you required under section 20 of FOISA. In accordance with section 21(4)(b), I have decided to substitute a different decision: the information should be released, and it is enclosed.",
    ),
    # review upheld with apology for delay
    (
        "internal_review_response",
        "cost_limit",
        "upheld",
        "I am sorry for the delay in completing this internal review. Having looked again at your request, I agree that the cost of complying would exceed the appropriate limit, and I uphold the original decision under section 12.",
    ),
]

# Public-interest reasoning, burden under EIR, answers set out below, bilingual receipts,
# notes that resend or pass on, reviews that find searches sufficient or names releasable.
CASES += [
    (
        "response",
        "partly_withheld",
        None,
        "I can confirm that the University holds some of the information you have requested. The number of complaints is given in the table below. We do not hold information on the outcome of each complaint.",
    ),
    (
        "response",
        "partly_withheld",
        None,
        "The Trust holds the information. We have disclosed the policy documents, but the minutes of the board meeting have been withheld under section 36(2)(b).",
    ),
    (
        "response",
        "withheld_in_full",
        None,
        "The Department holds the information you requested. After weighing the public interest arguments for and against disclosure, I have concluded that the information should be withheld under section 35(1)(a), formulation of government policy.",
    ),
    (
        "response",
        "withheld_in_full",
        None,
        "Factors in favour of disclosure include the general public interest in transparency. Factors in favour of withholding include the need for a safe space. On balance, the public interest favours maintaining the exemption, and the information is withheld.",
    ),
    (
        "response",
        "not_held",
        None,
        "I have been advised by the service that this information is not collected centrally and there is no record held of individual cases.",
    ),
    (
        "response",
        "not_held",
        None,
        "Unfortunately, the Council has no information matching your description.",
    ),
    (
        "response",
        "cost_limit",
        None,
        "I regret that we are unable to comply with your request. We estimate that it would take more than 18 hours to locate, retrieve and extract the information, and section 12 therefore applies. You may wish to narrow your request to a single year, which may bring it within the limit.",
    ),
    (
        "response",
        "cost_limit",
        None,
        "Regulation 12(4)(b) of the EIR allows us to refuse a request that is manifestly unreasonable. Answering your request would require staff to examine over 4,000 planning files by hand, which would impose an unreasonable burden on the Council.",
    ),
    (
        "response",
        "granted_in_full",
        None,
        "Thank you for your request. The answers to your questions are set out below.\n\n1. Yes, the policy was reviewed in 2021.\n\n2. The policy is attached.",
    ),
    (
        "response",
        "granted_in_full",
        None,
        "We hold the information you requested and it is provided in full in the attached document.",
    ),
    (
        "response",
        "advice_and_assistance",
        None,
        "Your questions ask for opinions rather than recorded information, so they are not valid requests under the Act. However, to assist you, our approach is explained in the published strategy, which can be found on our website.",
    ),
    (
        "clarification_request",
        None,
        None,
        "Before we can deal with your request, we need to know which school you are asking about. Please reply to this email with the school's name.",
    ),
    (
        "clarification_request",
        None,
        None,
        "I note that your request refers to 'all correspondence'. To help us locate the information, please could you tell us the names of the officers or the period involved?",
    ),
    (
        "acknowledgement",
        None,
        None,
        "Diolch am eich cais. Thank you for your request, which has been logged under reference 2023-456. We will respond within 20 working days.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "FOI Request FOI-789: Acknowledgement\n\nThis is to confirm that your request has been received and is being dealt with. We are required to respond by 23 October 2023.",
    ),
    (
        "other",
        None,
        None,
        "Please accept our apologies: our reply to your request was sent to the wrong address. We attach it again here.",
    ),
    (
        "other",
        None,
        None,
        "Thank you for your email. I have passed your comments on to the service manager, who will be in touch with you directly.",
    ),
    (
        "internal_review_response",
        "withheld_in_full",
        "upheld",
        "Review of FOI 2023/112. I have considered your request for a review. Having examined the withheld information and the reasons given, I agree that section 42 (legal professional privilege) applies. The original decision is therefore upheld.",
    ),
    (
        "internal_review_response",
        "not_held",
        "upheld",
        "I have carried out the internal review you requested. Further searches were made and no additional information was found. I am satisfied that the information is not held, and I do not uphold your complaint.",
    ),
    (
        "internal_review_response",
        "partly_withheld",
        "partly_upheld",
        "I have completed the internal review. I have found that section 40(2) was correctly applied to some of the names, but not to the names of senior officials, which are now released. Your complaint is therefore partly upheld.",
    ),
]

# Scottish review requirements, EIR reconsideration, appeals; portal receipts; closed or
# withdrawn requests; yes/no answers and small tables of figures.
CASES += [
    (
        "internal_review_response",
        None,
        None,
        "Thank you for your requirement for review of our response to your information request. I have now reviewed our handling of the request.",
    ),
    (
        "internal_review_response",
        "withheld_in_full",
        "upheld",
        "You asked us to reconsider our response under regulation 11 of the EIR. Having reconsidered it, I am satisfied that regulation 12(5)(e) was correctly applied, and our decision stands.",
    ),
    (
        "internal_review_response",
        "not_held",
        "upheld",
        "Re: Appeal against FOI decision 2023/77\n\nI have looked again at your request and at the searches made. No further information has been found, and I am satisfied that the information is not held. Your appeal is not upheld.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "We have logged your request. Your case number is 00123456. Please quote this number in any correspondence. We will be in touch within 20 working days.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "Thank you for submitting your Freedom of Information request via our online portal. A member of the team will respond within 20 working days.",
    ),
    (
        "acknowledgement",
        None,
        None,
        "This message confirms that we have received your request for an internal review. We will send you the outcome by 14 November.",
    ),
    (
        "other",
        None,
        None,
        "As we have not received a response to our request for clarification, your request has now been closed.",
    ),
    (
        "other",
        None,
        None,
        "Thank you for your email. We note that you have withdrawn your request and we have closed it.",
    ),
    (
        "response",
        "granted_in_full",
        None,
        "Yes, the Council has a policy on this. A copy is attached.",
    ),
    (
        "response",
        "partly_withheld",
        None,
        "1. Yes.\n\n2. 2021  14\n2022  17\n\n3. The names of the contractors are exempt under section 43(2).",
    ),
]


@pytest.mark.parametrize(("kind", "outcome", "review", "body"), CASES)
def test_general_wording(kind: str, outcome: str | None, review: str | None, body: str) -> None:
    analysis = analyse_letter(f"Dear Mr Smith,\n\n{body}\n\nYours sincerely\n\nFOI Team")
    got = (analysis.kind.value, analysis.outcome.value, analysis.review_outcome.value)
    assert got == (kind, outcome, review)


# Whole letters with letterhead and page furniture, single newlines as PDF text gives them.
HEAD = "OFFICIAL\nNorthshire County Council\nCounty Hall, Northtown NT1 1AA\nTel: 01234 567890\nwww.northshire.gov.uk\n\nOur ref: FOI/2023/0456\nYour ref: FOI 845120\nDate: 14 March 2023\n\n"
FOOT = "\n\nPage 1 of 2\nOFFICIAL\n"
PAGED = [
    (
        "response",
        "partly_withheld",
        None,
        HEAD
        + "Dear Mr Green\nFreedom of Information Request\nThank you for your request received on 14 February 2023.\nQuestion 1: The Council spent £34,000 on consultants in 2022.\nQuestion 2: We do not hold this information, as spending is not recorded by project.\n"
        + FOOT
        + "Yours sincerely\nInformation Governance",
    ),
    (
        "response",
        "not_held",
        None,
        HEAD
        + "Dear Mr Green\nThank you for your request.\nHaving made enquiries with the relevant departments, I can confirm that the Council does not hold any recorded information within the scope of your request.\nIf you are unhappy with this response you may ask for an internal review by writing to the address above.\nYours sincerely",
    ),
    (
        "response",
        "withheld_in_full",
        None,
        HEAD
        + "Dear Mr Green\nI write in response to your request for a copy of the legal advice.\nThe Council holds this information but considers it exempt under section 42 of the Freedom of Information Act 2000 (legal professional privilege).\nThis letter serves as a refusal notice under section 17.\nYours sincerely"
        + FOOT,
    ),
    (
        "response",
        "cost_limit",
        None,
        HEAD
        + "Dear Mr Green\nWe have estimated that to identify and extract the information would take approximately 40 hours, which exceeds the 18 hours allowed under the Fees Regulations.\nWe are therefore refusing your request under section 12(1).\nYours sincerely",
    ),
    (
        "response",
        "granted_in_full",
        None,
        HEAD
        + "Dear Mr Green\nThank you for your request for information.\nPlease find attached a spreadsheet listing all contracts over £25,000 awarded in 2022.\nI hope this information is helpful.\nYours sincerely"
        + FOOT,
    ),
    (
        "acknowledgement",
        None,
        None,
        HEAD
        + "Dear Mr Green\nThank you for your request for information, which was received on 10 March 2023.\nYour request is being dealt with under the Freedom of Information Act 2000 and we will respond to you by 6 April 2023.\nYours sincerely",
    ),
    (
        "internal_review_response",
        "withheld_in_full",
        "upheld",
        HEAD
        + "Dear Mr Green\nInternal Review - FOI/2023/0456\nI have reviewed the Council's response to your request, in which the information was withheld under section 43(2).\nI have concluded that the exemption was applied correctly and that the public interest favours withholding the information.\nI therefore uphold the original decision.\nYours sincerely",
    ),
    (
        "response",
        "partly_withheld",
        None,
        "Dear Mr Green\n\nPlease find below the information you requested.\n\n1. Number of incidents: 14\n\n2. Locations: this information is exempt under section 31(1)(a), as it would be likely to prejudice the prevention of crime.\n\nYours sincerely",
    ),
    (
        "response",
        "vexatious",
        None,
        "Dear Mr Green\n\nThe Council has considered your request alongside the 27 requests you have made on this subject since January. We consider that the request is vexatious within the meaning of section 14(1), and we will not be responding to it.\n\nYours sincerely",
    ),
    (
        "response",
        "neither_confirm_nor_deny",
        None,
        "Dear Mr Green\n\nThe Trust can neither confirm nor deny whether it holds the information you have requested, as to do so would disclose personal data about a third party (section 40(5B)).\n\nYours sincerely",
    ),
]


@pytest.mark.parametrize(("kind", "outcome", "review", "text"), PAGED)
def test_whole_letters(kind: str, outcome: str | None, review: str | None, text: str) -> None:
    analysis = analyse_letter(text)
    got = (analysis.kind.value, analysis.outcome.value, analysis.review_outcome.value)
    assert got == (kind, outcome, review)
