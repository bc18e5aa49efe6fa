"""Ground truth and control over HTTP, under ``/_replica/`` (disallowed in robots.txt, and a
prefix the real site never serves).

* ``GET /_replica/truth/<id>.json``: everything served about a request (``RequestTruth``);
* ``GET /_replica/clock``; ``POST /_replica/clock`` with ``{"days": 3, "churn": 0.05}`` or
  ``{"now": "<ISO 8601>"}``: move the clock, answer the ids that changed;
* ``GET /_replica/changes?since=<ISO 8601>``: ids changed since then;
* ``GET /_replica/ids.json``: visible, listed and existing ids.
The access log is the server's (``ReplicaServer.log``), also at ``GET /_replica/log``.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from scraper.replica import jsonapi
from scraper.replica.http_common import JSON, Response
from scraper.replica.replica import Replica
from scraper.replica.truth import truth_json


def replica_api(
    replica: Replica, method: str, path: str, query: dict[str, list[str]], body: bytes
) -> Response:
    if path == "/_replica/clock":
        if method == "POST":
            args = json.loads(body or b"{}")
            since = replica.clock
            if "now" in args:
                replica.set_now(datetime.fromisoformat(args["now"]))
                changed = replica.changed_ids(since)
            else:
                changed = replica.advance(
                    float(args.get("days", 1)), float(args.get("churn", 0.05))
                )
            data = {
                "clock": replica.clock.isoformat(),
                "since": since.isoformat(),
                "changed_ids": sorted(changed),
            }
        else:
            data = {"clock": replica.clock.isoformat()}
        return Response(200, jsonapi.dumps(data), {"Content-Type": JSON}, conditional=False)
    if path == "/_replica/changes":
        since = datetime.fromisoformat(query["since"][0])
        data = {
            "since": since.isoformat(),
            "until": replica.clock.isoformat(),
            "changed_ids": sorted(replica.changed_ids(since)),
        }
        return Response(200, jsonapi.dumps(data), {"Content-Type": JSON}, conditional=False)
    if path == "/_replica/ids.json":
        data = {
            "visible": replica.visible_ids(),
            "listed": replica.listed_ids(),
            "existing": replica.existing_ids(),
        }
        return Response(200, jsonapi.dumps(data), {"Content-Type": JSON}, conditional=False)
    match = re.match(r"^/_replica/truth/(\d+)\.json$", path)
    if match:
        request_id = int(match.group(1))
        if replica.request(request_id) is None:
            return Response(404, b"{}", {"Content-Type": JSON}, conditional=False)
        return Response(
            200,
            jsonapi.dumps(truth_json(replica, request_id)),
            {"Content-Type": JSON},
            conditional=False,
        )
    return Response(404, b"{}", {"Content-Type": JSON}, conditional=False)
