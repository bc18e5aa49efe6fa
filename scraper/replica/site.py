"""The replica's routes: a pure function from (method, path, headers) to a response.

No sockets here; ``server.py`` carries these over HTTP and adds faults and the access log.
Status codes and redirects follow wdtk-site.md §1 and §6 (301 numeric ids, 303 wrong
attachment names, 302 attachment masking wait, 403 hidden, 404 embargoed / unknown, 406
unknown formats). The ``/_replica/`` prefix (disallowed in robots.txt) exposes ground truth.
"""

from __future__ import annotations

import csv
import io
import re
import threading
from datetime import date, datetime
from urllib.parse import parse_qs, quote, unquote, urlsplit

from pipeline.parse.authorities_csv import HEADER as AUTHORITY_CSV_HEADER
from scraper.replica import html_pages, jsonapi
from scraper.replica.attachment_routes import ATTACH, attachment, masking
from scraper.replica.control import replica_api
from scraper.replica.html_common import not_found_page, removed_page
from scraper.replica.html_thread import thread_page
from scraper.replica.http_common import HTML, JSON, Response, html_response, redirect
from scraper.replica.listing import ListIndex, body_counts
from scraper.replica.model import Request
from scraper.replica.replica import Replica
from scraper.replica.rng import stable_int
from scraper.replica.robots import ROBOTS_TXT

_REQUEST = re.compile(r"^/request/([^/]+?)(?:\.([a-z]+))?$")


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        return None


