"""Forwarded and replied mail: the authority's letter is found, the quoted text below it is not
read, and the letter is never dropped (``pipeline.letters.text.letter_span``). Invented text."""

from __future__ import annotations

from pipeline.letters import analyse_letter
from pipeline.letters.text import blank_before, letter_span

LETTER = """Dear Ms Example,

Your request for information about parking permits

I can confirm that we do not hold the information you asked for. No record of permit refunds
is kept by the council.

If you are unhappy with this response, you may ask for an internal review, and then
complain to the Information Commissioner under section 50.

Yours sincerely,
Information Officer
"""

REQUEST = """Dear Example Borough Council,

Please tell me how many parking permits were refunded in 2024, and withhold nothing.

Yours faithfully,
A Requester
"""


def _forwarded(marker: str, cover: str) -> str:
    return (
        'From: "Records Team"\nTo: "A Requester"\nSubject: Fwd: your request\n\n'
        f"{cover}\n\n{marker}\n"
        "From: Information Officer <[email address]>\nSent: 2 March 2026 10:00\n"
        "To: A Requester <[FOI #123456 email]>\nSubject: RE: your request\n\n"
        f"{LETTER}\n"
        "On 1 March 2026 09:00, A Requester <[FOI #123456 email]> wrote:\n\n"
        f"{REQUEST}"
    )


def test_a_forwarded_letter_is_read_under_its_cover_note() -> None:
    for marker in (
        "---------- Forwarded message ---------",
        "-----Original Message-----",
        "_" * 32,
    ):
        text = _forwarded(marker, "Please see our response to your request below.\n\nRegards")
        start, end = letter_span(text)
        assert text[start:end].count("we do not hold") == 1, marker
        assert "withhold nothing" not in text[start:end]
        analysis = analyse_letter(text)
        assert (analysis.kind.value, analysis.outcome.value) == ("response", "not_held"), marker


def test_a_forward_with_no_cover_at_all_reads_the_letter() -> None:
    assert analyse_letter(_forwarded("-----Original Message-----", "")).outcome.value == "not_held"


def test_internal_forwards_above_the_letter_are_skipped() -> None:
    text = _forwarded(
        "________________________________\nFrom: Service Desk <[email address]>\n"
        "Sent: 2 March 2026 10:05\nTo: Records Team\n\nCould you send the below on, please?\n\n"
        "________________________________",
        "Apologies, the reply below went to the wrong address; here it is again.",
    )
    start, end = letter_span(text)
    assert text[start:end].startswith("From: Information Officer")


def test_a_reply_on_top_is_the_letter_and_its_quoted_history_is_not_read() -> None:
    text = f"{LETTER}\n-----Original Message-----\nFrom: A Requester <[FOI #123456 email]>\nSent: 1 March 2026\n\n{REQUEST}"
    start, end = letter_span(text)
    assert start == 0
    assert "withhold nothing" not in text[:end]


def test_a_short_reply_on_top_is_not_taken_for_a_cover_note() -> None:
    reply = "Dear Ms Example,\n\nThank you for your request, which we received today. We will reply within 20 working days."
    earlier = "From: Information Officer <[email address]>\nSent: 1 February 2026\n\n" + LETTER
    text = f"{reply}\n\n-----Original Message-----\n{earlier}"
    assert letter_span(text)[0] == 0


def test_the_letter_is_never_dropped_when_only_the_requester_is_quoted() -> None:
    text = f"Please see below.\n\nOn 1 March 2026, A Requester <[FOI #123456 email]> wrote:\n\n{REQUEST}"
    start, end = letter_span(text)
    assert (start, text[start:end].strip()) == (0, "Please see below.")


def test_a_letter_in_an_attachment_under_a_covering_e_mail() -> None:
    text = (
        'From: "Records Team"\nSubject: your request\n\nPlease find our response attached.\n\n'
        f"--- attachment: response.pdf ---\n{LETTER}"
    )
    start, _ = letter_span(text)
    assert text[start:].startswith("--- attachment: response.pdf ---")
    assert analyse_letter(text).outcome.value == "not_held"


def test_blanking_the_cover_keeps_every_offset() -> None:
    text = _forwarded("-----Original Message-----", "See below.")
    start, _ = letter_span(text)
    blanked = blank_before(text, start)
    assert len(blanked) == len(text) and blanked[start:] == text[start:]
    assert blanked[:start].strip() == "" and blanked[:start].count("\n") == text[:start].count("\n")
    analysis = analyse_letter(text)
    assert analysis.provisions_cited == ["FOIA s50"]
    assert all(text[c.evidence.start : c.evidence.end] == c.evidence.text for c in analysis.cited)


def test_other_quote_headers_end_the_letter() -> None:
    for header in (
        "Begin forwarded message:",
        "On Mon, 2 Mar 2026 at 09:00, A Requester\n<[FOI #123456 email]> wrote:",
        "Oddi wrth: A Requester <[FOI #123456 email]>\nAnfonwyd: 2 Mawrth 2026 09:00",
    ):
        text = f"{LETTER}\n{header}\n\n{REQUEST}"
        start, end = letter_span(text)
        assert (start, "withhold nothing" in text[start:end]) == (0, False), header
