"""Versioned export folders and the latest pointer."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.export import versions

STARTED = datetime(2026, 11, 22, 0, 5, 12, 345, tzinfo=UTC)


def test_version_label_is_the_start_time_in_utc() -> None:
    assert versions.version_label(STARTED) == "2026-11-22T000512Z"


def test_publish_moves_the_folder_and_points_latest_at_it(tmp_path: Path) -> None:
    version, partial = versions.prepare(tmp_path, STARTED)
    (partial / "datapackage.json").write_text("{}")
    final = versions.publish(tmp_path, partial, version)
    assert final == tmp_path / "2026-11-22T000512Z"
    assert versions.latest(tmp_path) == final
    assert (tmp_path / "latest" / "datapackage.json").read_text() == "{}"


def test_unfinished_export_is_hidden(tmp_path: Path) -> None:
    _version, partial = versions.prepare(tmp_path, STARTED)
    assert partial.name.startswith(".")
    assert versions.latest(tmp_path) is None


def test_second_export_in_the_same_second_gets_a_suffix(tmp_path: Path) -> None:
    first, partial = versions.prepare(tmp_path, STARTED)
    versions.publish(tmp_path, partial, first)
    second, _ = versions.prepare(tmp_path, STARTED)
    assert second == "2026-11-22T000512Z-2"


def test_latest_becomes_a_pointer_file_where_symlinks_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("symlinks not supported")

    monkeypatch.setattr(Path, "symlink_to", refuse)
    version, partial = versions.prepare(tmp_path, STARTED)
    final = versions.publish(tmp_path, partial, version)
    assert (tmp_path / "latest").read_text() == "2026-11-22T000512Z\n"
    assert versions.latest(tmp_path) == final
