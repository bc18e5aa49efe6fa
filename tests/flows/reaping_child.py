"""A run of one of our flows that never ends, for tests/flows/test_reaping.py to kill.

It carries the same ``reaping.track`` hook as flows/refresh.py's flows, under one of their
names, so the reaper treats it as it would a real refresh that died mid-run.
"""

from __future__ import annotations

import sys
import time

from prefect import flow

from flows import reaping


@flow(name="normalise")
def stuck(seconds: float) -> None:
    time.sleep(seconds)


@flow(name="export")
def quick() -> int:
    return 1


reaping.track(stuck, quick)

if __name__ == "__main__":
    stuck(float(sys.argv[1]) if len(sys.argv) > 1 else 600.0)
