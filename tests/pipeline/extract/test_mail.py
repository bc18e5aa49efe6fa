"""E-mails: each message's headers then its body as paragraphs; attached messages delimited."""

from __future__ import annotations

from pipeline.extract import Limits
from pipeline.extract.dispatch import extract_in_process
from pipeline.extract.mail import MESSAGE_END
from tests.pipeline.extract import documents as docs


def _read(data: bytes, limits: Limits | None = None) -> str:
    result = extract_in_process(data, "message.eml", None, limits or Limits())
    assert result.status == "ok", result.error
    return result.text


def test_an_html_only_body_is_read_as_paragraphs_under_the_headers() -> None:
    blocks = _read(docs.html_only_eml()).split("\n\n")
    assert blocks[0].splitlines() == [
        "From: FOI Team <foi@northshire.example>",
        "To: request-123-abc@whatdotheyknow.com",
        "Date: Tue, 05 Mar 2024 09:30:00 +0000",
        "Subject: Your request FOI-77",
    ]
    assert blocks[1:] == [
        "Dear Mx Example,",
        "We do not hold\nthe information.",
        "Yours sincerely,\nFOI Team",
    ]


def test_a_forwarded_message_part_is_delimited_after_the_covering_note() -> None:
    text = _read(docs.forwarded_eml(depth=1))
    note, _, attached = text.partition("\n\n--- attached message: message.eml#part1 ---\n")
    assert note.endswith("Subject: FW: Response FOI-77\n\nPlease see the council's reply attached.")
    assert attached == (
        "From: FOI Team <foi@northshire.example>\n"
        "To: request-123-abc@whatdotheyknow.com\n"
        "Date: Tue, 05 Mar 2024 09:30:00 +0000\n"
        "Subject: Response FOI-77\n\n"
        "Dear Mx Example,\n\n"
        "I can confirm that we do not hold the information.\n" + MESSAGE_END
    )


def test_nested_forwards_nest_their_delimiters_and_skip_the_inline_logo() -> None:
    text = _read(docs.forwarded_eml(depth=3))
    starts = [i for i, line in enumerate(text.splitlines()) if line.startswith("--- attached")]
    ends = [i for i, line in enumerate(text.splitlines()) if line == MESSAGE_END]
    assert len(starts) == len(ends) == 3
    assert starts == sorted(starts) and ends == sorted(ends) and starts[-1] < ends[0]
    assert text.index("Forwarding note at level 1") < text.index("Forwarding note at level 0")
    assert text.index("Forwarding note at level 0") < text.index("we do not hold")
    assert "attachment:" not in text  # the inline logo is not read as a letter


def test_forwards_deeper_than_the_limit_are_refused() -> None:
    result = extract_in_process(docs.forwarded_eml(depth=4), "m.eml", None, Limits(max_depth=2))
    assert result.status == "bomb"


def test_format_flowed_soft_breaks_are_joined() -> None:
    text = _read(docs.flowed_eml())
    assert "We do not hold the information you asked for.\n\nYours sincerely," in text
