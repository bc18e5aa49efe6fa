"""parse_thread on hand-written pages in today's markup (tests/files/thread_current*.html)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from pipeline.parse.thread import parse_thread
from pipeline.records import ThreadItem, ThreadPage
from tests.pipeline.parse.support import FILES

UTC = UTC
COUNCIL = "Borough Council of King's Lynn & West Norfolk, Norfolk"
DFT = "Department for Transport, Local Roads and Parking"


@pytest.fixture(scope="module")
def page() -> ThreadPage:
    return parse_thread((FILES / "thread_current.html").read_bytes())


@pytest.fixture(scope="module")
def anon() -> ThreadPage:
    return parse_thread((FILES / "thread_current_anonymous.html").read_bytes())


def item(page: ThreadPage, kind: str, item_id: int) -> ThreadItem:
    return next(i for i in page.items if (i.kind, i.id) == (kind, item_id))


def test_current_markup_is_detected(page: ThreadPage) -> None:
    assert page.markup == "current"


def test_header_fields(page: ThreadPage) -> None:
    assert (page.title, page.authority_name, page.authority_url_name) == (
        "Air quality monitoring near schools",
        COUNCIL,
        "kings_lynn_and_west_norfolk",
    )


def test_requester_link(page: ThreadPage) -> None:
    assert (page.requester_name, page.requester_url_name) == ("Priya Shah", "priya_shah")


def test_eir_subtitle_gives_law_used_eir(page: ThreadPage) -> None:
    assert page.law_used == "eir"


def test_batch_id_from_the_subtitle_link(page: ThreadPage) -> None:
    assert page.batch_id == 4711


def test_due_date_from_the_status_sentence(page: ThreadPage) -> None:
    assert (page.status, page.due_date) == ("waiting_response", date(2024, 2, 2))


def test_url_title_from_the_json_alternate_link(page: ThreadPage) -> None:
    assert page.url_title == "air_quality_monitoring_near_scho"


def test_items_in_page_order_with_resent_block_folded_into_its_original(page: ThreadPage) -> None:
    assert [(i.kind, i.id) for i in page.items] == [
        ("outgoing", 1500001),
        ("incoming", 2600001),
        ("outgoing", 1500002),
        ("incoming", 2600002),
        ("annotation", 120001),
        ("outgoing", 1500003),
    ]


def test_resent_block_becomes_resent_at_on_the_original(page: ThreadPage) -> None:
    original = item(page, "outgoing", 1500001)
    assert (original.sent_at, original.resent_at) == (
        datetime(2024, 1, 4, 9, 15, 2, tzinfo=UTC),
        [datetime(2024, 1, 8, 11, 0, tzinfo=UTC)],
    )


def test_outgoing_body_keeps_paragraphs_and_line_breaks(page: ThreadPage) -> None:
    assert item(page, "outgoing", 1500001).body == (
        f"Dear {COUNCIL},\n\n"
        "Please send me the locations of all air quality monitors\n"
        "within 500m of a school, and the readings for 2023.\n\n"
        "Yours faithfully,\n\nPriya Shah"
    )


def test_delivery_status_of_a_followup(page: ThreadPage) -> None:
    assert item(page, "outgoing", 1500003).delivery_status == "sent"


def test_incoming_author_and_organisation_split_on_the_known_authority(page: ThreadPage) -> None:
    incoming = item(page, "incoming", 2600001)
    assert (incoming.author, incoming.author_organisation) == (
        "Information Governance Team",
        COUNCIL,
    )


def test_redaction_masks_survive_as_text(page: ThreadPage) -> None:
    assert (
        "contact\n[email address] or call [mobile number]." in item(page, "incoming", 2600001).body
    )


def test_unfolded_quotes_are_kept_apart_from_the_body(page: ThreadPage) -> None:
    incoming = item(page, "incoming", 2600001)
    assert incoming.body == (
        "Dear Ms Shah,\n\n"
        "Please find our response attached. If you have any questions, contact\n"
        "[email address] or call [mobile number].\n\n"
        "Regards,\nInformation Governance Team"
    )


def test_unfolded_quoted_section_text(page: ThreadPage) -> None:
    assert item(page, "incoming", 2600001).quoted == (
        "-----Original Message-----\n"
        "From: Priya Shah [email address]\n"
        "Sent: 04 January 2024 09:15\n"
        "Subject: Environmental Information Regulations request\n\n"
        "Dear Borough Council,"
    )


def test_page_with_hide_quoted_sections_link_is_unfolded(page: ThreadPage) -> None:
    assert page.unfolded is True


def test_attachments_in_page_order_including_hidden_and_erased(page: ThreadPage) -> None:
    atts = item(page, "incoming", 2600001).attachments
    assert [(a.wdtk_id, a.name, a.hidden, a.erased) for a in atts] == [
        (9100001, "Monitor locations 2023.xlsx", False, False),
        (9100002, "", True, False),
        (9100003, "Officer notes.docx", False, True),
        (9100004, "EIR response.pdf", False, False),
    ]


def test_attachment_urls_without_cookie_passthrough(page: ThreadPage) -> None:
    pdf = item(page, "incoming", 2600001).attachments[3]
    assert (pdf.part, pdf.url, pdf.html_url) == (
        5,
        "/request/air_quality_monitoring_near_scho/response/2600001/attach/5/EIR%20response.pdf",
        "/request/air_quality_monitoring_near_scho/response/2600001/attach/html/5/EIR%20response.pdf.html",
    )


def test_megabyte_size_label_and_icon_content_type(page: ThreadPage) -> None:
    xlsx = item(page, "incoming", 2600001).attachments[0]
    assert (xlsx.size_label, xlsx.size_bytes, xlsx.content_type) == (
        "1.3M",
        round(1.3 * 1024 * 1024),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_hidden_attachment_has_no_link_or_type(page: ThreadPage) -> None:
    hidden = item(page, "incoming", 2600001).attachments[1]
    assert (hidden.url, hidden.part, hidden.content_type) == (None, None, None)


def test_hidden_outgoing_message_is_kept_with_its_notice(page: ThreadPage) -> None:
    hidden = item(page, "outgoing", 1500002)
    assert (hidden.prominence, hidden.body, hidden.sent_at, hidden.hidden_notice[:30]) == (
        "requester_only",
        "",
        None,
        "This message has been hidden. ",
    )


def test_hidden_incoming_message_keeps_its_header(page: ThreadPage) -> None:
    hidden = item(page, "incoming", 2600002)
    assert (hidden.prominence, hidden.sent_at, hidden.body) == (
        "hidden",
        datetime(2024, 1, 12, 8, 1, tzinfo=UTC),
        "",
    )


def test_trailing_comma_author_without_authority(page: ThreadPage) -> None:
    hidden = item(page, "incoming", 2600002)
    assert (hidden.author, hidden.author_organisation) == ("Jo Bloggs", None)


def test_annotation_author_body_and_time(page: ThreadPage) -> None:
    note = item(page, "annotation", 120001)
    assert (note.author, note.author_url_name, note.sent_at, note.body) == (
        "Tom Reader",
        "tom_reader",
        datetime(2024, 1, 15, 19, 30, 45, tzinfo=UTC),
        "The council publishes some of this at https://example.org/air.\nWorth a look.",
    )


def test_anonymous_requester_has_no_name(anon: ThreadPage) -> None:
    assert (anon.requester_name, anon.requester_url_name) == (None, None)


def test_foi_subtitle_gives_law_used_foi(anon: ThreadPage) -> None:
    assert (anon.law_used, anon.batch_id) == ("foi", None)


def test_waiting_classification_status_without_due_date(anon: ThreadPage) -> None:
    assert (anon.status, anon.due_date) == ("waiting_classification", None)


def test_z_suffix_timestamp_is_utc(anon: ThreadPage) -> None:
    sent = anon.items[0].sent_at
    assert (sent, sent.utcoffset()) == (
        datetime(2023, 11, 30, 23, 59, 59, tzinfo=UTC),
        timedelta(0),
    )


def test_sender_named_as_the_authority_gives_it_as_both_parts(anon: ThreadPage) -> None:
    incoming = anon.items[1]
    assert (incoming.author, incoming.author_organisation) == (DFT, DFT)


def test_folded_page_drops_the_show_quoted_sections_link(anon: ThreadPage) -> None:
    incoming = anon.items[1]
    assert (incoming.body, incoming.quoted, anon.unfolded) == (
        "Thank you for your request, which we received on 30 November.",
        None,
        False,
    )


def test_requester_only_class_is_the_prominence(anon: ThreadPage) -> None:
    assert anon.items[2].prominence == "requester_only"


def test_attachment_only_email_has_empty_body(anon: ThreadPage) -> None:
    incoming = anon.items[2]
    assert (incoming.body, [a.name for a in incoming.attachments]) == ("", ["fines.csv"])


def test_csv_attachment_from_icon(anon: ThreadPage) -> None:
    csv = anon.items[2].attachments[0]
    assert (csv.content_type, csv.size_bytes, csv.wdtk_id) == ("text/csv", 2048, 9200003)


def test_hidden_main_body_part_gives_no_body_but_a_notice(anon: ThreadPage) -> None:
    hidden = anon.items[3]
    assert (hidden.id, hidden.body, hidden.hidden_notice) == (
        2700003,
        "",
        "This attachment has been hidden. It contained a name. Please contact us if you have any questions.",
    )
