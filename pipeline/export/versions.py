"""Versioned export folders: ``DIR/2026-11-22T000512Z/`` plus ``DIR/latest``.

A folder is written under a hidden ``.partial`` name and renamed when complete, so ``latest``
never points at half an export. ``latest`` is a relative symlink; where the file system refuses
symlinks it is a small text file holding the version name instead.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

LATEST = "latest"


class ExportFolderError(RuntimeError):
    """The export folder cannot be prepared or published."""


def version_label(started_at: datetime) -> str:
    return started_at.astimezone(UTC).strftime("%Y-%m-%dT%H%M%SZ")


def prepare(root: Path, started_at: datetime) -> tuple[str, Path]:
    """A fresh version name under ``root`` and the partial folder to write it in."""
    root.mkdir(parents=True, exist_ok=True)
    base = version_label(started_at)
    version, n = base, 1
    while (root / version).exists() or (root / f".{version}.partial").exists():
        n += 1
        version = f"{base}-{n}"
    partial = root / f".{version}.partial"
    partial.mkdir()
    return version, partial


def publish(root: Path, partial: Path, version: str) -> Path:
    """Move the finished folder into place and point ``latest`` at it."""
    final = root / version
    if final.exists():
        raise ExportFolderError(f"export folder {final} already exists")
    partial.rename(final)
    link = root / LATEST
    temp = root / f".{LATEST}.{os.getpid()}"
    try:
        temp.unlink(missing_ok=True)
        temp.symlink_to(version, target_is_directory=True)
        os.replace(temp, link)
    except OSError:
        temp.unlink(missing_ok=True)
        if link.is_symlink() or link.is_dir():
            link.unlink()
        link.write_text(version + "\n", encoding="utf-8")
    return final


def latest(root: Path) -> Path | None:
    """The folder ``latest`` designates, whether it is a symlink or a pointer file."""
    link = root / LATEST
    if link.is_symlink():
        return root / os.readlink(link)
    if link.is_file():
        return root / link.read_text(encoding="utf-8").strip()
    return None
