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


def _marked(nodeid: str, *fixtures: str, slow: bool = False) -> Any:
    item = _item(nodeid, *fixtures)
    item.get_closest_marker = lambda name: object() if slow and name == "slow" else None
    return item


def test_costly_groups_then_slow_modules_are_handed_out_first() -> None:
    items = [
        _marked("tests/a.py::test_1"),
        _marked("tests/b.py::test_1", slow=True),
        _marked("tests/b.py::test_2"),
        _marked("tests/c.py::test_1", "reference"),
        _marked("tests/d.py::test_1"),
        _marked("tests/e.py::test_1", "prefect_api"),
        _marked("tests/e.py::test_2"),
    ]
    grouping.longest_first(items)
    assert [i.nodeid for i in items] == [
        "tests/e.py::test_1", "tests/e.py::test_2",  # prefect_api's group
        "tests/c.py::test_1",  # reference's group
        "tests/b.py::test_1", "tests/b.py::test_2",  # a slow test: the whole module
        "tests/a.py::test_1", "tests/d.py::test_1",  # the rest, in collection order
    ]  # fmt: skip
