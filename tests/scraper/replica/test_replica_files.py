"""Attachment files: real formats, readable by the usual libraries, sizes as labelled."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import zipfile

import docx
import openpyxl
import pdfplumber
import pytest

from scraper.replica import Replica
from scraper.replica.files import size_label


@pytest.fixture(scope="module")
def by_kind(replica: Replica):
    found = {}
    for rid in replica.listed_ids():
        for att in replica.truth(rid).attachments:
            if not att.hidden and att.file_kind not in found:
                found[att.file_kind] = (
                    att,
                    replica.attachment_file(rid, att.incoming_message_id, att.part),
                )
    return found


def test_pdf_has_a_text_layer_with_the_letter(by_kind):
    att, file = by_kind["pdf"]
    text = pdfplumber.open(io.BytesIO(file.data)).pages[0].extract_text()
    assert att.text.split("\n")[0].strip() in text


def test_image_pdf_has_no_text_layer_but_an_image(by_kind):
    _att, file = by_kind["image_pdf"]
    page = pdfplumber.open(io.BytesIO(file.data)).pages[0]
    assert (page.extract_text() or "").strip() == "" and len(page.images) == 1


def test_docx_paragraphs_hold_the_letter(by_kind):
    att, file = by_kind["docx"]
    paragraphs = [p.text for p in docx.Document(io.BytesIO(file.data)).paragraphs]
    assert paragraphs[0] == att.text.split("\n\n")[0]


def test_xlsx_rows_match_the_text(by_kind):
    att, file = by_kind["xlsx"]
    rows = list(openpyxl.load_workbook(io.BytesIO(file.data)).active.values)
    assert "\n".join("\t".join(str(c) for c in row) for row in rows) == att.text


def test_csv_rows_match_the_text(by_kind):
    att, file = by_kind["csv"]
    rows = list(csv.reader(io.StringIO(file.data.decode())))
    assert "\n".join("\t".join(row) for row in rows) == att.text


def test_txt_is_the_text(by_kind):
    att, file = by_kind["txt"]
    assert file.data.decode("utf-8") == att.text


def test_eml_is_a_forwarded_message_carrying_the_letter(by_kind):
    att, file = by_kind["eml"]
    message = email.message_from_bytes(file.data, policy=email.policy.default)
    assert message["Subject"].startswith("FW: ")
    assert att.text.split("\n")[0] in message.get_payload(decode=True).decode()


@pytest.mark.parametrize("kind", ["pdf", "image_pdf", "docx", "xlsx", "csv", "txt", "eml"])
def test_size_label_matches_the_bytes_served(by_kind, kind):
    att, file = by_kind[kind]
    assert (len(file.data), size_label(len(file.data))) == (att.size, size_label(att.size))


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_office_files_are_byte_identical_across_builds(by_kind, replica, kind):
    att, file = by_kind[kind]
    rid = next(
        r for r in replica.listed_ids() if any(a == att for a in replica.truth(r).attachments)
    )
    assert replica.attachment_file(rid, att.incoming_message_id, att.part).data == file.data
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(file.data)).infolist()} == {
        (2019, 1, 1, 0, 0, 0)
    }


def test_binary_attachments_mask_addresses_keeping_length():
    from scraper.replica.attach import binary_mask

    masked = binary_mask("to request-540577-0449ba39@whatdotheyknow.com.")
    assert (
        masked
        == "to "
        + "x" * len("request-540577-0449ba39")
        + "@"
        + "x" * len("whatdotheyknow")
        + ".xxx."
    )
