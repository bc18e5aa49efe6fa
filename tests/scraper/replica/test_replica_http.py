"""Routes, status codes and headers, through a real HTTP client on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest
from lxml import html
from protego import Protego

from scraper.replica import Replica
from scraper.replica.robots import ROBOTS_TXT


def _first(replica: Replica, visibility: str) -> int:
    return next(rid for rid in replica.existing_ids() if replica._visibility(rid) == visibility)


def _with_attachment(replica: Replica, kind: str) -> tuple[int, object]:
    for rid in replica.listed_ids():
        truth = replica.truth(rid)
        assert truth is not None
        for att in truth.attachments:
            if att.file_kind == kind and not att.hidden:
                return rid, att
    raise AssertionError(f"no {kind} attachment")


def test_robots_txt_is_alaveteli_rules_one_per_line(client):
    reply = client.get("/robots.txt")
    assert reply.status == 200
    lines = reply.text.splitlines()
    assert "Allow: */request/*/response/*/attach/*" in lines
    assert "Disallow: */tor*" in lines
    assert all(line.count(":") == 1 for line in lines if not line.startswith("#"))


def test_robots_rules_allow_pages_and_block_feeds_and_the_replica_api():
    robots = Protego.parse(ROBOTS_TXT)
    assert robots.can_fetch("http://x/request/some_slug", "bot")
    assert robots.can_fetch("http://x/request/some_slug/response/1/attach/2/a.pdf", "bot")
    assert not robots.can_fetch("http://x/request/some_slug/response/1", "bot")
    assert not robots.can_fetch("http://x/feed/list/recent", "bot")
    assert not robots.can_fetch("http://x/_replica/truth/1.json", "bot")


def test_404_page_says_sorry(client):
    reply = client.get("/no/such/page")
    assert reply.status == 404
    assert (
        html.fromstring(reply.body).xpath('//div[@id="content"]//h1')[0].text
        == "Sorry, we couldn't find that page"
    )


def test_every_html_response_says_content_language_en(client, replica):
    reply = client.follow(f"/request/{replica.listed_ids()[0]}")
    assert reply.headers["content-language"] == "en"


def test_authorities_csv_has_the_exact_header(client):
    reply = client.get("/body/all-authorities.csv")
    rows = list(csv.reader(io.StringIO(reply.text)))
    assert rows[0] == [
        "Internal ID",
        "Name",
        "Short name",
        "URL name",
        "Tags",
        "Home page",
        "Publication scheme",
        "Disclosure log",
        "Notes",
        "Created at",
        "Updated at",
        "Version",
    ]
    assert reply.headers["content-type"] == "text/csv; charset=utf-8; header=present"


def test_authorities_csv_leaves_out_site_administration(client):
    names = [
        row[3] for row in csv.reader(io.StringIO(client.get("/body/all-authorities.csv").text))
    ]
    assert "internal_admin_authority" not in names and "cafcass" in names


def test_body_json_has_alaveteli_keys_in_order(client):
    data = client.get("/body/cafcass.json").json()
    assert list(data) == [
        "id",
        "url_name",
        "name",
        "short_name",
        "created_at",
        "updated_at",
        "home_page",
        "notes",
        "publication_scheme",
        "disclosure_log",
        "tags",
        "info",
    ]
    assert list(data["info"]) == [
        "requests_count",
        "requests_successful_count",
        "requests_not_held_count",
        "requests_overdue_count",
        "requests_visible_classified_count",
    ]


def test_body_page_lists_its_requests(client):
    doc = html.fromstring(client.get("/body/cafcass").body)
    assert (
        doc.xpath('//div[@id="content"]//h1')[0].text
        == "Children and Family Court Advisory and Support Service"
    )
    assert doc.xpath('//div[@class="request_listing"]')


def test_request_json_keys_and_rails_timestamps(client, replica):
    data = client.follow(f"/request/{replica.listed_ids()[0]}.json").json()
    assert list(data) == [
        "id",
        "url_title",
        "title",
        "created_at",
        "updated_at",
        "described_state",
        "display_status",
        "awaiting_description",
        "prominence",
        "law_used",
        "tags",
        "user",
        "public_body",
        "info_request_events",
    ]
    assert data["created_at"][19:23] == ".000" and data["created_at"][-6] in "+-"
    event = data["info_request_events"][0]
    assert list(event)[:9] == [
        "id",
        "event_type",
        "created_at",
        "described_state",
        "calculated_state",
        "last_described_at",
        "incoming_message_id",
        "outgoing_message_id",
        "comment_id",
    ]


def test_initial_sent_event_waiting_response_reads_clarification(client, replica):
    for rid in replica.listed_ids():
        data = client.follow(f"/request/{rid}.json").json()
        sent = data["info_request_events"][0]
        if sent["calculated_state"] == "waiting_response":
            assert (sent["event_type"], sent["display_status"]) == ("sent", "Clarification")
            return
    raise AssertionError("no request whose sent event is waiting_response")


def test_event_display_status_follows_alaveteli_rules(client, replica):
    from pipeline.states import display_status

    for rid in replica.listed_ids()[:60]:
        for event in client.follow(f"/request/{rid}.json").json()["info_request_events"]:
            if event["incoming_message_id"]:
                want = (
                    display_status(event["calculated_state"])
                    if event["calculated_state"]
                    else "Response"
                )
            elif event["outgoing_message_id"]:
                want = {
                    "internal_review": "Internal review request",
                    "waiting_response": "Clarification",
                }.get(event["calculated_state"], "Follow up")
            else:
                assert "display_status" not in event
                continue
            assert event["display_status"] == want


def test_numeric_id_redirects_301_to_the_slug(client, replica):
    rid = replica.listed_ids()[3]
    reply = client.get(f"/request/{rid}")
    assert (reply.status, reply.headers["location"]) == (301, f"/request/{replica.slug_of(rid)}")


def test_numeric_json_redirect_keeps_the_format(client, replica):
    rid = replica.listed_ids()[3]
    assert (
        client.get(f"/request/{rid}.json").headers["location"]
        == f"/request/{replica.slug_of(rid)}.json"
    )


def test_unknown_id_in_a_gap_is_404(client, replica):
    ids = replica.existing_ids()
    gap = next(n for n in range(ids[0] + 1, ids[1]) if replica.corpus.timeline.index_of(n) is None)
    assert client.get(f"/request/{gap}").status == 404


def test_other_formats_are_406(client, replica):
    assert client.get(f"/request/{replica.slug_of(replica.listed_ids()[0])}.atom").status == 406


def test_hidden_request_is_403_removed(client, replica):
    rid = _first(replica, "hidden")
    reply = client.get(f"/request/{replica.slug_of(rid)}")
    assert reply.status == 403
    assert (
        html.fromstring(reply.body).xpath('//div[@id="content"]//h1')[0].text
        == "Request has been removed"
    )


def test_hidden_request_json_is_bare_403_and_numeric_404(client, replica):
    rid = _first(replica, "hidden")
    assert (
        client.get(f"/request/{replica.slug_of(rid)}.json").status,
        client.get(f"/request/{rid}").status,
    ) == (403, 404)


def test_embargoed_request_is_404_everywhere(client, replica):
    rid = _first(replica, "embargoed")
    slug = replica.slug_of(rid)
    assert {
        client.get(p).status
        for p in (f"/request/{slug}", f"/request/{slug}.json", f"/request/{rid}")
    } == {404}


def test_backpage_request_is_200_with_noindex(client, replica):
    rid = _first(replica, "backpage")
    reply = client.get(f"/request/{replica.slug_of(rid)}")
    assert (reply.status, reply.headers["x-robots-tag"]) == (200, "noindex")


def test_version_json_counts_listed_requests(client, replica):
    data = client.get("/version.json").json()
    assert data["visible_request_count"] == len(replica.listed_ids())


def test_user_json_and_page(client, replica):
    user = replica.request(replica.listed_ids()[0]).user
    assert client.get(f"/user/{user.url_name}.json").json() == {
        "id": user.id,
        "url_name": user.url_name,
        "name": user.name,
        "ban_text": "",
        "about_me": user.about_me,
    }
    assert (
        html.fromstring(client.get(f"/user/{user.url_name}").body)
        .xpath('//div[@id="content"]//h1')[0]
        .text
        == user.name
    )


def test_unknown_user_is_404(client):
    assert client.get("/user/nobody_at_all_99999999").status == 404


def test_etag_gives_304_on_conditional_get(client, replica):
    path = f"/request/{replica.slug_of(replica.listed_ids()[0])}"
    etag = client.get(path).headers["etag"]
    assert client.get(path, **{"If-None-Match": etag}).status == 304


def test_last_modified_gives_304_on_conditional_get(client, replica):
    path = f"/request/{replica.slug_of(replica.listed_ids()[0])}.json"
    stamp = client.get(path).headers["last-modified"]
    assert client.get(path, **{"If-Modified-Since": stamp}).status == 304


def test_attachment_first_access_goes_to_the_wait_page_then_serves_the_file(client, replica):
    _rid, att = _with_attachment(replica, "docx")
    path = quote(att.download_path)
    first = client.get(path)
    assert first.status == 302 and first.headers["location"].startswith("/attachments/")
    wait = client.get(first.headers["location"])
    assert wait.status == 200 and wait.headers["x-robots-tag"] == "noindex"
    second = client.get(path)
    assert second.status == 200 and second.body[:2] == b"PK"


def test_attachment_headers_come_from_the_extension(client, replica):
    _rid, att = _with_attachment(replica, "csv")
    client.get(quote(att.download_path))
    reply = client.get(quote(att.download_path))
    assert reply.headers["content-type"] == "text/csv"
    assert reply.headers["content-disposition"].startswith("attachment")
    assert reply.headers["access-control-allow-origin"] == "*"


def test_wrong_attachment_filename_is_303_to_the_message(client, replica):
    rid, att = _with_attachment(replica, "pdf")
    wrong = att.download_path.rsplit("/", 1)[0] + "/wrong.pdf"
    reply = client.get(quote(wrong))
    assert (reply.status, reply.headers["location"]) == (
        303,
        f"/request/{replica.slug_of(rid)}#incoming-{att.incoming_message_id}",
    )


def test_numeric_attachment_path_redirects_to_the_slug(client, replica):
    rid, att = _with_attachment(replica, "pdf")
    numeric = att.download_path.replace(f"/request/{replica.slug_of(rid)}/", f"/request/{rid}/")
    assert client.get(quote(numeric)).headers["location"] == quote(att.download_path)


def test_html_view_of_a_pdf_shows_its_text(client, replica):
    _rid, att = _with_attachment(replica, "pdf")
    view = att.download_path.replace("/attach/", "/attach/html/") + ".html"
    client.get(quote(view))
    doc = html.fromstring(client.get(quote(view)).body)
    assert doc.xpath('//body[@id="wrapper"]/div[@class="view_html_prefix"]')
    assert att.text.split("\n")[0] in doc.text_content()


def test_list_is_25_per_page_with_a_result_count(client, replica):
    doc = html.fromstring(client.get("/list").body)
    assert len(doc.xpath('//div[@class="results_block"]/div[@class="request_listing"]')) == 25
    assert doc.xpath('//h2[@class="foi_results"]')[0].text.split() == [
        "About",
        str(len(replica.listed_ids())),
        "FOI",
        "requests",
        "found",
    ]


def test_list_page_21_is_404(client):
    assert client.get("/list?page=21").status == 404


def test_list_paginates_with_will_paginate_markup(client):
    doc = html.fromstring(client.get("/list?page=2").body)
    assert doc.xpath('//div[@class="pagination"]/em[@class="current"]')[0].text == "2"
    assert doc.xpath('//div[@class="pagination"]/a[@class="next_page"][@rel="next"]')


def test_list_all_redirects_to_list(client):
    assert client.get("/list/all").headers["location"] == "/list"


def _listed_slugs(client, query: str) -> list[str]:
    slugs = []
    for page in range(1, 21):
        reply = client.get(f"/list?{query}&page={page}" if query else f"/list?page={page}")
        hrefs = html.fromstring(reply.body).xpath(
            '//div[@class="request_listing"]//span[@class="head"]/a/@href'
        )
        if not hrefs:
            break
        slugs += [h.split("#")[0].removeprefix("/request/") for h in hrefs]
    return slugs


def test_list_collapses_to_one_entry_per_request(client):
    slugs = _listed_slugs(client, "")
    assert len(slugs) == len(set(slugs))


def test_list_never_shows_hidden_backpage_or_embargoed(client, replica):
    slugs = set(_listed_slugs(client, ""))
    unlisted = {
        replica.slug_of(r) for r in replica.existing_ids() if replica._visibility(r) != "public"
    }
    assert unlisted and not slugs & unlisted


def test_list_date_range_filters_on_indexed_event_dates(client, replica):
    from scraper.replica.history import london_date

    after, before = "01/01/2025", "31/03/2025"
    expected = set()
    for rid in replica.listed_ids():
        r = replica.request(rid)
        days = [
            london_date(e.at)
            for e in r.events
            if e.type in ("sent", "followup_sent", "response", "comment")
            and e.message.prominence == "normal"
        ]
        if any("2025-01-01" <= d.isoformat() <= "2025-03-31" for d in days):
            expected.add(r.url_title)
    assert (
        set(_listed_slugs(client, f"request_date_after={after}&request_date_before={before}"))
        == expected
    )


def test_list_orders_by_newest_matching_event(client, replica):
    doc = html.fromstring(client.get("/list").body)
    stamps = doc.xpath('//div[@class="request_listing"]//div[@class="requester"]/time/@datetime')
    assert stamps == sorted(stamps, reverse=True) and len(stamps) == 25


def test_truth_endpoint_reports_the_record(client, replica):
    rid = replica.listed_ids()[0]
    data = client.get(f"/_replica/truth/{rid}.json").json()
    assert data["record"]["id"] == rid and data["url_title"] == replica.slug_of(rid)


@pytest.mark.parametrize("path", ["/_replica/truth/1.json", "/_replica/nothing"])
def test_replica_api_unknowns_are_404(client, path):
    assert client.get(path).status == 404


def test_access_log_records_path_status_and_user_agent(client, server):
    client.get("/robots.txt?log-check")
    entry = [e for e in server.log if e["path"] == "/robots.txt?log-check"][-1]
    assert (entry["status"], entry["user_agent"], entry["method"]) == (
        200,
        "wdtk-tests/1.0 (+tests@example.org)",
        "GET",
    )


def test_truth_json_is_plain_json(client, replica):
    json.dumps(client.get("/_replica/truth/540577.json").json())


def _message_where(replica: Replica, test) -> tuple[int, object]:
    for rid in replica.listed_ids():
        for event in replica.request(rid).events:
            if event.type == "response" and test(event.message):
                return rid, event.message
    raise AssertionError("no such message")


def test_hidden_message_shows_its_notice_and_its_files_are_403(client, replica):
    rid, message = _message_where(replica, lambda m: m.prominence == "hidden" and m.attachments)
    doc = html.fromstring(client.get(f"/request/{replica.slug_of(rid)}").body)
    block = doc.xpath(f'//div[@id="incoming-{message.id}"]')[0]
    assert block.xpath('./p[@id="hidden_message"][@class="hidden_message"]') and not block.xpath(
        './/div[@class="correspondence_text"]'
    )
    att = message.attachments[0]
    path = f"/request/{replica.slug_of(rid)}/response/{message.id}/attach/{att.part}/{quote(att.filename)}"
    assert (client.get(path).status, client.get(path).body) == (403, b"Message has been removed")


def test_hidden_attachment_is_listed_without_a_name_and_403(client, replica):
    rid, message = _message_where(
        replica, lambda m: m.prominence == "normal" and any(a.hidden for a in m.attachments)
    )
    att = next(a for a in message.attachments if a.hidden)
    doc = html.fromstring(client.get(f"/request/{replica.slug_of(rid)}").body)
    assert doc.xpath(
        f'//div[@id="incoming-{message.id}"]//li[contains(@class,"attachment")]/span[@class="hidden_attachment"]'
    )
    path = f"/request/{replica.slug_of(rid)}/response/{message.id}/attach/{att.part}/{quote(att.filename)}"
    assert (client.get(path).status, client.get(path).body) == (403, b"Attachment has been removed")


def test_attachment_without_a_filename_is_403_directory_listing(client, replica):
    _rid, att = _with_attachment(replica, "pdf")
    path = att.download_path.rsplit("/", 1)[0]
    assert (client.get(quote(path)).status, client.get(quote(path)).body) == (
        403,
        b"Directory listing not allowed",
    )


def test_resent_request_renders_a_box_and_the_truth_lists_the_resend(client, replica):
    rid = next(
        r
        for r in replica.listed_ids()
        if any(e.type == "resent" for e in replica.request(r).events)
    )
    truth = replica.truth(rid)
    first = truth.page.items[0]
    doc = html.fromstring(client.get(f"/request/{truth.url_title}").body)
    boxes = doc.xpath(
        f'//div[@id="outgoing-{first.id}"][contains(@class,"box")]/p[@class="event_plain"]'
    )
    assert len(first.resent_at) == 1 and "again." in boxes[0].text_content()


def test_status_sentence_due_date_matches_the_truth(client, replica):
    truth = next(
        t for t in map(replica.truth, replica.listed_ids()) if t.status == "waiting_response"
    )
    doc = html.fromstring(client.get(f"/request/{truth.url_title}").body)
    assert doc.xpath('//div[@id="request_status"]/p/strong/time/@datetime') == [
        truth.page.due_date.isoformat()
    ]


def test_replica_log_endpoint_returns_the_access_log(client):
    client.get("/robots.txt?for-log-endpoint")
    entries = client.get("/_replica/log").json()
    assert any(e["path"] == "/robots.txt?for-log-endpoint" for e in entries)


def test_ids_endpoint_lists_visible_and_listed(client, replica):
    data = client.get("/_replica/ids.json").json()
    assert (data["visible"], data["listed"]) == (replica.visible_ids(), replica.listed_ids())


def test_details_page_tables_every_event(client, replica):
    truth = replica.truth(replica.listed_ids()[5])
    doc = html.fromstring(client.get(f"/request/{truth.url_title}/details").body)
    assert [h.text for h in doc.xpath("//table/thead/tr/th")] == [
        "id",
        "event_type",
        "details",
        "created_at",
        "described_state",
        "calculated_state",
        "last_described_at",
        "link",
    ]
    ids = [
        int(td.text_content().strip("\xa0\n "))
        for td in doc.xpath('//table/tr/td[@data-label="id"]')
    ]
    assert ids == [e.id for e in truth.record.events]


def test_batch_page_lists_the_batch_requests(client, replica):
    member = next(replica.request(r) for r in replica.listed_ids() if replica.request(r).batch_id)
    doc = html.fromstring(client.get(f"/info_request_batch/{member.batch_id}").body)
    assert f"/request/{member.url_title}" in doc.xpath(
        '//ul[@class="batch-request-list"]/li/a/@href'
    )


def test_unknown_batch_is_404(client):
    assert client.get("/info_request_batch/99").status == 404
