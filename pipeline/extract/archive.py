"""Checks made on OOXML / ODT zips before any library opens them.

A DOCX is a zip of XML parts. The zip header declares each member's sizes, so a bomb (a
kilobyte that inflates to gigabytes) is refused before decompression; ``zipfile`` never reads
past the declared size, so a lying header only truncates. XML parts of these formats never
legitimately carry a DTD, so one is refused outright (external entities, billion laughs).
"""

from __future__ import annotations

import io
import re
import zipfile

from pipeline.extract.result import ExtractionFailed, Limits, Status

_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_DTD_SCAN_BYTES = 4096  # a DTD must precede the root element


def open_checked_zip(data: bytes, filename: str, limits: Limits) -> zipfile.ZipFile:
    """The archive, once its member count, sizes, ratios and XML prologues pass."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: not a readable zip ({exc})") from exc
    if len(members) > limits.max_zip_members:
        raise ExtractionFailed(
            "bomb", f"{filename!r}: {len(members)} zip members (limit {limits.max_zip_members})"
        )
    total = 0
    for member in members:
        total += member.file_size
        if total > limits.max_decompressed_bytes:
            raise ExtractionFailed(
                "bomb",
                f"{filename!r}: members inflate to over {limits.max_decompressed_bytes} bytes",
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > limits.max_zip_ratio:
            raise ExtractionFailed(
                "bomb",
                f"{filename!r}: member {member.filename!r} compresses {ratio:.0f}:1"
                f" (limit {limits.max_zip_ratio:.0f}:1)",
            )
    for member in members:
        if not member.filename.endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(member) as stream:
                prologue = stream.read(_DTD_SCAN_BYTES)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
            kind: Status = "encrypted" if "encrypted" in str(exc) else "corrupt"
            raise ExtractionFailed(kind, f"{filename!r}: {member.filename!r}: {exc}") from exc
        if _DTD.search(prologue):
            raise ExtractionFailed(
                "unsafe", f"{filename!r}: {member.filename!r} declares a DTD or entities"
            )
    return archive
