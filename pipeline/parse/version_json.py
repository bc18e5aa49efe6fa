"""``/version.json`` (``Statistics::General``): site totals, the check on crawl coverage."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.parse.errors import FieldError
from pipeline.parse.fields import opt_int, opt_str
from pipeline.parse.request_json import load_json

COUNT_KEYS = (
    "visible_public_body_count",
    "visible_request_count",
    "private_request_count",
    "request_via_batch_count",
    "batch_count",
    "confirmed_user_count",
    "visible_comment_count",
    "track_thing_count",
    "widget_vote_count",
    "public_body_change_request_count",
    "request_classification_count",
    "visible_followup_message_count",
    "citation_count",
    "project_count",
)


@dataclass(slots=True)
class SiteVersion:
    alaveteli_version: str | None
    alaveteli_git_commit: str | None
    ruby_version: str | None
    counts: dict[str, int] = field(default_factory=dict)  # only the keys the site sent


def parse_version_json(data: bytes | str) -> SiteVersion:
    source = "/version.json"
    obj = load_json(data, source)
    counts = {k: opt_int(obj, k, source) for k in COUNT_KEYS if k in obj}
    if "visible_request_count" not in obj:
        raise FieldError("visible_request_count", None, "the field to be present", source)
    return SiteVersion(
        alaveteli_version=opt_str(obj, "alaveteli_version", source),
        alaveteli_git_commit=opt_str(obj, "alaveteli_git_commit", source) or None,
        ruby_version=opt_str(obj, "ruby_version", source),
        counts={k: v for k, v in counts.items() if v is not None},
    )
