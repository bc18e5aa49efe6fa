"""Worker processes for normalise's parse, as a ``concurrent.futures.Executor``.

Each worker is ``python -m stages.parse_worker``: it imports only what the jobs need, never the
caller's main module. Multiprocessing's spawned workers re-run that module; under the ``wdtk``
command they carried 174 MB of command-line imports each. Jobs and results travel over the
worker's stdin and stdout as length-prefixed pickles, one job at a time per worker. A thread
per worker feeds it from a shared queue, so slices are handed to whichever worker is free.
A worker that dies fails its job, and every job its thread takes after, with ``WorkerDied``;
``shutdown`` closes the pipes, and each worker exits when its stdin ends.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import IO, Any

_LENGTH = struct.Struct("!Q")
_STOP = None


class WorkerDied(RuntimeError):
    """A parse worker ended without answering (killed, or out of memory)."""


def write_frame(stream: IO[bytes], payload: bytes) -> None:
    stream.write(_LENGTH.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def read_frame(stream: IO[bytes]) -> bytes | None:
    """The next frame, or None at a clean end of stream."""
    head = stream.read(_LENGTH.size)
    if not head:
        return None
    if len(head) < _LENGTH.size:
        raise EOFError("stream ended inside a frame header")
    (size,) = _LENGTH.unpack(head)
    payload = stream.read(size)
    if len(payload) < size:
        raise EOFError("stream ended inside a frame")
    return payload


_Job = tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]


class WorkerPool(Executor):
    """``workers`` parse processes; ``preload`` is imported by each as it starts."""

    def __init__(self, workers: int, preload: str = "stages.normalise_requests") -> None:
        if workers < 1:
            raise ValueError("a worker pool needs at least one worker")
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._closed = False
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self._procs = [
            subprocess.Popen(
                [sys.executable, "-m", "stages.parse_worker", preload],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
            )
            for _ in range(workers)
        ]
        self._threads = [
            threading.Thread(target=self._feed, args=(proc,), daemon=True, name="parse-feed")
            for proc in self._procs
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if kwargs:
            raise TypeError("WorkerPool jobs take positional arguments only")
        if self._closed:
            raise RuntimeError("cannot submit to a pool that was shut down")
        future: Future[Any] = Future()
        self._jobs.put((future, fn, args))
        return future

    def _feed(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdin is not None and proc.stdout is not None
        alive = True
        while (job := self._jobs.get()) is not _STOP:
            future, fn, args = job
            if not future.set_running_or_notify_cancel():
                continue
            answer = None
            if alive:
                try:
                    write_frame(proc.stdin, pickle.dumps((fn, args), pickle.HIGHEST_PROTOCOL))
                    answer = read_frame(proc.stdout)
                except (OSError, EOFError):
                    pass
            if answer is None:  # it died: fail this job and every one it picks up after
                alive = False
                future.set_exception(WorkerDied(f"parse worker {proc.pid} ended mid-job"))
                continue
            try:
                ok, value = pickle.loads(answer)
            except Exception as exc:
                ok, value = False, exc
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._closed:
            return
        self._closed = True
        if cancel_futures:
            while True:
                try:
                    job = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if job is not None:
                    job[0].cancel()
        for _ in self._threads:
            self._jobs.put(_STOP)
        if wait:
            for thread in self._threads:
                thread.join()
        for proc in self._procs:
            if proc.stdin is not None:
                proc.stdin.close()
            if wait:
                proc.wait()

    @property
    def pids(self) -> list[int]:
        """The workers' process ids (for measuring them)."""
        return [proc.pid for proc in self._procs]
