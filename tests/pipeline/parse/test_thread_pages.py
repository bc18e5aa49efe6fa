"""Each 2019 page read by eye: authors, organisations, attachments, ids."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.parse.thread import parse_thread
from pipeline.records import ThreadPage
from tests.pipeline.parse.support import fixture_page
from tests.support import FIXTURES_2019

pytestmark = pytest.mark.shared(*FIXTURES_2019)
MHCLG = "Ministry of Housing, Communities and Local Government"


def page(name: str) -> ThreadPage:
    return parse_thread(fixture_page(name).read_bytes())


def test_psl_schemes_incoming_author_has_a_trailing_comma_and_no_authority() -> None:
    p = page("1000437.html")
    assert [(i.author, i.author_organisation) for i in p.items] == [
        ("DMS Ltd", None),
        ("Despatch Box", None),
        ("Despatch Box", None),
        ("Despatch Box", None),
    ]


def test_psl_schemes_attachment() -> None:
    (att,) = page("1000437.html").items[3].attachments
    assert (att.name, att.part, att.content_type) == ("Response not held.pdf", 2, "application/pdf")


def test_psl_schemes_request_id_from_numeric_links() -> None:
    assert page("1000437.html").request_id == 412769


def test_statutory_overrides_authors() -> None:
    authors = [i.author for i in page("1320499.html").items]
    assert authors == ["Joel M Benjamin"] + ["Despatch Box"] * 3 + ["Joel M Benjamin"] * 2 + [
        "Despatch Box"
    ] * 4 + ["Joel M Benjamin", "Despatch Box"]


def test_statutory_overrides_organisation_keeps_the_comma_in_the_authority_name() -> None:
    incoming = [i for i in page("1320499.html").items if i.kind == "incoming"]
    assert {i.author_organisation for i in incoming} == {MHCLG}


def test_statutory_overrides_two_attachments_on_one_message() -> None:
    item = next(i for i in page("1320499.html").items if i.id == 1315636)
    assert [(a.name, a.size_label, a.content_type) for a in item.attachments] == [
        (
            "Appendix 1 4011595.xlsx.xlsx",
            "16K",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("Response all information to be supplied.pdf", "117K", "application/pdf"),
    ]


def test_statutory_overrides_folded_message_loses_only_the_link() -> None:
    item = next(i for i in page("1320499.html").items if i.id == 1313651)
    assert (item.body.endswith("Joel M Benjamin"), item.quoted) == (True, None)


def test_acreage_authors_and_attachment() -> None:
    p = page("1387653.html")
    assert [i.author for i in p.items] == ["Jonathan Sheppard", "Despatch Box", "Despatch Box"]
    assert [a.name for a in p.items[2].attachments] == [
        "Response all information to be supplied.pdf"
    ]


def test_office_conversions_authors_and_attachment() -> None:
    p = page("1394569.html")
    assert [i.author for i in p.items] == ["Steven Lees", "Despatch Box", "Despatch Box"]
    assert [a.name for a in p.items[2].attachments] == ["Response not held.pdf"]


def test_sprinklers_due_date_from_the_status_sentence() -> None:
    assert page("1398788.html").due_date == date(2019, 8, 12)


def test_sprinklers_authors_and_no_attachments() -> None:
    p = page("1398788.html")
    assert [(i.author, len(i.attachments)) for i in p.items] == [
        ("Sean Brawley", 0),
        ("Despatch Box", 0),
    ]


def test_misfeasance_annotations_author_and_profile() -> None:
    notes = [i for i in page("88779.html").items if i.kind == "annotation"]
    assert [(n.id, n.author, n.author_url_name) for n in notes] == [
        (88748, "A Wilkinson", "a_wilkinson_2"),
        (88779, "A Wilkinson", "a_wilkinson_2"),
    ]


def test_misfeasance_annotation_body() -> None:
    note = page("88779.html").items[2]
    assert note.body == "Notoriously difficult to prove I am advised. Dire situation."


def test_misfeasance_attachment_fields() -> None:
    (att,) = page("88779.html").items[1].attachments
    assert (att.name, att.part, att.url, att.html_url, att.size_label, att.size_bytes) == (
        "Response.pdf",
        2,
        "/request/583390/response/1398278/attach/2/Response.pdf",
        "/request/583390/response/1398278/attach/html/2/Response.pdf.html",
        "82K",
        82 * 1024,
    )


def test_misfeasance_incoming_body_keeps_line_breaks() -> None:
    body = page("88779.html").items[1].body
    assert body == (
        "Please find attached a response to your recent email to MHCLG.\n\n"
        "Regards.\nNOTE: Please do not edit the subject line when replying to this email."
    )


def test_misfeasance_outgoing_delivery_status() -> None:
    assert page("88779.html").items[0].delivery_status == "delivered"


def test_marriage_campaign_authors_include_a_second_sender() -> None:
    authors = [i.author for i in page("921139.html").items]
    assert authors == [
        "Vishal Vora",
        "Despatch Box",
        "Vishal Vora",
        "Vishal Vora",
        "Despatch Box",
        "Despatch Box",
        "Vishal Vora",
        "FoI Requests",
        "Vishal Vora",
    ]


def test_marriage_campaign_attachment() -> None:
    names = [a.name for i in page("921139.html").items for a in i.attachments]
    assert names == ["Response all information to be supplied.pdf"]
