"""Seeded, order-independent randomness: every decision is a hash of (seed, what, which).

Nothing in the replica may depend on wall time, on Python's per-process ``hash()`` salt or on
the order in which pages are requested, so each choice draws from its own stream.
"""

from __future__ import annotations

import hashlib
import random


def stable_int(*parts: object) -> int:
    """A 64-bit integer fixed by ``parts`` (stable across processes and runs)."""
    key = "\x1f".join(str(p) for p in parts).encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")


def stable_unit(*parts: object) -> float:
    """A float in [0, 1) fixed by ``parts``."""
    return stable_int(*parts) / 2**64


def rng_for(*parts: object) -> random.Random:
    return random.Random(stable_int(*parts))
