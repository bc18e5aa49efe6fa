"""strip_passthrough: the fast path for the site's own links agrees with full URL splitting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.parse.attachments import _without_passthrough, strip_passthrough

HINT = "?cookie_passthrough=1"
# Path characters, including the ones urlsplit treats specially.
PATHS = st.text(alphabet=st.sampled_from("/aZ9%20.-_~:;@&=+?#\t\r\n é"), max_size=40)


@given(PATHS)
def test_fast_path_equals_splitting_the_url(path: str) -> None:
    for href in (path + HINT, "/" + path + HINT, "//" + path + HINT, path):
        assert strip_passthrough(href) == _without_passthrough(href)


def test_other_query_parameters_are_kept() -> None:
    assert (
        strip_passthrough("/request/x/response/1/attach/2/a.pdf?cookie_passthrough=1&v=3"),
        strip_passthrough("/request/x/response/1/attach/2/a%20b.pdf?cookie_passthrough=1"),
        strip_passthrough("https://example.org/attach/2/a.pdf?cookie_passthrough=1"),
    ) == (
        "/request/x/response/1/attach/2/a.pdf?v=3",
        "/request/x/response/1/attach/2/a%20b.pdf",
        "https://example.org/attach/2/a.pdf",
    )
