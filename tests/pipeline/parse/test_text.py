"""Body text helpers: paragraphs, line breaks, masks, and the probe-word rule."""

from __future__ import annotations

import lxml.etree

from pipeline.parse.text import element_text, opening_words


def text_of(html: str) -> str:
    return element_text(lxml.etree.HTML(f"<div id='x'>{html}</div>").find(".//div"))


def test_paragraphs_become_blank_lines() -> None:
    assert text_of("<p>One</p>\n\n<p>Two</p>") == "One\n\nTwo"


def test_br_is_a_newline_and_source_newlines_are_spaces() -> None:
    assert text_of("<p>Regards,\n<br />Jo\nBloggs</p>") == "Regards,\nJo Bloggs"


def test_redaction_mask_link_reads_as_its_text() -> None:
    assert text_of('<p>Write to [<a href="/help/officers#mobiles">email address</a>].</p>') == (
        "Write to [email address]."
    )


def test_nested_paragraphs_of_2019_pages_do_not_add_blank_lines() -> None:
    assert text_of("<p><p>Dear Sir,</p>\n\n<p>Thanks.</p></p>") == "Dear Sir,\n\nThanks."


def test_opening_words_drop_digits_punctuation_and_single_letters() -> None:
    assert opening_words("Our reference: 4011595   Information request\n\nThank you") == [
        "Our",
        "reference",
        "Information",
        "request",
        "Thank",
    ]


def test_opening_words_keep_apostrophes() -> None:
    assert opening_words("Dear Despatch Box, Confirming I'm requesting", 5) == [
        "Dear",
        "Despatch",
        "Box",
        "Confirming",
        "I'm",
    ]


def test_opening_words_skip_a_lone_letter() -> None:
    assert opening_words("Please find attached a response to") == [
        "Please",
        "find",
        "attached",
        "response",
        "to",
    ]
