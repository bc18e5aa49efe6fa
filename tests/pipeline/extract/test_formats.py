"""Each supported type, built here, reads back as the text written into it."""

from __future__ import annotations

from pipeline.extract import extract_text
from tests.pipeline.extract import builders
from tests.pipeline.extract.builders import LETTER, words


def test_pdf_text_equals_the_written_lines() -> None:
    result = extract_text(builders.pdf(), "reply.pdf", "application/pdf")
    assert (result.status, result.method, result.pages) == ("ok", "pdf", 1)
    assert words(result.text) == words(" ".join(LETTER))


def test_docx_paragraphs_and_table_cells_are_read_in_order() -> None:
    data = builders.docx(LETTER, table=[["Year", "Requests"], ["2023", "412"]])
    result = extract_text(data, "reply.docx")
    assert (result.status, result.method) == ("ok", "docx")
    assert result.text.split("\n\n") == [*LETTER, "Year\tRequests\n2023\t412"]


def test_xlsx_rows_are_tab_separated_under_the_sheet_title() -> None:
    result = extract_text(builders.xlsx([["Ward", "Fines"], ["North", 12]]), "data.xlsx")
    assert (result.status, result.method, result.pages) == ("ok", "xlsx", 1)
    assert result.text.splitlines() == ["# Sheet1", "Ward\tFines", "North\t12"]


def test_odt_paragraphs_are_read() -> None:
    result = extract_text(builders.odt(LETTER), "reply.odt")
    assert (result.status, result.method) == ("ok", "odt")
    assert result.text.split("\n\n") == LETTER


def test_rtf_text_is_read() -> None:
    data = rb"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Dear Ms Jones,\par We do not hold the information.\par}"
    result = extract_text(data, "reply.rtf")
    assert (result.status, result.method) == ("ok", "rtf")
    assert words(result.text) == words("Dear Ms Jones, We do not hold the information.")


def test_html_keeps_visible_text_only() -> None:
    data = b"<html><head><style>p{}</style><title>t</title></head><body><p>Dear Sir,</p><script>x()</script><div>We hold it.</div></body></html>"
    result = extract_text(data, "reply.html")
    assert (result.status, result.method) == ("ok", "html")
    assert result.text.split("\n\n") == ["Dear Sir,", "We hold it."]


def test_cp1252_text_with_curly_quotes_is_decoded() -> None:
    data = "We hold \u201cthe report\u201d \u2013 attached.".encode("cp1252")
    result = extract_text(data, "reply.txt")
    assert (result.status, result.text) == ("ok", "We hold \u201cthe report\u201d \u2013 attached.")


def test_utf8_text_is_decoded_as_utf8() -> None:
    result = extract_text("Caf\u00e9 budget \u00a3450".encode(), "notes.txt")
    assert result.text == "Caf\u00e9 budget \u00a3450"


def test_utf16_text_with_bom_is_decoded() -> None:
    assert extract_text("Hello \u00e9".encode("utf-16"), "notes.txt").text == "Hello \u00e9"


def test_csv_cells_become_tab_separated_lines() -> None:
    result = extract_text(b'Name,Amount\r\n"Smith, J",450\r\n', "spend.csv", "text/csv")
    assert (result.method, result.text) == ("csv", "Name\tAmount\nSmith, J\t450")


def test_eml_body_and_attachment_text_are_both_read() -> None:
    data = builders.eml(
        "Please find our response attached.",
        [("response.pdf", "application/pdf", builders.pdf(["The information is not held."]))],
    )
    result = extract_text(data, "forwarded.eml")
    assert (result.status, result.method) == ("ok", "eml")
    assert "Please find our response attached." in result.text
    assert "--- attachment: response.pdf ---\nThe information is not held." in result.text


def test_eml_subject_header_is_kept() -> None:
    result = extract_text(builders.eml("Body."), "message.eml")
    assert "Subject: Freedom of Information Request FOI-2024-0099" in result.text.splitlines()


def test_empty_file_is_empty_not_an_error() -> None:
    result = extract_text(b"", "blank.txt")
    assert (result.status, result.text, result.error) == ("empty", "", None)
