"""Pure parsers: bytes or str in, ``pipeline.records`` out; no network, database or Prefect.

One module per page role: ``thread`` (request pages), ``request_json`` (request, event, body
and user JSON), ``authorities_csv``, ``list_page``, ``version_json``; ``merge`` pairs a page
with its JSON. Failures raise the named errors in ``errors``.
"""

from pipeline.parse.authorities_csv import parse_authorities_csv
from pipeline.parse.errors import (
    CsvHeaderError,
    FieldError,
    ListPageError,
    ParseError,
    ThreadParseError,
)
from pipeline.parse.list_page import ListItem, ListPage, parse_list_page
from pipeline.parse.merge import MergedItem, MergedThread, merge_thread
from pipeline.parse.request_json import (
    parse_body_json,
    parse_event,
    parse_request_json,
    parse_user_json,
)
from pipeline.parse.thread import parse_thread
from pipeline.parse.version_json import SiteVersion, parse_version_json

PARSER_VERSION = "1"  # bump when any parser's output changes for the same input

__all__ = [
    "PARSER_VERSION",
    "CsvHeaderError",
    "FieldError",
    "ListItem",
    "ListPage",
    "ListPageError",
    "MergedItem",
    "MergedThread",
    "ParseError",
    "SiteVersion",
    "ThreadParseError",
    "merge_thread",
    "parse_authorities_csv",
    "parse_body_json",
    "parse_event",
    "parse_list_page",
    "parse_request_json",
    "parse_thread",
    "parse_user_json",
    "parse_version_json",
]
