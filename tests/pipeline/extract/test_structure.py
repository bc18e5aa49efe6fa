"""Attachment text keeps the letter's structure: paragraphs, tables, no page furniture.

The files are typeset here from invented text (tests/pipeline/extract/documents.py) and read
in-process (``extract_in_process``: the worker adds only limits, tested elsewhere).
"""

from __future__ import annotations

import io

import pytest

from pipeline.extract import Limits
from pipeline.extract.dispatch import extract_in_process
from pipeline.extract.layout import Line, Page
from pipeline.extract.reflow import join_words, pages_text, reflow_plain
from tests.pipeline.extract import documents as docs


def _read(data: bytes, name: str) -> str:
    result = extract_in_process(data, name, None, Limits())
    assert result.status == "ok", result.error
    return result.text


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


@pytest.fixture(scope="module")
def layout_text() -> str:
    return _read(docs.layout_pdf(), "reply.pdf")


def test_typeset_paragraphs_come_out_whole_with_blank_lines_between(layout_text: str) -> None:
    paragraphs = _paragraphs(layout_text)
    for written in docs.PARAGRAPHS:
        assert written in paragraphs


def test_running_header_is_kept_once_and_footer_and_page_numbers_are_dropped(
    layout_text: str,
) -> None:
    assert layout_text.count(docs.HEADER) == 1
    assert layout_text.startswith(docs.HEADER)
    assert docs.FOOTER not in layout_text
    assert "Page 1 of" not in layout_text and "Page 2 of" not in layout_text


def test_a_paragraph_running_over_a_page_break_is_joined(layout_text: str) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(docs.layout_pdf())) as pdf:
        second_page_body = pdf.pages[1].extract_text().splitlines()[1]
    assert second_page_body[0].islower()  # the fixture really breaks mid-paragraph
    assert _paragraphs(layout_text).count(docs.LONG_PARAGRAPH) == docs.LONG_COPIES


def test_a_ruled_table_is_one_block_of_tab_separated_rows(layout_text: str) -> None:
    assert "\n".join("\t".join(row) for row in docs.TABLE) in _paragraphs(layout_text)


def test_lines_without_extra_spacing_split_at_short_sentence_ends() -> None:
    text = _read(
        docs.drawn_pdf(
            [
                "We have searched the records of the planning department and the records of the",
                "highways team for the period you gave.",
                "No information is held about the contract you describe, and none was held at",
                "the time of your request.",
            ]
        ),
        "even.pdf",
    )
    assert _paragraphs(text) == [
        "We have searched the records of the planning department and the records of the"
        " highways team for the period you gave.",
        "No information is held about the contract you describe, and none was held at"
        " the time of your request.",
    ]


def test_short_lines_of_an_address_keep_their_line_breaks() -> None:
    text = _read(
        docs.drawn_pdf(["Civic Offices", "Mill Lane", "Northby", "", "Dear Mx Example,"]),
        "address.pdf",
    )
    assert _paragraphs(text) == ["Civic Offices\nMill Lane\nNorthby", "Dear Mx Example,"]


def test_a_hyphen_at_a_line_end_is_removed_only_where_the_whole_word_occurs() -> None:
    text = _read(
        docs.drawn_pdf(
            [
                "The council holds the information you asked for and the decision-making record",
                "for the scheme. We have considered the public interest in releasing the infor-",
                "mation, and the public interest in protecting the council's own decision-",
                "making process, and the information is attached to this letter for you.",
            ]
        ),
        "hyphens.pdf",
    )
    assert "releasing the information, and the public" in text
    assert "council's own decision-making process" in text


def test_join_words_keeps_a_compound_hyphen_and_drops_a_soft_one() -> None:
    assert join_words("the decision-", "making", set()) == "the decision-making"
    assert join_words("the infor-", "mation", {"information"}) == "the information"
    assert join_words("the infor\u00ad", "mation", set()) == "the information"
    assert join_words("section 40-", "Personal", {"40personal"}) == "section 40- Personal"


def test_text_is_the_same_every_time() -> None:
    data = docs.layout_pdf()
    assert _read(data, "a.pdf") == _read(data, "a.pdf")


def test_pages_text_on_positioned_lines_with_a_repeated_footer() -> None:
    def page(*lines: tuple[str, float]) -> Page:
        return Page(600, 800, [Line(t, 50, 50 + 6 * len(t), top, top + 10, 30) for t, top in lines])

    pages = [
        page(("A letter that starts here and", 100), ("goes on here.", 114), ("OFFICIAL", 780)),
        page(("A second page.", 100), ("OFFICIAL", 781), ("2", 790)),
    ]
    assert pages_text(pages) == "A letter that starts here and\ngoes on here.\n\nA second page."


def test_docx_paragraphs_line_breaks_and_table_without_header_or_footer() -> None:
    text = _read(docs.letter_docx(), "reply.docx")
    paragraphs = _paragraphs(text)
    assert paragraphs[:2] == ["Information Governance Team", "Civic Offices\nMill Lane"]
    assert all(p in paragraphs for p in docs.PARAGRAPHS)
    assert "\n".join("\t".join(row) for row in docs.TABLE) in paragraphs
    assert docs.HEADER not in text and docs.FOOTER not in text
    assert "" not in paragraphs  # the empty paragraph and the page break leave no gap


