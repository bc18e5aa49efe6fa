"""``wdtk doctor``: fetch a few pages the way the crawl does and run the parsers on them.

The fetching is a Scrapy spider (scraper.doctor_spider) with the crawl's settings, run in a
child process like every crawl: robots.txt obeyed with Protego, the honest User-Agent, the
rate over one connection, Retry-After, and the bot-wall middleware. A live (non-loopback) site
is refused without a contact, and ``rate=0`` off loopback, by the crawl's own rule
(scraper.politeness.check_allowed). At most ``4 + 2 * max_threads`` requests: robots.txt,
/version.json, the authorities CSV, one list page, then a request's JSON and thread page for
up to ``max_threads`` requests from that list.

Each page is checked by pipeline.contract, which runs the real parser: a failed finding names
the selector, field or column that parser reports, exactly as normalise would quarantine the
page. A bot wall (a CDN challenge instead of the page, pipeline.botwall) is a ``bot-wall``
finding with the routes that remain; the run stops there, as a crawl does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

from pipeline.config import Settings
from pipeline.contract import Finding, merge_findings
from scraper.doctor_spider import RESULT_PREFIX
from scraper.launch import REPO_ROOT, child_env
from scraper.politeness import CrawlConfigError, check_allowed


class DoctorRefused(ValueError):
    """Running against this site would be impolite as configured."""


class DoctorFailed(RuntimeError):
    """The doctor's fetching process died without reporting."""


@dataclass(slots=True)
class DoctorReport:
    base_url: str
    findings: list[Finding] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)  # paths, in the order they were asked
    finish_reason: str | None = None

    @property
    def failed(self) -> list[Finding]:
        return [f for f in self.findings if f.failed]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.outcome == "warn"]

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "ok": self.ok,
            "finish_reason": self.finish_reason,
            "fetched": self.fetched,
            "findings": [f.as_dict() for f in self.findings],
        }


def check_politeness(config: Settings) -> None:
    try:
        check_allowed(config)
    except CrawlConfigError as exc:
        raise DoctorRefused(str(exc)) from None


def run_doctor(
    config: Settings, *, max_threads: int = 5, log_level: str = "WARNING"
) -> DoctorReport:
    """Check robots.txt, /version.json, the CSV, a list page and up to ``max_threads``
    requests (JSON + thread page) of ``config.base_url``."""
    check_politeness(config)
    env = child_env(config)
    env.setdefault("WDTK_LOG_LEVEL", log_level)
    argv = [sys.executable, "-m", "scraper.doctor_spider", "--max-threads", str(max_threads)]
    proc = subprocess.run(
        argv, env=env, cwd=str(REPO_ROOT), stdout=subprocess.PIPE, text=True, check=False
    )
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            return _report(json.loads(line[len(RESULT_PREFIX) :]))
    raise DoctorFailed(f"doctor of {config.base_url} exited with {proc.returncode} and no report")


def _report(data: dict[str, Any]) -> DoctorReport:
    return DoctorReport(
        base_url=data["base_url"],
        findings=merge_findings(Finding.from_dict(f) for f in data["findings"]),
        fetched=list(data["fetched"]),
        finish_reason=data.get("finish_reason"),
    )
