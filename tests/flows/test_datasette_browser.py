"""Datasette over an export, as a person meets it: over HTTP, and in headless Chromium driven
through chromedriver (W3C WebDriver, spoken with urllib: no client library), with screenshots.

The browser tests skip where Debian's chromium and chromium-driver are absent, and fail under
CI=true (.ci/run installs them). Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from db.base import utcnow
from db.engine import make_engine
from db.migrate import upgrade
from db.models import CrawlRun
from stages.export import ExportOptions, export_dataset
from tests.export_fixtures import populate

IN_CI = os.environ.get("CI", "").lower() == "true"
SITE = "http://127.0.0.1:8800"  # the crawled site the export must name (a replica's address)
SHOTS = Path(os.environ.get("WDTK_SCREENSHOT_DIR") or tempfile.gettempdir()) / "wdtk-datasette"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # loopback only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _wait(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    for _ in range(150):
        if process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{what} did not answer within 30 s")


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("datasette-export")
    engine = make_engine(f"sqlite:///{folder / 'db.sqlite3'}")
    upgrade(engine)
    populate(engine)
    with engine.begin() as conn:  # what the crawl of the replica recorded
        conn.execute(
            insert(CrawlRun).values(
                spider="threads", base_url=SITE, started_at=utcnow(), status="finished",
                pages=12, items=3, errors=0, retries=0, stats={},
            )
        )  # fmt: skip
    path = export_dataset(engine, ExportOptions(out_dir=folder / "out")).path
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def datasette(export_dir: Path) -> Iterator[str]:
    if importlib.util.find_spec("datasette") is None:
        if IN_CI:
            pytest.fail("datasette must be installed under CI=true (dev extra)")
        pytest.skip("datasette is not installed (python3 -m uv sync --extra dev)")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(export_dir / "wdtk.sqlite"),
         "-m", str(export_dir / "metadata.json"), "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{url}/-/versions.json", process, "datasette")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- what the export says about itself ------------------------------------------------------


def test_the_package_names_the_site_crawled_a_licence_and_attribution(export_dir: Path) -> None:
    package = json.loads((export_dir / "datapackage.json").read_text())
    assert [s["path"] for s in package["sources"]] == [SITE]
    assert "not WhatDoTheyKnow" in package["sources"][0]["title"]
    assert "WhatDoTheyKnow" not in package["title"]
    assert "None granted" in package["licenses"][0]["title"]
    assert "copyright of their authors" in package["wdtk:rights"]
    assert package["licenses"][0]["path"].endswith("/help/how#copyright")
    meta = json.loads((export_dir / "metadata.json").read_text())
    assert (meta["source_url"], meta["license_url"]) == (SITE, package["licenses"][0]["path"])
    assert "whatdotheyknow.com" not in meta["source_url"]


def test_a_configured_licence_is_used(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine)
    options = ExportOptions(
        out_dir=tmp_path / "out",
        formats=("csv",),
        data_license="ODbL-1.0 https://opendatacommons.org/licenses/odbl/1-0/",
    )
    package = json.loads((export_dataset(engine, options).path / "datapackage.json").read_text())
    engine.dispose()
    assert package["licenses"] == [
        {"title": "ODbL-1.0", "path": "https://opendatacommons.org/licenses/odbl/1-0/"}
    ]
    assert package["sources"] == [] and "Source unknown" in package["wdtk:attribution"]


# --- over HTTP ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [None, "", "s40(2)", 'AND "unclosed', "NEAR(cost"])
def test_search_the_letters_never_answers_an_fts_syntax_error(
    datasette: str, query: str | None
) -> None:
    url = f"{datasette}/wdtk/search_letters"
    if query is not None:
        url += "?" + urllib.parse.urlencode({"q": query})
    status, page = _get(url)
    assert status == 200, page[-500:]
    assert "syntax error" not in page and 'name="q"' in page


def test_search_the_letters_finds_the_words(datasette: str) -> None:
    status, body = _get(f"{datasette}/wdtk/search_letters.json?q=sprinklers&_shape=array")
    assert status == 200
    assert [row["id"] for row in json.loads(body)] == [9002]


def test_request_titles_are_searchable(datasette: str) -> None:
    status, body = _get(f"{datasette}/wdtk/requests.json?_search=sprinklers&_shape=array")
    assert status == 200
    assert [row["url_title"] for row in json.loads(body)] == ["guidance_on_sprinklers"]


def test_authority_ids_link_to_the_authority_name(datasette: str) -> None:
    status, body = _get(f"{datasette}/wdtk/requests.json?_labels=on&_shape=array&_size=1")
    assert status == 200
    authority = json.loads(body)[0]["authority_id"]
    assert set(authority) == {"value", "label"} and authority["label"]


def test_rates_are_rounded(datasette: str) -> None:
    _, body = _get(f"{datasette}/wdtk/authority_stats.json?_shape=array")
    rates = [r[k] for r in json.loads(body) for k in r if k.endswith("_rate") and r[k] is not None]
    assert rates and all(round(rate, 4) == rate for rate in rates)


# --- in a real browser ----------------------------------------------------------------------


class WebDriver:
    """Just enough W3C WebDriver for these tests."""

    def __init__(self, url: str) -> None:
        self.url = url
        profile = tempfile.mkdtemp(prefix="wdtk-chromium-")
        args = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--window-size=1280,900", f"--user-data-dir={profile}",
        ]  # fmt: skip
        caps = {"browserName": "chrome", "goog:chromeOptions": {"args": args}}
        session = self._call("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
        self.session = f"/session/{session['sessionId']}"
        self.profile = profile

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=60) as response:  # loopback only
            return json.loads(response.read())["value"]

    def get(self, url: str) -> None:
        self._call("POST", f"{self.session}/url", {"url": url})

    def js(self, script: str) -> Any:
        return self._call("POST", f"{self.session}/execute/sync", {"script": script, "args": []})

    def screenshot(self, path: Path) -> bytes:
        png = base64.b64decode(self._call("GET", f"{self.session}/screenshot"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png)
        return png

    def quit(self) -> None:
        try:
            self._call("DELETE", self.session)
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    driver_path = shutil.which("chromedriver")
    if driver_path is None or shutil.which("chromium") is None:
        reason = "headless Chromium needs Debian's chromium and chromium-driver packages"
        if IN_CI:
            pytest.fail(f"{reason}, installed by .ci/run under CI=true")
        pytest.skip(reason)
    port = _free_port()
    process = subprocess.Popen(
        [driver_path, f"--port={port}", "--allowed-ips=127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait(f"http://127.0.0.1:{port}/status", process, "chromedriver")
        driver = WebDriver(f"http://127.0.0.1:{port}")
        try:
            yield driver
        finally:
            driver.quit()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_in_chromium_the_search_form_shows_and_s40_2_is_searched(
    datasette: str, browser: WebDriver
) -> None:
    for name, query in (("search-empty", ""), ("search-s40", "?q=s40(2)")):
        browser.get(f"{datasette}/wdtk/search_letters{query}")
        png = browser.screenshot(SHOTS / f"{name}.png")
        dom = browser.js(
            "return {form: !!document.querySelector('form input[name=q]'),"
            " error: document.body.innerText.includes('syntax error'),"
            " value: (document.querySelector('input[name=q]') || {}).value}"
        )
        assert png.startswith(b"\x89PNG") and len(png) > 5000
        assert (dom["form"], dom["error"]) == (True, False)
        assert dom["value"] == ("s40(2)" if query else "")


def test_in_chromium_a_table_page_shows_rows_on_the_first_screen_and_links_authorities(
    datasette: str, browser: WebDriver
) -> None:
    browser.get(f"{datasette}/wdtk/requests")
    png = browser.screenshot(SHOTS / "requests.png")
    dom = browser.js(
        "const t = document.querySelector('table.rows-and-columns');"
        "const dl = document.querySelector('dl.column-descriptions');"
        "const th = document.querySelector('th[data-column=authority_id]');"
        "const link = document.querySelector('td.col-authority_id a');"
        "return {top: t ? t.getBoundingClientRect().top : null, height: window.innerHeight,"
        " folded: !dl || getComputedStyle(dl).display === 'none',"
        " described: th ? th.dataset.columnDescription : null,"
        " link: link ? link.getAttribute('href') : null, label: link ? link.innerText : null,"
        ' licence: document.body.innerText.includes("the content is its authors\'")}'
    )
    assert png.startswith(b"\x89PNG")
    assert dom["top"] is not None and dom["top"] < dom["height"], dom  # on the first screen
    assert dom["folded"] and dom["described"], dom
    assert dom["link"].startswith("/wdtk/authorities/") and dom["label"], dom
    assert dom["licence"], dom