def test_odt_lists_and_tables_are_blocks() -> None:
    body = (
        "<text:p>Dear Mx Example,</text:p>"
        "<text:list>"
        "<text:list-item><text:p>first point</text:p></text:list-item>"
        "<text:list-item><text:p>second point</text:p></text:list-item></text:list>"
        "<table:table>"
        "<table:table-row><table:table-cell><text:p>Month</text:p></table:table-cell>"
        "<table:table-cell><text:p>Permits</text:p></table:table-cell></table:table-row>"
        "</table:table><text:p>Yours sincerely,</text:p>"
    )
    text = _read(docs.odt(body), "reply.odt")
    assert _paragraphs(text) == [
        "Dear Mx Example,",
        "first point\nsecond point",
        "Month\tPermits",
        "Yours sincerely,",
    ]


def test_rtf_paragraphs_line_breaks_and_table_rows() -> None:
    data = (
        rb"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Civic Offices\line Mill Lane\par"
        rb" Dear Mx Example,\par We do not hold the information.\par"
        rb"{\trowd\cellx1000\cellx2000 Month\cell Permits\cell\row}"
        rb"{\trowd April\cell 112\cell\row}\pard Yours sincerely,\par}"
    )
    assert _paragraphs(_read(data, "reply.rtf")) == [
        "Civic Offices\nMill Lane",
        "Dear Mx Example,",
        "We do not hold the information.",
        "Month\tPermits\nApril\t112",
        "Yours sincerely,",
    ]


def test_messy_html_becomes_paragraphs_rows_and_quoted_lines() -> None:
    text = _read(docs.MESSY_HTML, "reply.html")
    assert _paragraphs(text) == [
        "Dear Mx Example,",
        "Thank you for your request. We do not hold the information you asked for.",
        "First line\nsecond line",
        "A new paragraph after two breaks",
        "Month\tPermits\nApril\t112",
        "one item\nanother item",
        "Unclosed paragraph",
        "Another one",
        "> From: requester",
        "> my original question",
    ]


def test_plain_text_wrapped_at_72_columns_is_joined_but_quotes_and_tables_are_not() -> None:
    wrapped = (
        "Thank you for your request for information about the parking permits\n"
        "issued in the Riverside zone. We can confirm that the council holds the\n"
        "information.\n"
        "\n"
        "Month     Permits\n"
        "April     112\n"
        "\n"
        "> your original message, quoted by the mail program, line one\n"
        "> and line two of the quoted message\n"
    )
    assert _paragraphs(reflow_plain(wrapped)) == [
        "Thank you for your request for information about the parking permits issued in the"
        " Riverside zone. We can confirm that the council holds the information.",
        "Month     Permits\nApril     112",
        "> your original message, quoted by the mail program, line one\n"
        "> and line two of the quoted message",
    ]


def test_plain_text_with_one_line_per_paragraph_is_left_as_written() -> None:
    text = "A" * 150 + ".\n" + "B" * 150 + ".\n"
    assert _paragraphs(reflow_plain(text)) == ["A" * 150 + ".", "B" * 150 + "."]


def test_a_docx_text_box_is_read_once_not_with_its_fallback_copy() -> None:
    from lxml import etree

    from pipeline.extract.documents import _paragraph

    xml = (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<w:r><w:t>Our ref: </w:t></w:r><w:r><mc:AlternateContent>"
        "<mc:Choice><w:t>FOI-77</w:t></mc:Choice><mc:Fallback><w:t>FOI-77</w:t></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    assert _paragraph(etree.fromstring(xml)) == "Our ref: FOI-77"


def test_a_right_aligned_letterhead_keeps_its_lines_and_the_letter_still_wraps() -> None:
    def right(text: str, top: float) -> Line:  # set flush to the right margin at x = 550
        return Line(text, 550 - 6 * len(text), 550, top, top + 10, 30)

    def body(text: str, top: float) -> Line:
        return Line(text, 50, 50 + 6 * len(text), top, top + 10, 30)

    wrapped = "We hold the information you asked for and it is set out in the table"
    lines = [
        right("Records Office", 40),
        right("Example Borough Council", 54),
        right("1 High Street", 68),
        right("Northby NB1 2CD", 82),
        body("Dear Mx Example,", 120),
        body(wrapped, 150),
        body("below this paragraph.", 164),
    ]
    text = pages_text([Page(600, 800, lines)])
    assert text.split("\n\n")[0] == (
        "Records Office\nExample Borough Council\n1 High Street\nNorthby NB1 2CD"
    )
    assert f"{wrapped} below this paragraph." in text


def test_centred_heading_lines_are_not_joined() -> None:
    def centred(text: str, top: float) -> Line:
        width = 6 * len(text)
        return Line(text, 300 - width / 2, 300 + width / 2, top, top + 10, 30)

    lines = [
        Line("A letter line at the left margin that sets the margin.", 50, 380, 20, 30, 10),
        centred("FREEDOM OF INFORMATION ACT 2000", 60),
        centred("REQUEST FOR INFORMATION", 74),
    ]
    assert "ACT 2000\nREQUEST FOR" in pages_text([Page(600, 800, lines)])
