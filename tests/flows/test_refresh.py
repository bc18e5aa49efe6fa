"""The flows under Prefect's test harness, against the replica over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import make_engine
from db.migrate import upgrade
from db.models import Attachment, LetterAnalysis, Message, Request, RequestAnalysis
from flows import refresh as flows
from flows import tasks
from scraper.replica import Replica, ReplicaServer
from tests.support import optional_shared, require_ocr

pytestmark = pytest.mark.slow


@dataclass
class Site:
    replica: Replica
    url: str
    database: str
    out: Path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    replica = Replica(requests=60, seed=3, seed_letters=optional_shared("seeds"))
    folder = tmp_path_factory.mktemp("refresh")
    database = f"sqlite:///{folder / 'wdtk.sqlite3'}"
    upgrade(make_engine(database))
    with ReplicaServer(replica) as server:
        yield Site(replica, server.url, database, folder)


@pytest.fixture
def env(site: Site, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setenv("WDTK_DATABASE_URL", site.database)
    monkeypatch.setenv("WDTK_BASE_URL", site.url)
    monkeypatch.setenv("WDTK_RATE", "0")
    monkeypatch.setenv("WDTK_DATA_DIR", str(site.out / "data"))
    monkeypatch.setenv("WDTK_EXPORT_DIR", str(site.out / "exports"))
    return site


def _count(database: str, model: type, *where: object) -> int:
    engine = make_engine(database)
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def test_refresh_builds_the_database_from_the_replica(prefect_api: str, env: Site) -> None:
    result = flows.refresh(
        base_url=env.url, rate=0, formats=["csv", "parquet"], as_of=env.replica.clock.date()
    )
    listed = set(env.replica.listed_ids())
    assert result["failures"] == []
    assert result["quality"]["passed"], result["quality"]["failures"]
    assert _count(env.database, Request, Request.visibility == "public") == len(listed)
    truth_messages = sum(len(env.replica.truth(i).page.items) for i in listed)
    assert _count(env.database, Message) == truth_messages
    attachments = _count(env.database, Attachment)
    assert attachments > 0
    # Every attachment, scanned ones too, yields text: that needs OCR. The refresh above ran
    # regardless, so the rerun test below still finds its database.
    require_ocr()
    assert _count(env.database, Attachment, Attachment.extraction_status == "ok") == attachments
    assert _count(env.database, LetterAnalysis) > 0
    assert _count(env.database, RequestAnalysis) == len(listed)
    exported = Path(result["export"]["result"]["path"])
    assert (exported / "parquet" / "requests.parquet").is_file()
    assert (exported / "csv" / "messages.csv").is_file()


def test_a_rerun_fetches_nothing_new_and_changes_nothing(prefect_api: str, env: Site) -> None:
    before = _count(env.database, Message)
    result = flows.refresh(base_url=env.url, rate=0, formats=[], as_of=env.replica.clock.date())
    assert result["failures"] == []
    threads = result["harvest"]["spiders"]["threads"]
    assert threads["counters"].get("threads", 0) == 0
    assert _count(env.database, Message) == before


def test_a_failing_batch_is_retried_and_reported_without_failing_the_flow(
    prefect_api: str, env: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stages.analyse

    real = stages.analyse.analyse_requests
    poisoned = sorted(env.replica.listed_ids())[0]
    calls: list[list[int]] = []

    def analyse_requests(session, request_ids, as_of):
        calls.append(list(request_ids))
        if poisoned in request_ids:
            raise RuntimeError(f"request {poisoned} broke the analyser")
        return real(session, request_ids, as_of)

    monkeypatch.setattr(stages.analyse, "analyse_requests", analyse_requests)
    monkeypatch.setattr(
        tasks, "analyse_batch", tasks.analyse_batch.with_options(retry_delay_seconds=0)
    )
    # A new analyser makes every request due again, with no --redo: the stored attachments
    # are not extracted (and OCR'd) again, which this test is not about.
    for module in ("stages.analyse", "stages.analyse_letters"):
        monkeypatch.setattr(f"{module}.analyser_version", lambda: "letters-retry-test")
    summary = flows.analyse(as_of=env.replica.clock.date(), batch_size=10)
    assert summary["attachments"] == 0
    failing = [batch for batch in calls if poisoned in batch]
    assert len(failing) == 2  # tried, then retried once
    assert len(summary["failures"]) == 1
    assert summary["failures"][0].startswith("analyse batch 0: ")
    assert summary["requests"] == len(env.replica.listed_ids()) - len(failing[0])


def test_a_crawl_that_keeps_failing_is_reported_and_the_rest_goes_on(
    prefect_api: str, env: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scraper.launch

    def storm(spider, config, **kwargs):
        raise scraper.launch.CrawlFailed(f"crawl {spider}: 503 storm")

    monkeypatch.setattr(scraper.launch, "run_spider", storm)
    monkeypatch.setattr(tasks, "crawl", tasks.crawl.with_options(retry_delay_seconds=0))
    result = flows.harvest(base_url=env.url, rate=0, spiders=("discover", "threads"))
    assert [f.split(":")[0] for f in result["failures"]] == ["crawl discover", "crawl threads"]
    assert result["spiders"] == {"discover": None, "threads": None}
