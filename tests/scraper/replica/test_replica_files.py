"""Attachment files: real formats laid out as authorities lay them out, readable by the usual
libraries, masked as WDTK masks them, and sized as labelled."""

from __future__ import annotations

import csv
import email
import email.policy
import html
import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

import docx
import openpyxl
import pdfplumber
import pytest

from scraper.replica import Replica
from scraper.replica.files import size_label
from scraper.replica.render.mail import MailSpec
from scraper.replica.render.pdf import PdfSpec
from scraper.replica.render.word import DocxSpec
from scraper.replica.wording.doc import Para


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def attachments(replica: Replica):
    """Every visible attachment with its layout: (truth, layout, request id)."""
    found = []
    for rid in replica.listed_ids():
        request = replica.request(rid)
        layouts = {
            (e.message.id, a.part): a.layout
            for e in request.events
            if e.message
            for a in e.message.attachments
        }
        found += [(att, layouts[(att.incoming_message_id, att.part)], rid)
                  for att in replica.truth(rid).attachments if not att.hidden]  # fmt: skip
    return found


def _file(replica: Replica, att, rid: int) -> bytes:
    return replica.attachment_file(rid, att.incoming_message_id, att.part).data


def _first(
    attachments: list[tuple[Any, Any, int]], test: Callable[[Any, Any, int], bool]
) -> tuple[Any, Any, int]:
    return next(item for item in attachments if test(*item))


@pytest.fixture(scope="module")
def by_kind(replica: Replica, attachments):
    found = {}
    for att, _layout, rid in attachments:
        if att.file_kind not in found:
            found[att.file_kind] = (
                att,
                replica.attachment_file(rid, att.incoming_message_id, att.part),
            )
    return found


def _decision_sentence(layout: PdfSpec | DocxSpec) -> str:
    return next(b.text for b in layout.doc.blocks if isinstance(b, Para) and len(b.text) > 80)


def test_pdf_text_layer_holds_the_letter_with_page_furniture(replica, attachments):
    texts = 0
    for att, layout, rid in attachments:
        if not (isinstance(layout, PdfSpec) and layout.scanned == ""):
            continue
        pages = pdfplumber.open(io.BytesIO(_file(replica, att, rid))).pages
        text = _flat(" ".join(page.extract_text() or "" for page in pages))
        assert _flat(_decision_sentence(layout))[:60] in text
        assert att.letter.authority_ref is None or att.letter.authority_ref in text
        if layout.doc.marking:
            assert all(layout.doc.marking in (page.extract_text() or "") for page in pages)
        if len(pages) > 1 and "{t}" in layout.numbering:
            assert layout.numbering.format(n=len(pages), t=len(pages)) in (
                pages[-1].extract_text() or ""
            )
        texts += 1
        if texts >= 25:
            break
    assert texts >= 25


def test_some_pdfs_run_to_several_pages_and_some_have_scanned_annexes(replica, attachments):
    many = _first(attachments, lambda a, lay, r: isinstance(lay, PdfSpec) and not lay.scanned and len(pdfplumber.open(io.BytesIO(_file(replica, a, r))).pages) > 1)  # fmt: skip
    assert many
    att, _layout, rid = _first(
        attachments, lambda a, lay, r: isinstance(lay, PdfSpec) and lay.scanned == "annex"
    )
    pages = pdfplumber.open(io.BytesIO(_file(replica, att, rid))).pages
    assert (
        (pages[0].extract_text() or "").strip()
        and pages[-1].images
        and not (pages[-1].extract_text() or "").strip()
    )


def test_image_pdf_pages_are_pictures_without_text(by_kind):
    _att, file = by_kind["image_pdf"]
    for page in pdfplumber.open(io.BytesIO(file.data)).pages:
        assert (page.extract_text() or "").strip() == "" and len(page.images) == 1


