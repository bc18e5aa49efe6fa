"""Extraction in a child process with a wall-clock timeout and an address-space limit, so a
hostile attachment costs at most ``Limits.timeout_s`` seconds and ``Limits.max_memory_bytes``
of memory and never takes the calling process down.

The child is a fresh interpreter (``python -m pipeline.extract.worker``): nothing is inherited
from the caller (Prefect threads, open database connections), and scripts need no
``if __name__ == "__main__"`` guard. ``ExtractionWorker`` keeps one child for many files
(starting an interpreter and importing the readers costs more than reading most letters); a
child that times out, dies or has served ``max_files`` is replaced. ``extract_text`` is the
one-file form.

Protocol: per file, one JSON header line (filename, content type, limits, byte count), then
the bytes; the child answers with one JSON line. Before it, OCR sends a progress line per
page (``pipeline.extract.progress``), and each one gives the file ``Limits.ocr_page_timeout_s``
more: a 20-page scan may take longer than a letter, but no single step runs unbounded.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, astuple
from pathlib import Path
from types import TracebackType
from typing import IO

from pipeline.extract.result import ExtractionResult, Limits

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
PROGRESS_PREFIX = b'{"progress": '  # a progress line: {"progress": "<note>"}


def _failed(status: str, error: str) -> ExtractionResult:
    return ExtractionResult("", "none", status, error, None, False, None)  # type: ignore[arg-type]


def _too_large(
    data: bytes, filename: str, limits: Limits, declared_size: int | None
) -> ExtractionResult | None:
    for size, what in ((declared_size, "declares"), (len(data), "is")):
        if size is not None and size > limits.max_bytes:
            return _failed(
                "too_large", f"{filename!r} {what} {size} bytes (limit {limits.max_bytes})"
            )
    return None


class ExtractionWorker:
    """A reusable limited child process; use as a context manager."""

    def __init__(self, limits: Limits | None = None, max_files: int = 200) -> None:
        self.limits = limits or Limits()
        self.max_files = max_files
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None  # a file, so a chatty child can never block
        self._served = 0
        self._reader: _LineReader | None = None

    def __enter__(self) -> ExtractionWorker:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.stdin:
                process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def _kill(self) -> str:
        process, self._process = self._process, None
        if process is None:
            return ""
        process.kill()
        process.wait()
        return self._stderr_tail()

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0, os.SEEK_END)
        self._stderr.seek(max(0, self._stderr.tell() - 4096))
        return self._stderr.read().decode("utf-8", "replace")

    def _start(self) -> subprocess.Popen[bytes]:
        memory = self.limits.max_memory_bytes

        def limit_memory() -> None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

        env = {
            # Two malloc arenas, not eight per core: onnxruntime's threads would otherwise
            # reserve address space the limit above counts but that is never used.
            "MALLOC_ARENA_MAX": "2",
            **os.environ,
            "PYTHONPATH": os.pathsep.join([_PACKAGE_ROOT, os.environ.get("PYTHONPATH", "")]),
        }
        self._served = 0
        if self._stderr is not None:
            self._stderr.close()
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the child)
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.extract.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            preexec_fn=limit_memory,
        )
        assert process.stdout is not None
        self._reader = _LineReader(process.stdout)
        return process

    def extract(
        self,
        data: bytes,
        filename: str,
        content_type: str | None = None,
        *,
        declared_size: int | None = None,
    ) -> ExtractionResult:
        """Text of one attachment, with a status saying whether and why not."""
        refused = _too_large(data, filename, self.limits, declared_size)
        if refused is not None:
            return refused
        if (
            self._process is None
            or self._process.poll() is not None
            or self._served >= self.max_files
        ):
            self.close()
            self._process = self._start()
        process = self._process
        self._served += 1
        header = json.dumps(
            {
                "filename": filename,
                "content_type": content_type,
                "limits": asdict(self.limits),
                "size": len(data),
            }
        )
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(header.encode() + b"\n" + data)
            process.stdin.flush()
        except (BrokenPipeError, OSError):
            return self._died(filename)
        assert self._reader is not None
        deadline = time.monotonic() + self.limits.timeout_s
        pages = 0
        while True:
            line = self._reader.readline(deadline)
            if line is None:
                self._kill()
                extra = f" and {pages} OCR'd page(s)" if pages else ""
                return _failed(
                    "timeout",
                    f"{filename!r}: extraction ran over its time limit"
                    f" ({self.limits.timeout_s:g}s{extra})",
                )
            if not line.startswith(PROGRESS_PREFIX):
                break
            pages += 1
            deadline = max(deadline, time.monotonic() + self.limits.ocr_page_timeout_s)
        if not line:
            return self._died(filename)
        try:
            return ExtractionResult(**json.loads(line))
        except (ValueError, TypeError):
            return self._died(filename)

    def _died(self, filename: str) -> ExtractionResult:
        code = self._process.poll() if self._process else None
        err = self._kill()
        tail = err.strip().splitlines()[-1:] or ["no output"]
        status = (
            "bomb" if "MemoryError" in tail[0] or (code is not None and code < 0) else "corrupt"
        )
        return _failed(status, f"{filename!r}: extraction worker failed (exit {code}): {tail[0]}")


class _LineReader:
    """Lines from the child's stdout, each awaited until a deadline (``time.monotonic``)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._fd = stream.fileno()
        self._selector = selectors.DefaultSelector()
        self._selector.register(stream, selectors.EVENT_READ)
        self._buffer = b""

    def readline(self, deadline: float) -> bytes | None:
        """The next line; b"" if the child closed its output, None once the deadline passes."""
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not self._selector.select(left):
                return None
            chunk = os.read(self._fd, 1 << 16)
            if not chunk:
                line, self._buffer = self._buffer, b""
                return line
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line + b"\n"


def extract_text(
    data: bytes,
    filename: str,
    content_type: str | None = None,
    limits: Limits | None = None,
    *,
    declared_size: int | None = None,
) -> ExtractionResult:
    """Text of one attachment in its own limited child process.

    ``declared_size`` is the size the server announced (``Content-Length``, the page's "1.3M"):
    a file claiming more than ``limits.max_bytes`` is refused before anything is read.
    """
    with ExtractionWorker(limits, max_files=1) as worker:
        return worker.extract(data, filename, content_type, declared_size=declared_size)


def _serve() -> None:
    from pipeline.extract import progress
    from pipeline.extract.dispatch import extract_in_process, failed

    stdin = sys.stdin.buffer
    # The protocol keeps the real stdout; anything a library prints (Python or C) goes to
    # stderr instead, so it can never be taken for an answer.
    stdout = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def report(note: str) -> None:
        stdout.write(PROGRESS_PREFIX.decode() + json.dumps(note) + "}\n")
        stdout.flush()

    progress.set_sink(report)
    fields = ExtractionResult.__dataclass_fields__
    while True:
        line = stdin.readline()
        if not line:
            return
        request = json.loads(line)
        data = stdin.read(request["size"])
        filename = request["filename"]
        try:
            result = extract_in_process(
                data, filename, request["content_type"], Limits(**request["limits"])
            )
        except MemoryError:
            result = failed("bomb", f"{filename!r}: ran out of its memory limit", None)
        except Exception as exc:  # the child's last line of defence: report, never hang
            result = failed("corrupt", f"{filename!r}: {type(exc).__name__}: {exc}", None)
        stdout.write(json.dumps(dict(zip(fields, astuple(result), strict=True))) + "\n")
        stdout.flush()


if __name__ == "__main__":
    _serve()
