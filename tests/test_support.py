"""The one rule for what tests need from outside the repository (tests/support.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from _pytest.outcomes import Failed, Skipped

from tests import support

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def shared_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """WDTK_SHARED set by the test, with the cached lookup cleared before and after."""
    support.shared_root.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    support.shared_root.cache_clear()


def test_a_missing_shared_path_skips_with_the_reason(shared_at, tmp_path: Path) -> None:
    shared_at.setenv("WDTK_SHARED", str(tmp_path / "absent"))
    shared_at.delenv("CI", raising=False)
    with pytest.raises(Skipped, match=r"needs \.\./shared/seeds \(the project's reference"):
        support.require_shared("seeds")


def test_a_missing_shared_path_fails_under_ci(shared_at, tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    shared_at.setenv("WDTK_SHARED", str(tmp_path))
    shared_at.setenv("CI", "true")
    assert support.require_shared("seeds") == tmp_path / "seeds"
    with pytest.raises(Failed, match=r"required under CI=true: needs \.\./shared/fixtures"):
        support.require_shared(*support.FIXTURES_2019)
    assert support.optional_shared(*support.FIXTURES_2019) is None


@pytest.mark.slow
def test_the_suite_collects_without_shared(tmp_path: Path) -> None:
    """No test module reads ../shared at import or collection time (a fresh clone has none)."""
    env = {**os.environ, "WDTK_SHARED": str(tmp_path / "absent")}
    env.pop("CI", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert re.search(r"^\d+ tests collected", done.stdout, re.M), done.stdout[-500:]


def test_only_tests_support_knows_where_shared_is() -> None:
    """One place for the rule: no other test or benchmark builds a path into ../shared."""
    pattern = re.compile(r"""["']shared["']\s*\)?\s*/|/\s*["']shared["']|parent\s*/\s*["']shared""")
    offenders = [
        str(path.relative_to(REPO))
        for folder in ("tests", "bench")
        for path in (REPO / folder).rglob("*.py")
        if path != REPO / "tests" / "support.py" and pattern.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_tests_keep_prefect_out_of_the_checkout_and_the_home() -> None:
    """Conftest gives each test process a temporary PREFECT_HOME before Prefect is imported,
    so no test leaves deployments or runs in ./.prefect for a later `wdtk serve` to replay."""
    from prefect.settings import PREFECT_HOME

    home = Path(PREFECT_HOME.value()).resolve()
    assert home == Path(os.environ["PREFECT_HOME"]).resolve()
    assert not home.is_relative_to(REPO)
    assert not home.is_relative_to(Path.home() / ".prefect")
    assert home.name.startswith("wdtk-test-prefect-")
