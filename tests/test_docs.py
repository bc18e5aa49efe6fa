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
