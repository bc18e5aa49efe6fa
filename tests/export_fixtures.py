"""A small, realistic corpus inserted straight into the database, for the export and view tests.

Three authorities with requests (and one without): Birmingham City Council has eight requests,
one hidden on the site, enough for its rates to be published; MHCLG has three (one from an
external requester, one overdue); Cafcass has the internal review of seed letter 000.
The expected figures the tests check are worked out by hand in the test modules.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.engine import Connection, Engine

from db.models import (
    Attachment,
    Authority,
    AuthorityChange,
    InternalReview,
    LetterAnalysis,
    Message,
    ProvisionCitation,
    Request,
    RequestAnalysis,
    Requester,
    RequestEvent,
    RequestSlug,
)

BIRMINGHAM, MHCLG, CAFCASS, LEEDS = 1, 2, 3, 4
BIRMINGHAM_IDS = tuple(range(100001, 100009))
HIDDEN_ID = 100008
BACKPAGE_ID = 100007
OVERDUE_ID = 1398788
EXTERNAL_ID = 1387653
CAFCASS_ID = 540577
MHCLG_IDS = (1320499, EXTERNAL_ID, OVERDUE_ID)
VISIBLE_IDS = (*BIRMINGHAM_IDS[:-1], *MHCLG_IDS, CAFCASS_ID)
ALL_IDS = (*BIRMINGHAM_IDS, *MHCLG_IDS, CAFCASS_ID)
REQUESTER_OF: dict[int, str | None] = {
    **{
        rid: ("joe_bloggs" if i % 2 == 0 else "joel_m_benjamin")
        for i, rid in enumerate(BIRMINGHAM_IDS)
    },
    1320499: "joel_m_benjamin",
    EXTERNAL_ID: None,
    OVERDUE_ID: "a_wilkinson",
    CAFCASS_ID: "victoria_soeder",
}
NAMES = {
    "joe_bloggs": "Joe Bloggs",
    "joel_m_benjamin": "Joel M Benjamin",
    "victoria_soeder": "Victoria Soeder",
    "a_wilkinson": "A Wilkinson",
}
EXTERNAL_NAME = "Jonathan Sheppard"
HIDDEN_MESSAGE_ID = 13204993
# Birmingham's requests in order: timeliness, outcome (after any review), review verdict, and
# the outcome of the response the review was asked of.
BIRMINGHAM_FACTS = (
    ("on_time", "granted_in_full", "overturned", "withheld_in_full"),  # a refusal reversed
    ("on_time", "granted_in_full", "upheld", "granted_in_full"),
    ("on_time", "granted_in_full", "upheld", "granted_in_full"),
    ("on_time", "partly_withheld", "partly_upheld", "withheld_in_full"),
    ("on_time", "not_held", "upheld", "not_held"),
    ("late", "withheld_in_full", "upheld", "withheld_in_full"),  # a refusal upheld
    ("very_late", None, None, None),  # review asked for, still unanswered and overdue
    ("on_time", "granted_in_full", "overturned", "cost_limit"),  # hidden: counts nowhere
)
# (request index, citation, kind, role) named in Birmingham's letters, in order of mention.
BIRMINGHAM_CITATIONS = (
    (0, "FOIA s40(2)", "absolute", "relied_on"),
    (0, "FOIA s1(1)(a)", "procedural", "relied_on"),
    (0, "FOIA s50", "procedural", "mentioned"),  # the right to complain to the ICO
    (1, "FOIA s40(2)", "absolute", "relied_on"),
    (1, "FOIA s36(2)(c)", None, "relied_on"),
    (2, "FOIA s40(2)", "absolute", "relied_on"),
    (2, "FOIA s36(2)(c)", None, "relied_on"),
    (3, "FOIA s43(2)", "qualified", "mentioned"),  # considered, not applied
    (3, "FOIA s40(2)", "absolute", "relied_on"),
    (3, "FOIA s43(2)", "qualified", "relied_on"),
    (5, "FOIA s44(1)(a)", "absolute", "mentioned"),  # quoted from the Act, not relied on
    (7, "FOIA s31(1)(a)", "qualified", "relied_on"),
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def outgoing_id(request_id: int) -> int:
    return request_id * 10 + 1


def incoming_id(request_id: int) -> int:
    return request_id * 10 + 2


def _authorities() -> list[dict[str, Any]]:
    rows = [
        (BIRMINGHAM, "birmingham_city_council", "Birmingham City Council", None,
         [["local_council", None], ["gss", "E08000025"]]),
        (MHCLG, "ministry_of_housing_communities_and_local_government",
         "Ministry of Housing, Communities and Local Government", "MHCLG",
         [["ministerial_department", None]]),
        (CAFCASS, "cafcass", "Children and Family Court Advisory and Support Service", "Cafcass", []),
        (LEEDS, "leeds_city_council", "Leeds City Council", None, [["local_council", None]]),
    ]  # fmt: skip
    return [
        {"id": i, "url_name": u, "name": n, "short_name": s, "tags": t,
         "created_at": utc(2008, 1, 1), "gss_code": "E08000025" if i == BIRMINGHAM else None}
        for i, u, n, s, t in rows
    ]  # fmt: skip


def _request_rows() -> list[dict[str, Any]]:
    rows = []
    for i, rid in enumerate(BIRMINGHAM_IDS):
        visibility = (
            "hidden" if rid == HIDDEN_ID else "backpage" if rid == BACKPAGE_ID else "public"
        )
        state = "internal_review" if i == 6 else "successful" if i < 4 else "rejected"
        rows.append(
            (
                rid,
                f"pothole_repairs_{i}",
                f"Pothole repairs in ward {i + 1}",
                BIRMINGHAM,
                utc(2019, 1, 2 + i, 10),
                state,
                visibility,
            )
        )
    rows += [
        (1320499, "requests_for_statutory_overrides", "Requests for 'Statutory Overrides'", MHCLG,
         utc(2019, 1, 17, 11, 57, 10), "partially_successful", "public"),
        (EXTERNAL_ID, "current_acreage_of_private_garde", "Current acreage of private gardens",
         MHCLG, utc(2019, 6, 11, 19, 29, 28), "successful", "public"),
        (OVERDUE_ID, "guidance_on_sprinklers", "Guidance on Sprinklers", MHCLG,
         utc(2019, 7, 12, 20, 3, 11), "waiting_response", "public"),
        (CAFCASS_ID, "policy_on_recording", "Policy on recording meetings", CAFCASS,
         utc(2018, 12, 3, 9, 15), "not_held", "public"),
    ]  # fmt: skip
    return [
        {"id": rid, "url_title": slug, "title": title, "authority_id": auth,
         "requester_url_name": REQUESTER_OF[rid],
         "external_requester_name": EXTERNAL_NAME if rid == EXTERNAL_ID else None,
         "law_used": "foi", "described_state": state, "status": state, "visibility": vis,
         "hidden_at": utc(2019, 9, 1) if vis == "hidden" else None, "tags": [],
         "created_at": created, "updated_at": created + timedelta(days=30)}
        for rid, slug, title, auth, created, state, vis in rows
    ]  # fmt: skip


def _author(rid: int) -> str:
    url_name = REQUESTER_OF[rid]
    return NAMES[url_name] if url_name else EXTERNAL_NAME


def _messages(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for r in requests:
        rid, name, sent = r["id"], _author(r["id"]), r["created_at"]
        rows.append(
            {
                "kind": "outgoing",
                "id": outgoing_id(rid),
                "request_id": rid,
                "position": 0,
                "purpose": "initial_request",
                "author": name,
                "sent_at": sent,
                "body_text": f"Dear {r['title'].split()[0]} team,\n\nPlease send me the "
                f"information.\n\nYours faithfully,\n\n{name}",
                "delivery_status": "delivered",
                "resent_at": [],
            }
        )
        if rid == OVERDUE_ID:
            continue
        rows.append({
            "kind": "incoming", "id": incoming_id(rid), "request_id": rid, "position": 1,
            "author": "FOI Team", "author_organisation": "Information Governance",
            "sent_at": sent + timedelta(days=14),
            "body_text": f"Dear {name},\n\nPlease find our response attached. Section 40(2) "
            "of the Freedom of Information Act applies to the names of staff.",
            "quoted_text": f"On 2 January 2019 {name} wrote:", "resent_at": [],
        })  # fmt: skip
    rows.append(
        {
            "kind": "annotation",
            "id": 9001,
            "request_id": BIRMINGHAM_IDS[0],
            "position": 2,
            "author": "Joe Bloggs",
            "author_url_name": "joe_bloggs",
            "sent_at": utc(2019, 2, 1),
            "body_text": "Received in full, thanks.",
            "resent_at": [],
        }
    )
    rows.append(
        {
            "kind": "annotation",
            "id": 9002,
            "request_id": 1320499,
            "position": 9,
            "author": "A Wilkinson",
            "author_url_name": "a_wilkinson",
            "sent_at": utc(2019, 3, 1),
            "body_text": "See also the sprinklers request.",
            "resent_at": [],
        }
    )
    # Hidden by the site's admins: it carried a phone number.
    rows.append(
        {
            "kind": "incoming",
            "id": HIDDEN_MESSAGE_ID,
            "request_id": 1320499,
            "position": 10,
            "author": "Despatch Box",
            "sent_at": utc(2019, 3, 2),
            "body_text": "Call me on 07700 900123.",
            "prominence": "hidden",
            "hidden_notice": "This message has been hidden.",
            "resent_at": [],
        }
    )
    return rows


def _attachments() -> list[dict[str, Any]]:
    return [
        {"message_id": incoming_id(rid), "part": 2, "request_id": rid,
         "filename": "Response.pdf", "content_type": "application/pdf", "size_label": "82K",
         "size_bytes": 83968, "url": f"/request/{rid}/response/{incoming_id(rid)}/attach/2/Response.pdf",
         "download_status": "downloaded", "text_method": "pdf", "extraction_status": "ok",
         "text": f"Dear {_author(rid)}\n\nThe information you asked for is withheld under "
         "section 40(2) (personal information).", "page_count": 2}
        for rid in (BIRMINGHAM_IDS[0], HIDDEN_ID, CAFCASS_ID)
    ] + [
        # Erased by the site: released a member of staff's details by mistake.
        {"message_id": incoming_id(CAFCASS_ID), "part": 3, "request_id": CAFCASS_ID,
         "filename": "Staff list.xlsx", "download_status": "downloaded", "erased": True,
         "text_method": "xlsx", "extraction_status": "ok", "text": "Mobile 07700 900456"}
    ]  # fmt: skip


def _analyses(requests: list[dict[str, Any]]) -> tuple[list[dict], list[dict], list[dict]]:
    facts = dict(zip(BIRMINGHAM_IDS, BIRMINGHAM_FACTS, strict=True))
    facts.update({
        1320499: ("late", "partly_withheld", None, None),
        EXTERNAL_ID: ("on_time", "granted_in_full", None, None),
        OVERDUE_ID: ("overdue", None, None, None),
        CAFCASS_ID: ("on_time", "not_held", "upheld", "not_held"),
    })  # fmt: skip
    request_rows, letter_rows, review_rows = [], [], []
    for r in requests:
        rid, created = r["id"], r["created_at"]
        timeliness, outcome, review, original = facts[rid]
        answered = timeliness != "overdue"
        due = created.date() + timedelta(days=28)
        request_rows.append(
            {
                "request_id": rid,
                "regime": "FOIA",
                "deadline_rule": "foia",
                "clock_start_date": created.date(),
                "due_date": due,
                "very_overdue_date": due + timedelta(days=28),
                "first_response_at": created + timedelta(days=14) if answered else None,
                "working_days_taken": 10 + len(request_rows) if answered else None,
                "timeliness": timeliness,
                "outcome": outcome,
                "outcome_confidence": 0.9 if outcome else None,
                "requester_state": r["described_state"],
                # Worked by hand: partly withheld but called successful; not held but rejected.
                "disagrees": rid in BIRMINGHAM_IDS[3:5] if outcome else None,
                "analyser_version": "1",
                "analysed_at": utc(2019, 8, 5),
            }
        )
        if answered:
            letter_rows.append(
                {
                    "message_kind": "incoming",
                    "message_id": incoming_id(rid),
                    "part": 0,
                    "request_id": rid,
                    "kind": "response",
                    "kind_confidence": 0.95,
                    "letter_date": (created + timedelta(days=14)).date(),
                    "outcome": outcome,
                    "outcome_confidence": 0.9 if outcome else None,
                    "references": [],
                    "regulator_refs": [],
                    "dates_mentioned": {},
                    "evidence": {
                        "outcome": {"start": 0, "end": 16, "text": f"Dear {_author(rid)},"}
                    },
                    "analyser_version": "1",
                    "analysed_at": utc(2019, 8, 5),
                }
            )
        if review is not None or rid == BIRMINGHAM_IDS[6]:
            asked = created + timedelta(days=20)
            review_rows.append(
                {
                    "request_id": rid,
                    "seq": 1,
                    "requested_at": asked,
                    "due_date": asked.date() + timedelta(days=28),
                    "latest_due_date": asked.date() + timedelta(days=56),
                    "answered_at": asked + timedelta(days=15) if review else None,
                    "working_days_taken": 11 if review else None,
                    "original_message_id": incoming_id(rid),
                    "original_part": 0,
                    "original_outcome": original,
                    "original_outcome_confidence": 0.9 if original else None,
                    "outcome": review,
                    "outcome_confidence": 0.8 if review else None,
                    "outcome_after_review": outcome if review else None,
                    "outcome_after_review_confidence": 0.8 if review else None,
                    "analyser_version": "1",
                }
            )
    return request_rows, letter_rows, review_rows


def _citations() -> list[dict[str, Any]]:
    """One row per distinct provision a letter names: relied on if any mention is."""
    rows: dict[tuple[int, str], dict[str, Any]] = {}
    for i, citation, kind, role in BIRMINGHAM_CITATIONS:
        row = rows.get((i, citation))
        if row is not None:
            row["role"] = "relied_on" if role == "relied_on" else row["role"]
            continue
        position = 1 + sum(1 for (j, _) in rows if j == i)
        rows[(i, citation)] = {
            "message_kind": "incoming", "message_id": incoming_id(BIRMINGHAM_IDS[i]), "part": 0,
            "citation": citation, "request_id": BIRMINGHAM_IDS[i], "regime": "FOIA",
            "provision": citation.split()[1], "provision_kind": kind, "role": role,
            "position": position,
        }  # fmt: skip
    return list(rows.values())


def _events(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for n, r in enumerate(requests):
        rid = r["id"]
        rows.append({"id": 7_000_000 + 2 * n, "request_id": rid, "event_type": "sent",
                     "created_at": r["created_at"], "outgoing_message_id": outgoing_id(rid),
                     "calculated_state": "waiting_response"})  # fmt: skip
        if rid != OVERDUE_ID:
            rows.append({"id": 7_000_001 + 2 * n, "request_id": rid, "event_type": "response",
                         "created_at": r["created_at"] + timedelta(days=14),
                         "incoming_message_id": incoming_id(rid),
                         "described_state": r["described_state"]})  # fmt: skip
    return rows


def _insert(conn: Connection, model: type, rows: list[dict[str, Any]]) -> None:
    """Insert rows, grouped by the columns they give (the others take their defaults)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    for group in groups.values():
        conn.execute(insert(model), group)


