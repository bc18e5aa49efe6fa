"""The README stays true: its test command is what CI runs, and every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline import config

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text()


def _readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    return [
        line
        for block in blocks[:2]
        for line in block.splitlines()
        if line and not line.startswith("#")
    ]


def test_readme_gives_two_commands_near_the_top() -> None:
    assert len(_readme_commands()) == 2
    assert README.index("```bash") < 1500


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1] == _readme_commands()[1]


def test_every_setting_is_documented_in_the_readme() -> None:
    variables = set(re.findall(r"WDTK_[A-Z_]+", config.__doc__ or ""))
    assert variables
    for variable in variables:
        assert f"`{variable}`" in README, variable


def _locked_versions() -> dict[str, str]:
    lock = (REPO / "uv.lock").read_text()
    return dict(re.findall(r'\[\[package\]\]\nname = "([^"]+)"\nversion = "([^"]+)"', lock))


def test_docs_stack_lists_the_locked_versions() -> None:
    stack = (REPO / "docs" / "stack.md").read_text()
    rows = re.findall(r"^\| ([a-z0-9-]+) \| ([0-9][^ |]*) \|", stack, flags=re.M)
    assert len(rows) >= 10
    locked = _locked_versions()
    assert {name: locked.get(name) for name, _ in rows} == dict(rows)


def test_the_command_table_is_one_table() -> None:
    section = README.split("## The `wdtk` command", 1)[1].split("\n## ", 1)[0]
    rows = [n for n, line in enumerate(section.splitlines()) if line.startswith("| `wdtk ")]
    assert rows and rows == list(range(rows[0], rows[0] + len(rows)))


def test_extras_are_named_together_and_datasette_is_documented() -> None:
    assert "python3 -m uv sync --frozen --extra dev --extra dask" in README
    assert "--extra datasette" in README
    assert "not additive" in README
