"""``wdtk doctor``: fetch a handful of pages and check the site contract (pipeline.contract).

Polite like the crawler: an honest User-Agent, robots.txt read first and obeyed, one request
at a time at the configured rate, and a live (non-loopback) site refused without a contact.
At most ``2 + 2 * max_threads`` requests: robots.txt, one list page, then a request's JSON and
thread page for up to ``max_threads`` requests from that list (stopping early once a thread
with attachments has been seen, so the attachment selectors get checked). A bot wall (a CDN
challenge instead of the page, pipeline.botwall) is named as a ``bot-wall`` finding, with the
routes that remain, and that part of the site is not asked again.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from pipeline.botwall import advice, classify_response, path_family, same_family
from pipeline.config import Settings, is_loopback
from pipeline.contract import (
    ContractPageError,
    Finding,
    check_list_page,
    check_request_json,
    check_robots,
    merge_skips,
)
from pipeline.contract_thread import check_thread_page

TIMEOUT_S = 30.0
MAX_BODY = 20 * 1024 * 1024


class DoctorRefused(ValueError):
    """Running against this site would be impolite as configured."""


@dataclass(slots=True)
class DoctorReport:
    base_url: str
    findings: list[Finding] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)  # paths, in order

    @property
    def failed(self) -> list[Finding]:
        return [f for f in self.findings if f.failed]

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        return {
            "base_url": self.base_url,
            "ok": self.ok,
            "fetched": self.fetched,
            "findings": [
                {"area": f.area, "name": f.name, "outcome": f.outcome, "detail": f.detail}
                for f in self.findings
            ],
        }


def check_politeness(config: Settings) -> None:
    if not is_loopback(config.base_url) and not config.contact:
        raise DoctorRefused(
            f"{config.base_url} is not loopback: set WDTK_CONTACT (an e-mail or URL) so the "
            "site can reach you"
        )


class _Client:
    def __init__(self, config: Settings, sleep: Callable[[float], None] = time.sleep) -> None:
        self.base = config.base_url.rstrip("/")
        self.user_agent = config.user_agent
        unlimited = config.rate == 0 and is_loopback(config.base_url)
        self.interval = 0.0 if unlimited else 1.0 / (config.rate or 1.0)
        self.sleep = sleep
        self.last = 0.0
        self.fetched: list[str] = []
        self.allowed: Callable[[str], bool] = lambda path: True

    def get(self, path: str) -> tuple[int, bytes]:
        status, _headers, body = self.get_full(path)
        return status, body

    def get_full(self, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
        if not self.allowed(path):
            raise PermissionError(f"robots.txt disallows {path}")
        wait = self.last + self.interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self.last = time.monotonic()
        self.fetched.append(path)
        request = urllib.request.Request(
            self.base + path,
            headers={"User-Agent": self.user_agent, "Accept-Language": "en-GB"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                return response.status, list(response.headers.items()), response.read(MAX_BODY)
        except urllib.error.HTTPError as exc:
            # The body of a refusal tells a bot wall from a takedown (pipeline.botwall).
            headers = list(exc.headers.items()) if exc.headers else []
            return exc.code, headers, exc.read(MAX_BODY)


def _fetch_finding(area: str, path: str, status: int | None, error: str = "") -> Finding:
    return Finding(area, f"GET {path}", "fail", error or f"HTTP {status}")


def run_doctor(
    config: Settings, *, max_threads: int = 5, sleep: Callable[[float], None] = time.sleep
) -> DoctorReport:
    """Check robots.txt, one list page and up to ``max_threads`` requests (JSON + HTML)."""
    check_politeness(config)
    client = _Client(config, sleep)
    report = DoctorReport(config.base_url)
    findings: list[Finding] = []

    walled: list[str] = []

    def fetch(area: str, path: str) -> bytes | None:
        if walled and same_family(path, path_family(walled[0])):
            return None  # never ask a walled part of the site again
        try:
            status, headers, body = client.get_full(path)
        except PermissionError as exc:
            findings.append(Finding(area, f"GET {path}", "fail", str(exc)))
            return None
        except (urllib.error.URLError, OSError) as exc:
            findings.append(_fetch_finding(area, path, None, f"cannot fetch: {exc}"))
            return None
        verdict = classify_response(status, headers, body)
        if verdict.is_wall:
            walled.append(path)
            findings.append(
                Finding(
                    "bot-wall", f"GET {path}", "fail", advice(client.base + path, verdict.reason)
                )
            )
            return None
        if status != 200:
            findings.append(_fetch_finding(area, path, status))
            return None
        return body

    try:
        robots = fetch("robots", "/robots.txt")
        if robots is not None:
            text = robots.decode("utf-8", "replace")
            findings += check_robots(text, config.user_agent)
            from protego import Protego

            rules = Protego.parse(text)
            client.allowed = lambda path: rules.can_fetch(path, config.user_agent)

        listing = fetch("list", "/list")
        slugs: list[str] = []
        if listing is not None:
            sample = check_list_page(listing, config.base_url + "/list")
            findings += sample.findings
            slugs = sample.slugs
        elif not slugs:
            findings.append(Finding("list", "request links", "fail", "no list page to pick from"))

        thread_findings: list[Finding] = []
        for slug in slugs[:max_threads]:
            path = f"/request/{quote(slug)}"
            data = fetch("json", path + ".json")
            if data is None:
                continue
            json_findings, doc = check_request_json(data, config.base_url + path + ".json")
            thread_findings += json_findings
            html = fetch("thread", path)
            if html is None:
                continue
            page = check_thread_page(html, doc, config.base_url + path)
            thread_findings += page
            if any(
                f.name.startswith("ul.list-of-attachments") and f.outcome != "skip" for f in page
            ):
                break
        findings += merge_skips(thread_findings)
    except ContractPageError as exc:
        findings.append(Finding("page", "html", "fail", str(exc)))
    report.findings = findings
    report.fetched = client.fetched
    return report