def populate(engine: Engine) -> None:
    """Insert the corpus into a migrated database."""
    requests = _request_rows()
    request_analyses, letters, reviews = _analyses(requests)
    with engine.begin() as conn:
        _insert(conn, Authority, _authorities())
        _insert(conn, AuthorityChange,
            [{"authority_id": BIRMINGHAM, "field": "name", "old_value": "Birmingham CC",
              "new_value": "Birmingham City Council", "seen_at": utc(2019, 5, 1)}],
        )  # fmt: skip
        _insert(
            conn,
            Requester,
            [
                {"url_name": u, "name": n, "pseudonym": f"stored_{u}", "wdtk_user_id": 1000 + i}
                for i, (u, n) in enumerate(NAMES.items())
            ],
        )
        _insert(conn, Request, requests)
        _insert(
            conn,
            RequestSlug,
            [{"request_id": r["id"], "url_title": r["url_title"]} for r in requests],
        )
        _insert(conn, RequestEvent, _events(requests))
        _insert(conn, Message, _messages(requests))
        _insert(conn, Attachment, _attachments())
        _insert(conn, LetterAnalysis, letters)
        _insert(conn, ProvisionCitation, _citations())
        _insert(conn, InternalReview, reviews)
        _insert(conn, RequestAnalysis, request_analyses)


def overdue_due_date() -> date:
    """Due date of the overdue MHCLG request (28 days after 2019-07-12)."""
    return date(2019, 8, 9)
