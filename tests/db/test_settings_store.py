"""The pseudonym key: configured, or generated once and kept with the data."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Engine

from db.models import PipelineSetting
from db.settings_store import PSEUDONYM_KEY, pseudonym_key


def test_configured_key_wins_and_nothing_is_stored(engine: Engine) -> None:
    with engine.begin() as conn:
        assert pseudonym_key(conn, "from-the-environment") == "from-the-environment"
        assert conn.execute(select(PipelineSetting)).all() == []


def test_generated_key_is_kept_and_reused(engine: Engine) -> None:
    with engine.begin() as conn:
        first = pseudonym_key(conn, None)
    with engine.begin() as conn:
        second = pseudonym_key(conn, None)
        stored = conn.execute(
            select(PipelineSetting.value).where(PipelineSetting.key == PSEUDONYM_KEY)
        ).scalar_one()
    assert first == second == stored


def test_generated_key_is_256_bits_of_hex(engine: Engine) -> None:
    with engine.begin() as conn:
        key = pseudonym_key(conn, None)
    assert len(key) == 64
    int(key, 16)
