"""An offline WhatDoTheyKnow (Alaveteli) for tests, the demo and benchmarks.

``Replica`` is the corpus with a clock and ground truth; ``ReplicaServer`` serves it over
HTTP on 127.0.0.1. See ``scraper/replica/replica.py`` for the Python API.
"""

from scraper.replica.faults import Faults
from scraper.replica.replica import ClockError, Replica
from scraper.replica.server import HostNotAllowed, ReplicaServer

__all__ = ["ClockError", "Faults", "HostNotAllowed", "Replica", "ReplicaServer"]
