"""stages.crawl_plan: the one rule for when normalise runs inside a crawl."""

from __future__ import annotations

from db.provenance import CRAWL_SPIDERS
from stages.crawl_plan import crawl_plan


def test_a_full_crawl_normalises_once_before_the_attachments() -> None:
    assert crawl_plan(CRAWL_SPIDERS) == [("authorities", "discover", "threads"), ("attachments",)]


def test_the_attachments_alone_or_first_need_no_normalise_before_them() -> None:
    assert crawl_plan(["attachments"]) == [("attachments",)]
    assert crawl_plan(["attachments", "threads"]) == [("attachments", "threads")]


def test_spiders_that_read_no_rows_run_together() -> None:
    assert crawl_plan(["discover", "threads"]) == [("discover", "threads")]
