"""How README's test command spreads tests over xdist workers.

A module goes to one worker whole, so its module fixtures are built once; and every module
that uses one of the costly session fixtures (the Prefect test server, the reference crawl)
goes to that fixture's worker, so each is built once per run, not once per worker.

pytest-xdist's own ``--dist loadgroup`` cannot do this with pytest 9.2: it marks a group by
rewriting ``item._nodeid``, which pytest 9 no longer reads, so every test was scheduled on its
own and module fixtures were rebuilt on several workers. Instead, each worker writes which
modules use which costly fixture (a JSON file per worker, in a folder the controller hands it
through ``workerinput``), and the controller's scheduler (a ``LoadScopeScheduling`` whose
scope is that group) reads them once every worker has collected.

The scheduler hands out scopes in collection order, so ``longest_first`` puts the costly ones
first: the group of each costly session fixture, then modules with a test marked ``slow``,
then the rest. A group that started last would otherwise run alone at the end on one core
while the other workers sit idle.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

COSTLY_SESSION_FIXTURES = ("prefect_api", "reference")
KEY = "wdtk_test_groups"


def module_groups(items: list[pytest.Item]) -> dict[str, str]:
    """Module path -> the costly session fixture it uses (the first listed), for modules
    that use one."""
    groups: dict[str, str] = {}
    for item in items:
        names = getattr(item, "fixturenames", ())
        costly = next((f for f in COSTLY_SESSION_FIXTURES if f in names), None)
        if costly:
            groups.setdefault(item.nodeid.split("::")[0], costly)
    return groups


def longest_first(items: list[pytest.Item]) -> None:
    """Reorder ``items`` in place: costly groups, then slow modules, then the rest; each
    module's tests stay together and in their order (a stable sort on a key per module).
    Every worker sorts the same collection the same way, as xdist requires."""
    groups = module_groups(items)
    slow = {item.nodeid.split("::")[0] for item in items if item.get_closest_marker("slow")}

    def rank(item: pytest.Item) -> int:
        module = item.nodeid.split("::")[0]
        if module in groups:
            return COSTLY_SESSION_FIXTURES.index(groups[module])
        return len(COSTLY_SESSION_FIXTURES) + (0 if module in slow else 1)

    items.sort(key=rank)


def folder(config: pytest.Config) -> Path:
    """In the controller: the folder the workers write their groups to (made once)."""
    if not hasattr(config, "_wdtk_groups"):
        config._wdtk_groups = Path(tempfile.mkdtemp(prefix="wdtk-test-groups-"))  # type: ignore[attr-defined]  # ours
    return config._wdtk_groups  # type: ignore[attr-defined]  # set just above, on pytest's Config


def configure_node(node: Any) -> None:
    node.workerinput[KEY] = str(folder(node.config))


def record(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a worker: write this worker's view of the groups for the controller."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput and KEY in workerinput:
        path = Path(workerinput[KEY]) / f"{workerinput['workerid']}.json"
        path.write_text(json.dumps(module_groups(items)))


def clean(config: pytest.Config) -> None:
    if hasattr(config, "_wdtk_groups"):
        shutil.rmtree(config._wdtk_groups, ignore_errors=True)


def make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    groups_folder = folder(config)

    class GroupScheduling(LoadScopeScheduling):
        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:  # first called once every worker has collected
                self.groups = {}
                for path in sorted(groups_folder.glob("*.json")):
                    self.groups.update(json.loads(path.read_text()))
            module = nodeid.split("::")[0]
            return self.groups.get(module, module)

    return GroupScheduling(config, log)
