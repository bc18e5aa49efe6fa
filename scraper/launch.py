"""Run a spider in a child process and follow its progress.

Twisted's reactor cannot restart, and Prefect reuses worker processes, so each crawl is
``python -m scraper.run`` in a fresh interpreter. Its stdout carries ``PROGRESS``/``RESULT``
lines (scraper.run); this module turns them into a rich progress display on a terminal and
returns the final figures (also stored in crawl_runs) for the caller to log.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from db.provenance import CRAWL_SPIDERS
from pipeline.config import Settings, is_loopback
from scraper.politeness import check_allowed
from scraper.run import PROGRESS_PREFIX, RESULT_PREFIX, SPIDERS

ORDER = CRAWL_SPIDERS  # the order `wdtk crawl all` and the refresh flow run them in
REPO_ROOT = Path(__file__).resolve().parents[1]


class CrawlFailed(RuntimeError):
    """The crawl process died without reporting its figures."""


def child_env(config: Settings, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env.update(
        {
            "WDTK_DATABASE_URL": config.database_url,
            "WDTK_BASE_URL": config.base_url,
            "WDTK_RATE": repr(config.rate),
            "WDTK_DATA_DIR": str(config.data_dir),
        }
    )
    if config.contact:
        env["WDTK_CONTACT"] = config.contact
    # The child must import this checkout's packages whatever its working directory.
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT), *[p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]]
    )
    return env


def command(spider: str, *, limit: int | None, full: bool, since: str | None,
            options: Sequence[str] = ()) -> list[str]:  # fmt: skip
    if spider not in SPIDERS:
        raise ValueError(f"unknown spider {spider!r}; choose from {', '.join(ORDER)}")
    argv = [sys.executable, "-m", "scraper.run", spider]
    if limit is not None:
        argv += ["--limit", str(limit)]
    if full:
        argv.append("--full")
    if since:
        argv += ["--since", since]
    for option in options:
        argv += ["--set", option]
    return argv


def run_spider(
    spider: str,
    config: Settings,
    *,
    limit: int | None = None,
    full: bool = False,
    since: str | None = None,
    options: Sequence[str] = (),
    on_progress: Callable[[dict[str, Any]], None] | None = None,
    log_level: str = "WARNING",
    stderr: Any = None,
) -> dict[str, Any]:
    """Run one spider to completion in a child process; return its RESULT figures."""
    check_allowed(config)
    env = child_env(config)
    env.setdefault("WDTK_LOG_LEVEL", log_level)
    proc = subprocess.Popen(
        command(spider, limit=limit, full=full, since=since, options=options),
        env=env,
        cwd=str(REPO_ROOT),
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )
    result: dict[str, Any] | None = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(PROGRESS_PREFIX):
            if on_progress:
                on_progress(json.loads(line[len(PROGRESS_PREFIX) :]))
        elif line.startswith(RESULT_PREFIX):
            result = json.loads(line[len(RESULT_PREFIX) :])
    code = proc.wait()
    if result is None:
        raise CrawlFailed(f"crawl {spider} of {config.base_url} exited with {code} and no figures")
    result["exit_code"] = code
    return result


def spiders_for(what: str) -> list[str]:
    if what == "all":
        return list(ORDER)
    if what == "archive":  # not part of "all": a backfill is asked for by name
        return ["archive"]
    if what not in ORDER:
        raise ValueError(f"unknown crawl {what!r}; choose from {', '.join(ORDER)} or all")
    return [what]


def describe_rate(config: Settings) -> str:
    if config.rate == 0:
        return "no rate limit (loopback)" if is_loopback(config.base_url) else "refused"
    return f"{config.rate:g} request(s)/s"
