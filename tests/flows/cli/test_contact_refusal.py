"""A crawl of a live site without WDTK_CONTACT is refused at once, with one line, by every
entry point (`wdtk crawl`, `wdtk refresh`, the flows, `scrapy crawl`); commands that do not
crawl (`scrapy list`) need no contact."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows import refresh as flows
from flows.cli import app, orchestrate
from scraper.politeness import CrawlConfigError

REPO = Path(__file__).resolve().parents[3]
LIVE = "https://foi.example.org"
MESSAGE = (
    "set WDTK_CONTACT (an e-mail or URL for the User-Agent) before crawling https://foi.example.org"
)


@pytest.fixture
def no_contact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WDTK_DATABASE_URL", f"sqlite:///{tmp_path / 'refused.sqlite3'}")
    monkeypatch.delenv("WDTK_CONTACT", raising=False)
    monkeypatch.delenv("WDTK_BASE_URL", raising=False)
    return tmp_path


def _no_prefect(*args: object, **kwargs: object) -> None:
    raise AssertionError("Prefect was started for a crawl that must be refused")


def test_refresh_refuses_at_once_with_the_crawl_message(
    no_contact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(orchestrate.prefect_env, "configure", _no_prefect)
    refresh = CliRunner().invoke(app, ["refresh", "--base-url", LIVE])
    crawl = CliRunner().invoke(app, ["crawl", "all", "--base-url", LIVE])
    assert (refresh.exit_code, crawl.exit_code) == (2, 2)
    assert refresh.stderr == crawl.stderr == f"wdtk: error: {MESSAGE}\n"
    assert not (no_contact / "refused.sqlite3").exists()


def test_refresh_refuses_an_unlimited_rate_off_loopback(
    no_contact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WDTK_CONTACT", "me@example.org")
    monkeypatch.setattr(orchestrate.prefect_env, "configure", _no_prefect)
    result = CliRunner().invoke(app, ["refresh", "--base-url", LIVE, "--rate", "0"])
    assert result.exit_code == 2
    assert "only allowed on loopback" in result.stderr


def test_the_flows_fail_before_any_stage_instead_of_retrying(no_contact: Path) -> None:
    # A served or deployed run has no CLI in front of it: the flow itself refuses first.
    with pytest.raises(CrawlConfigError, match="set WDTK_CONTACT"):
        flows.harvest.fn(base_url=LIVE)
    with pytest.raises(CrawlConfigError, match="set WDTK_CONTACT"):
        flows.refresh.fn(base_url=LIVE)


def _scrapy(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_scrapy_list_needs_no_contact_and_scrapy_crawl_is_refused(no_contact: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "WDTK_CONTACT"}
    env["WDTK_BASE_URL"] = LIVE
    listed = _scrapy("list", env=env)
    assert (listed.returncode, listed.stdout.split()) == (
        0,
        ["archive", "attachments", "authorities", "discover", "threads"],
    ), listed.stderr
    assert "Traceback" not in listed.stderr
    crawled = _scrapy("crawl", "threads", env=env)
    assert crawled.returncode != 0
    assert crawled.stderr.strip().splitlines() == [f"wdtk crawl: error: {MESSAGE}"]
    assert not (no_contact / "refused.sqlite3").exists()
