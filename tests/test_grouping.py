"""README's test command hands modules to xdist workers whole, with every user of a costly
session fixture on one worker (tests/grouping.py)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tests import grouping


def _item(nodeid: str, *fixtures: str) -> Any:
    return SimpleNamespace(nodeid=nodeid, fixturenames=list(fixtures))


def test_modules_using_a_costly_session_fixture_share_its_group() -> None:
    items = [
        _item("tests/a.py::test_1", "tmp_path"),
        _item("tests/a.py::test_2", "reference"),
        _item("tests/b.py::test_1", "prefect_api", "tmp_path"),
        _item("tests/c.py::test_1"),
    ]
    assert grouping.module_groups(items) == {"tests/a.py": "reference", "tests/b.py": "prefect_api"}


def test_each_worker_records_its_groups_for_the_controller(tmp_path: Path) -> None:
    config = SimpleNamespace(workerinput={"workerid": "gw3", grouping.KEY: str(tmp_path)})
    grouping.record(config, [_item("tests/b.py::test_1", "prefect_api")])  # type: ignore[arg-type]  # stand-in config
    assert json.loads((tmp_path / "gw3.json").read_text()) == {"tests/b.py": "prefect_api"}
    grouping.record(SimpleNamespace(), [])  # type: ignore[arg-type]  # not a worker: nothing
    assert [p.name for p in tmp_path.iterdir()] == ["gw3.json"]
