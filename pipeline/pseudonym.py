"""Stable requester pseudonyms: a keyed hash, so exports can link a person's requests without
naming them, and nobody without the key can test a guessed name against the pseudonym."""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "requester_"


def pseudonym(key: str | bytes, url_name: str) -> str:
    """``requester_<16 hex>`` for a WDTK user url_name (or an external requester's name)."""
    if not key:
        raise ValueError("a pseudonym key is required")
    key_bytes = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key_bytes, url_name.strip().lower().encode(), hashlib.sha256).hexdigest()
    return PREFIX + digest[:16]