def test_docx_holds_the_letter_in_paragraphs_tables_headers_and_footers(replica, attachments):
    seen_header = seen_table = 0
    for att, layout, rid in [item for item in attachments if isinstance(item[1], DocxSpec)][:15]:
        document = docx.Document(io.BytesIO(_file(replica, att, rid)))
        body = _flat(" ".join(p.text for p in document.paragraphs))
        assert _flat(_decision_sentence(layout))[:60] in body
        cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
        assert att.letter.authority_ref in body + cells
        header = " ".join(p.text for p in document.sections[0].header.paragraphs)
        seen_header += (
            layout.letterhead_in_header
            and bool(layout.doc.letterhead)
            and layout.doc.letterhead[0] in header
        )
        seen_table += bool(document.tables)
    assert seen_header and seen_table


def test_eml_forwards_carry_the_letter_above_the_quoted_request(replica, attachments):
    styles, bodies = set(), set()
    for att, layout, rid in attachments:
        if not isinstance(layout, MailSpec):
            continue
        message = email.message_from_bytes(_file(replica, att, rid), policy=email.policy.default)
        part = message.get_body(preferencelist=("plain", "html"))
        text = part.get_content()
        if part.get_content_type() == "text/html":
            text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        letter_start = _flat(layout.letter)[:50]
        flat = _flat(text)
        assert letter_start in flat
        request_line = next(line for line in layout.request.split("\n") if len(line) > 30)
        assert flat.index(letter_start) < flat.index(_flat(request_line)[:30])
        styles.add(layout.style)
        bodies.add(
            message.get_content_type() if not message.is_multipart() else "multipart/alternative"
        )
    assert {"outlook", "original", "gmail", "reply"} <= styles
    assert {"text/plain", "text/html", "multipart/alternative"} <= bodies


def test_outlook_forward_blocks_are_there(replica, attachments):
    att, _layout, rid = _first(
        attachments,
        lambda a, lay, r: (
            isinstance(lay, MailSpec) and lay.style == "outlook" and lay.body == "plain"
        ),
    )
    text = email.message_from_bytes(
        _file(replica, att, rid), policy=email.policy.default
    ).get_content()
    assert re.search(r"^From: .+\nSent: .+\nTo: .+\nSubject: .+$", text, re.M)


def test_multipart_mail_is_byte_identical_across_builds(replica, attachments):
    att, _layout, rid = _first(
        attachments, lambda a, lay, r: isinstance(lay, MailSpec) and lay.body == "alternative"
    )
    assert _file(replica, att, rid) == _file(replica, att, rid)
    assert (
        email.message_from_bytes(_file(replica, att, rid)).get_content_type()
        == "multipart/alternative"
    )


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


def test_masks_are_applied_as_wdtk_applies_them(replica, attachments):
    for att, layout, _rid in attachments[:80]:
        if att.file_kind in ("txt", "eml"):
            assert "@" not in att.text.replace("[email address]", "")
        elif isinstance(layout, PdfSpec | DocxSpec):
            assert "whatdotheyknow.com" not in att.text and not re.search(
                r"\w+@[a-w]", att.text.replace("x@", "")
            ), att.text


@pytest.mark.parametrize("kind", ["pdf", "image_pdf", "docx", "xlsx", "csv", "txt", "eml"])
def test_size_label_matches_the_bytes_served(by_kind, kind):
    att, file = by_kind[kind]
    assert (len(file.data), size_label(len(file.data))) == (att.size, size_label(att.size))


@pytest.mark.parametrize("kind", ["pdf", "docx", "xlsx", "eml"])
def test_files_are_byte_identical_across_builds(by_kind, replica, kind):
    att, file = by_kind[kind]
    rid = next(
        r for r in replica.listed_ids() if any(a == att for a in replica.truth(r).attachments)
    )
    assert replica.attachment_file(rid, att.incoming_message_id, att.part).data == file.data
    if kind in ("docx", "xlsx"):
        dates = {i.date_time for i in zipfile.ZipFile(io.BytesIO(file.data)).infolist()}
        assert dates == {(2019, 1, 1, 0, 0, 0)}


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
