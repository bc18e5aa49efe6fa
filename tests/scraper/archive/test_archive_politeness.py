"""The archive hosts get the site's politeness: a contact, no unlimited rate off loopback,
their own download slots."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings as ScrapySettings

from flows.cli.crawl import archive_options
from pipeline.config import Settings
from scraper.politeness import CrawlConfigError
from scraper.spiders.archive import ArchiveSpider


def _config(tmp_path: Path, *, rate: float = 1.0, contact: str | None = None) -> Settings:
    return Settings(database_url="sqlite://", base_url="http://127.0.0.1:8800", rate=rate,
                    data_dir=tmp_path, contact=contact)  # fmt: skip


def test_a_real_archive_needs_a_contact_and_a_rate(tmp_path: Path) -> None:
    with pytest.raises(CrawlConfigError, match="WDTK_CONTACT"):
        archive_options(_config(tmp_path), "wayback", None)
    with pytest.raises(CrawlConfigError, match="only allowed on loopback"):
        archive_options(_config(tmp_path, rate=0, contact="me@example.org"), "commoncrawl", None)
    options = archive_options(_config(tmp_path, contact="me@example.org"), "wayback", None, 0.5)
    assert options == ["WDTK_ARCHIVE=wayback", "WDTK_ARCHIVE_URL=https://web.archive.org",
                       "WDTK_ARCHIVE_RATE=0.5"]  # fmt: skip
    with pytest.raises(ValueError, match="--archive must be"):
        archive_options(_config(tmp_path), "archive-today", "http://127.0.0.1:9")


def test_each_archive_host_gets_its_own_slot_at_the_archive_rate() -> None:
    settings = ScrapySettings({"WDTK_ARCHIVE": "commoncrawl", "WDTK_ARCHIVE_RATE": "0.25"})
    ArchiveSpider.update_settings(settings)
    assert settings.getdict("DOWNLOAD_SLOTS") == {
        "index.commoncrawl.org": {"concurrency": 1, "delay": 4.0},
        "data.commoncrawl.org": {"concurrency": 1, "delay": 4.0},
    }
    plain = ScrapySettings({"WDTK_ARCHIVE": "wayback"})
    ArchiveSpider.update_settings(plain)
    assert not plain.getdict("DOWNLOAD_SLOTS")
