"""The migration history and the models are one schema, on both engines."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from db import migrate
from db.engine import make_engine
from db.migrate import include_object
from db.models import metadata


def _diff(engine: Engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        return compare_metadata(context, metadata)


def test_upgrade_to_head_leaves_no_autogenerate_diff(engine: Engine) -> None:
    assert _diff(engine) == []


def test_upgrade_creates_every_model_table(engine: Engine) -> None:
    assert set(metadata.tables) <= set(inspect(engine).get_table_names())


def test_upgrading_twice_is_a_no_op(engine: Engine) -> None:
    before = sorted(inspect(engine).get_table_names())
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert (
        sorted(inspect(make_engine(str(engine.url.render_as_string(False)))).get_table_names())
        == before
    )


def test_downgrade_to_base_then_up_again(engine: Engine) -> None:
    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    assert not set(metadata.tables) & set(inspect(engine).get_table_names())
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert _diff(engine) == []


def test_history_is_linear() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1
    for revision in script.walk_revisions():
        assert not isinstance(revision.down_revision, tuple | list)


def _citation_roles(engine: Engine, column: str) -> list[tuple]:
    with engine.connect() as conn:
        query = f"SELECT message_id, citation, {column} FROM provision_citations"
        return sorted(tuple(row) for row in conn.exec_driver_sql(query))


def test_0004_keeps_each_citation_role_down_and_up(engine: Engine) -> None:
    from tests.export_fixtures import populate

    populate(engine)
    roles = _citation_roles(engine, "role")
    assert {role for *_, role in roles} == {"relied_on", "mentioned"}
    migrate.downgrade(engine, "0003")
    assert _citation_roles(engine, "relied_on") == [
        (m, c, role == "relied_on") for m, c, role in roles
    ]
    assert _diff(engine)  # the models are ahead of 0003
    migrate.upgrade(engine)
    assert _citation_roles(engine, "role") == roles
    assert _diff(engine) == []


def test_0004_numbers_existing_citations_by_where_their_evidence_starts(engine: Engine) -> None:
    from tests.export_fixtures import BIRMINGHAM_IDS, incoming_id, populate

    populate(engine)
    migrate.downgrade(engine, "0003")
    letter = incoming_id(BIRMINGHAM_IDS[0])  # names s40(2), s1(1)(a), s50
    starts = {"FOIA s40(2)": 90, "FOIA s1(1)(a)": 15, "FOIA s50": None}
    with engine.begin() as conn:
        for citation, start in starts.items():
            conn.execute(
                text(
                    "UPDATE provision_citations SET evidence_start = :start "
                    "WHERE message_id = :m AND citation = :c"
                ),
                {"start": start, "m": letter, "c": citation},
            )
    migrate.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT citation, position FROM provision_citations WHERE message_id = :m "
                "ORDER BY position"
            ),
            {"m": letter},
        ).all()
    assert [tuple(r) for r in rows] == [("FOIA s50", 1), ("FOIA s1(1)(a)", 2), ("FOIA s40(2)", 3)]


def test_no_migration_imports_live_code() -> None:
    """Each migration carries its own frozen SQL: editing a view or a model today must not
    rewrite what an old migration does (env.py, which runs them, may use db)."""
    from tests.imports import offending

    live = ("db", "pipeline", "scraper", "stages", "flows")
    assert offending(("migrations/versions",), live) == {}
