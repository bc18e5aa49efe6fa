"""One parse worker process (``python -m stages.parse_worker MODULE``), run by ``WorkerPool``.

Reads ``(function, args)`` jobs from stdin and writes ``(ok, result or exception)`` to stdout,
each a length-prefixed pickle, until stdin ends. Anything the jobs print goes to stderr, so it
cannot corrupt the answers.
"""

from __future__ import annotations

import os
import pickle
import sys
from importlib import import_module

from stages.parse_workers import read_frame, write_frame


def _answer(job: bytes) -> bytes:
    try:
        fn, args = pickle.loads(job)
        reply = (True, fn(*args))
    except Exception as exc:  # the job's failure is the caller's to handle
        reply = (False, exc)
    try:
        return pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an exception or result that does not pickle
        return pickle.dumps((False, RuntimeError(f"unpicklable answer: {exc!r}")))


def main() -> None:
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    jobs = sys.stdin.buffer
    for module in sys.argv[1:]:
        import_module(module)
    while (job := read_frame(jobs)) is not None:
        write_frame(answers, _answer(job))


if __name__ == "__main__":
    main()
