"""split_quoted: what the site folds away on a default page, redone for ?unfold=1 pages."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.parse import quotes
from pipeline.parse.quotes import split_quoted


def test_text_without_quotes_is_returned_whole() -> None:
    assert split_quoted("Dear Ms Shah,\n\nPlease see attached.") == (
        "Dear Ms Shah,\n\nPlease see attached.",
        None,
    )


def test_angle_bracket_lines_are_quoted_leaving_a_paragraph_break() -> None:
    assert split_quoted("Thanks.\n> Dear council,\n> please send\nBest wishes") == (
        "Thanks.\n\nBest wishes",
        "> Dear council,\n> please send",
    )


def test_original_message_rule_quotes_to_the_end() -> None:
    text = "Answer below.\n\n-----Original Message-----\nFrom: A\n\nOld text"
    assert split_quoted(text) == (
        "Answer below.",
        "-----Original Message-----\nFrom: A\n\nOld text",
    )


def test_on_date_wrote_line_alone_is_quoted() -> None:
    assert split_quoted("Yes.\nOn 4 Jan 2024, Priya Shah wrote:\n> Hi") == (
        "Yes.",
        "On 4 Jan 2024, Priya Shah wrote:\n> Hi",
    )


def test_on_date_with_address_on_next_line_quotes_to_the_end() -> None:
    text = (
        "Reply.\n On Thu, Nov 28, 2013 at 9:08 AM, A User\n<[FOI #7 email]> wrote:\nOld body\nmore"
    )
    body, quoted = split_quoted(text)
    assert (body, quoted.splitlines()[-1]) == ("Reply.", "more")


def test_forwarded_message_quotes_to_the_end() -> None:
    body, quoted = split_quoted("FYI\n---------- Forwarded message ---------\nFrom: x")
    assert (body, quoted) == ("FYI", "---------- Forwarded message ---------\nFrom: x")


def test_disclaimer_between_score_lines_is_quoted() -> None:
    text = "Regards, Jo\n**********\nThis email is confidential and intended for the addressee.\n**********\nPS thanks"
    body, quoted = split_quoted(text)
    assert (body, quoted.count("confidential")) == ("Regards, Jo\nPS thanks", 1)


def test_gsi_notice_is_quoted() -> None:
    text = "Hello\nCommunications via the GSi may be automatically logged, monitored and/or recorded for legal purposes.\nBye"
    assert split_quoted(text)[0] == "Hello\n\nBye"


def _spans_without_shortcuts(text: str) -> list[tuple[int, int]]:
    """Every pattern run on every text: what the substring checks in _spans must never change."""
    found: list[tuple[int, int]] = []
    for pattern in quotes._TO_END:
        m = pattern.search(text)
        if m:
            found.append((m.start(), len(text)))
    for pattern in quotes._LINES + quotes._NOTICES:
        found.extend((m.start(), m.end()) for m in pattern.finditer(text))
    for pattern in quotes._DISCLAIMERS:
        m = pattern.search(text)
        if m:
            found.append((m.start(), m.end()))
    return quotes._merged(found)


_PIECES = st.sampled_from(
    [
        "\n", " ", "> ", ">>>", "On Mon, 1 Jan 2019, Jo <jo@x.org> wrote:\n", " said:", "wrote:",
        "-----Original Message-----", "----- Forwarded message -----", "--------\n",
        "- - - - - - - -\n", "________\n", "********\n", "########\n", "Disclaimer\n",
        "confidential", "This email is intended only for use by the addressee", "VİRUS",
        "vırus", "viruſ", "LEGAL purposes.", "Communications via the GSi are recorded for legal "
        "purposes.", "This email was received from the INTERNET and scanned by the Government "
        "Secure Intranet virus scanning service. virus free.", "12/03/2008 01:51:50 >>>",
        "Dear Sir,", "Yours faithfully,", "İ", "ı", "ſ",
    ]
)  # fmt: skip


@given(st.lists(_PIECES | st.text(max_size=8), max_size=25).map("".join))
@example(
    "Thanks.\nThis email was received from the INTERNET and scanned by the Government Secure "
    "Intranet VİRUS scanning service. Vırus free."
)
@settings(max_examples=400, deadline=None)
def test_substring_shortcuts_never_change_the_spans(text: str) -> None:
    assert quotes._spans(text) == _spans_without_shortcuts(text)