class Site:
    def __init__(self, replica: Replica):
        self.replica = replica
        self._lock = threading.RLock()
        self._index: ListIndex | None = None
        self.masked: set[tuple[int, int, int]] = set()
        self._info: dict[int, dict[str, int]] = {}
        self._info_version = -1

    # -- helpers ---------------------------------------------------------------------------
    def index(self) -> ListIndex:
        if self._index is None or self._index.version != self.replica.version:
            self._index = ListIndex(self.replica)
        return self._index

    def body_info(self, authority_id: int) -> dict[str, int]:
        """An authority's request counts, from its own listed requests only (cached per clock)."""
        if self._info_version != self.replica.version:
            self._info, self._info_version = {}, self.replica.version
        if authority_id not in self._info:
            statuses = []
            for rid in self.replica.ids_by_authority().get(authority_id, ()):
                request = self.replica.request(rid)
                if request is not None and request.listed:
                    statuses.append(request.status)
            self._info[authority_id] = body_counts(statuses)
        return self._info[authority_id]

    def not_found(self, path: str) -> Response:
        return Response(
            404, not_found_page(path).encode(), {"Content-Type": HTML}, conditional=False
        )

    def _page_no(self, query: dict[str, list[str]]) -> int | None:
        try:
            page_no = int(query.get("page", ["1"])[0])
        except ValueError:
            return 1
        return page_no if 1 <= page_no <= html_pages.MAX_PAGES else None

    def similar(self, request_id: int) -> list[tuple[str, str, str, str]]:
        replica, out = self.replica, []
        timeline = replica.corpus.timeline
        count = timeline.count_before(replica.clock)
        for j in range(40):
            rid = timeline.id_of(stable_int(replica.seed, "similar", request_id, j) % count)
            if rid == request_id or replica._visibility(rid) != "public":
                continue
            static = replica.corpus.static(rid)
            assert static is not None
            out.append(
                (
                    replica._title_at(static, replica.clock),
                    replica.slug_of(rid),
                    static.authority.name,
                    static.authority.url_name,
                )
            )
            if len(out) == 10:
                break
        return out

    # -- dispatch --------------------------------------------------------------------------
    def handle(self, method: str, target: str, body: bytes = b"") -> Response:
        with self._lock:
            split = urlsplit(target)
            path, query = unquote(split.path), parse_qs(split.query)
            if path.startswith("/_replica/"):
                return replica_api(self.replica, method, path, query, body)
            if method not in ("GET", "HEAD"):
                return Response(405, b"", {"Allow": "GET, HEAD"}, conditional=False)
            return self.route(split.path, path, query)

    def route(self, raw_path: str, path: str, query: dict[str, list[str]]) -> Response:
        if path == "/robots.txt":
            return Response(200, ROBOTS_TXT.encode(), {"Content-Type": "text/plain; charset=utf-8"})
        if path == "/version.json":
            return self.version_json()
        if path in ("/list/all", "/list/recent"):
            return redirect(301, "/list")
        if path == "/list" or (path.startswith("/list/") and path.count("/") == 2):
            return self.list_page(path, query)
        if path == "/body/all-authorities.csv":
            return self.authorities_csv()
        if path.startswith("/body/"):
            return self.body(path, query)
        if path.startswith("/user/"):
            return self.user(path, query)
        if path.startswith("/attachments/"):
            return masking(self, path, query)
        match = ATTACH.match(raw_path)
        if match:
            return attachment(self, match, raw_path)
        if path.startswith("/info_request_batch/"):
            return self.batch(path)
        if path.startswith("/request/") and path.endswith("/details"):
            return self.details(path)
        match = _REQUEST.match(path)
        if match:
            return self.request_page(match.group(1), match.group(2), query)
        return self.not_found(path)

    # -- pages -----------------------------------------------------------------------------
    def version_json(self) -> Response:
        replica = self.replica
        listed = replica.listed_ids()
        data = {
            "alaveteli_git_commit": "0" * 40,
            "alaveteli_version": "0.46.4.0",
            "ruby_version": "3.4.4",
            "visible_public_body_count": replica.corpus.n_authorities - 1,
            "visible_request_count": len(listed),
            "private_request_count": sum(
                replica._visibility(rid) == "embargoed" for rid in replica.existing_ids()
            ),
            "clock": jsonapi.rails_time(replica.clock),
        }
        return Response(200, jsonapi.dumps(data), {"Content-Type": JSON}, conditional=False)

    def authorities_csv(self) -> Response:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(AUTHORITY_CSV_HEADER)
        for body in self.replica.corpus.authorities():
            if "site_administration" in body.tag_names:
                continue
            writer.writerow([
                body.id, body.name, body.short_name, body.url_name, body.tag_string, body.home_page, "", "",
                body.notes, body.created_at.strftime("%Y-%m-%d %H:%M:%S +0000"),
                body.updated_at.strftime("%Y-%m-%d %H:%M:%S +0000"), 1 + body.id % 9,
            ])  # fmt: skip
        return Response(200, out.getvalue().encode("utf-8"), {
            "Content-Type": "text/csv; charset=utf-8; header=present",
            "Content-Disposition": 'attachment; filename="all-authorities.csv"',
        })  # fmt: skip

    def list_page(self, path: str, query: dict[str, list[str]]) -> Response:
        view = path.removeprefix("/list").strip("/") or None
        if view not in (None, "successful", "unsuccessful", "awaiting"):
            return self.not_found(path)
        page_no = self._page_no(query)
        if page_no is None:
            return self.not_found(path)
        after = _parse_day(query.get("request_date_after", [None])[0])
        before = _parse_day(query.get("request_date_before", [None])[0])
        hits = self.index().search(after=after, before=before, view=view)
        chosen = hits[(page_no - 1) * 25 : page_no * 25]
        params = "&amp;".join(
            f"{k}={quote(v[0], safe='')}" for k, v in sorted(query.items()) if k != "page"
        )
        base = path + (f"?{params}" if params else "")
        return html_response(
            200,
            html_pages.list_page(path, base, self.index().entries(chosen), len(hits), page_no),
            **{"Cache-Control": "max-age=3600, public"},
        )

    def body(self, path: str, query: dict[str, list[str]]) -> Response:
        name = path.removeprefix("/body/")
        fmt = None
        if name.endswith(".json"):
            name, fmt = name.removesuffix(".json"), "json"
        body = next((b for b in self.replica.corpus.authorities() if b.url_name == name), None)
        if body is None or "site_administration" in body.tag_names:
            return self.not_found(path)
        index = self.index()
        if fmt == "json":
            return Response(
                200,
                jsonapi.dumps(jsonapi.body_json(body, self.body_info(body.id))),
                {"Content-Type": JSON},
            )
        page_no = self._page_no(query)
        if page_no is None:
            return self.not_found(path)
        hits = index.search(authority_id=body.id)
        entries = index.entries(hits[(page_no - 1) * 25 : page_no * 25])
        return html_response(
            200,
            html_pages.body_page(path, body, entries, len(hits), page_no),
            **{"Cache-Control": "max-age=86400, public"},
        )

    def user(self, path: str, query: dict[str, list[str]]) -> Response:
        from scraper.replica.names import user as make_user

        name = path.removeprefix("/user/")
        fmt = None
        if name.endswith(".json"):
            name, fmt = name.removesuffix(".json"), "json"
        index_no = _user_index(name, self.replica)
        if index_no is None:
            return self.not_found(path)
        user = make_user(self.replica.seed, index_no)
        if fmt == "json":
            return Response(200, jsonapi.dumps(jsonapi.user_json(user)), {"Content-Type": JSON})
        page_no = self._page_no(query) or 1
        index = self.index()
        hits = index.search(user_url_name=user.url_name)
        entries = index.entries(hits[(page_no - 1) * 25 : page_no * 25])
        return html_response(
            200,
            html_pages.user_page(path, user, entries, len(hits), page_no),
            **{"Cache-Control": "max-age=86400, public"},
        )

    def details(self, path: str) -> Response:
        key = path.removeprefix("/request/").removesuffix("/details")
        request_id = self.replica.resolve_slug(key)
        request = self.replica.request(request_id) if request_id is not None else None
        if request is None or request.embargoed:
            return self.not_found(path)
        if not request.public:
            return Response(
                403, removed_page(path).encode(), {"Content-Type": HTML}, conditional=False
            )
        described_at = jsonapi.last_described_at(request.events)
        rows = []
        for e in request.events:
            link = None
            if e.message is not None and e.message.kind != "annotation":
                link = f"{e.message.kind}-{e.message.id}"
            details = "title" if e.type == "edit" else ("described_state" if e.sets_state else "")
            rows.append(
                (
                    e.id,
                    e.type,
                    details,
                    e.at,
                    e.described_state,
                    e.calculated_state,
                    described_at.get(e.id),
                    link,
                )
            )
        return html_response(
            200,
            html_pages.details_page(path, request, rows),
            **{"Cache-Control": "max-age=86400, public"},
        )

    def batch(self, path: str) -> Response:
        key = path.removeprefix("/info_request_batch/")
        if not key.isdigit():
            return self.not_found(path)
        group = int(key) - 100
        corpus, replica = self.replica.corpus, self.replica
        if group < 0 or not corpus.in_batch(group):
            return self.not_found(path)
        ids = [corpus.timeline.id_of(group * 6 + k) for k in range(6)]
        members = [r for r in map(replica.request, ids) if r is not None and r.listed]
        if not members:
            return self.not_found(path)
        return html_response(200, html_pages.batch_page(path, int(key), members[0].title, members))

    def request_page(self, key: str, fmt: str | None, query: dict[str, list[str]]) -> Response:
        replica = self.replica
        if fmt not in (None, "json"):
            return Response(
                406, b"", {"Content-Type": "text/plain; charset=utf-8"}, conditional=False
            )
        if key.isdigit():
            request = replica.request(int(key))
            if request is None or not request.public:
                return self.not_found(f"/request/{key}")
            return redirect(301, f"/request/{request.url_title}" + (f".{fmt}" if fmt else ""))
        request_id = replica.resolve_slug(key)
        request = replica.request(request_id) if request_id is not None else None
        path = f"/request/{key}"
        if request is None or request.embargoed:
            return self.not_found(path)
        if not request.public:
            if fmt == "json":
                return Response(403, b"", {"Content-Type": JSON}, conditional=False)
            return Response(
                403, removed_page(path).encode(), {"Content-Type": HTML}, conditional=False
            )
        extra = {"X-Robots-Tag": "noindex"} if request.prominence == "backpage" else {}
        if fmt == "json":
            info = self.body_info(request.authority.id)
            return Response(
                200,
                jsonapi.dumps(jsonapi.request_json(request, info)),
                {"Content-Type": JSON, **extra},
                last_change(request),
            )
        unfold = bool(query.get("unfold"))
        html = thread_page(request, self.similar(request.id), unfold=unfold)
        return Response(
            200,
            html.encode("utf-8"),
            {"Content-Type": HTML, "Cache-Control": "max-age=3600, public", **extra},
            last_change(request),
        )


def last_change(request: Request) -> datetime:
    """Last-Modified: the latest event, overdue markers included (they change the page)."""
    return max([request.updated_at, *(e.at for e in request.events)])


def _user_index(url_name: str, replica: Replica) -> int | None:
    from scraper.replica.names import FIRST, user

    tail = url_name.rsplit("_", 1)
    if len(tail) == 2 and tail[1].isdigit() and int(tail[1]) >= len(FIRST):
        candidate = int(tail[1])
    else:
        candidate = next(
            (i for i in range(len(FIRST)) if user(replica.seed, i).url_name == url_name), -1
        )
    if (
        0 <= candidate < replica.corpus.n_users
        and user(replica.seed, candidate).url_name == url_name
    ):
        return candidate
    return None
