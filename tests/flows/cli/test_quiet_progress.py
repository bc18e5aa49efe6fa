"""What a long command says when nobody is watching a terminal: `wdtk crawl` logs a progress
line every 15 s, a command about to start Prefect says so, and the batch tasks no longer make
Prefect warn once per batch about timeouts it cannot enforce."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from flows import prefect_env, tasks
from flows.cli import app
from flows.cli import crawl as crawl_cli


def test_progress_lines_come_at_most_every_interval() -> None:
    now = [100.0]
    lines: list[str] = []
    progress = crawl_cli.ProgressLines("threads", lines.append, every=15, clock=lambda: now[0])
    for at, pages in ((101, 1), (110, 9), (116.5, 15), (120, 19), (132, 30)):
        now[0] = at
        progress({"pages": pages, "items": pages // 2, "errors": 0, "left": 40 - pages})
    assert lines == [
        "threads: pages 1 · items 0 · errors 0 · left 39 (1 s)",
        "threads: pages 15 · items 7 · errors 0 · left 25 (16 s)",
        "threads: pages 30 · items 15 · errors 0 · left 10 (32 s)",
    ]


def test_crawl_off_a_terminal_prints_what_it_does_and_progress_lines(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("WDTK_DATABASE_URL", f"sqlite:///{tmp_path / 'quiet.sqlite3'}")

    def run_spider(spider: str, config: Any, **kwargs: Any) -> dict[str, Any]:
        for pages in (3, 4, 5):  # within one interval: one line
            kwargs["on_progress"]({"pages": pages, "items": 1, "errors": 0, "retries": 0})
        return {"spider": spider, "status": "finished", "pages": 5, "items": 1}

    monkeypatch.setattr(crawl_cli, "run_spider", run_spider)
    result = CliRunner().invoke(app, ["crawl", "threads", "--base-url", "http://127.0.0.1:9"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "crawling http://127.0.0.1:9 at 1 request(s)/s"
    assert [line for line in lines if line.startswith("threads:")] == [
        "threads: pages 3 · items 1 · errors 0 · retries 0 (0 s)"
    ]


def test_a_command_about_to_start_prefect_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.refresh

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("WDTK_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setattr(flows.refresh, "refresh", lambda **kwargs: {"stub": True})
    result = CliRunner().invoke(app, ["refresh"])
    assert result.exit_code == 0, result.output
    assert "wdtk: starting a temporary Prefect server for this run" in result.stderr
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    assert prefect_env.startup_note() is None


def test_thread_pool_batches_carry_no_timeout_prefect_cannot_enforce() -> None:
    # Submitted batches run in Prefect's worker threads; with timeout_seconds set, Prefect logs
    # "Timeout of 3600.0 seconds … running in a worker thread" for every batch.
    assert tasks.extract_batch.timeout_seconds is None
    assert tasks.analyse_batch.timeout_seconds is None
