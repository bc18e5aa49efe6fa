"""The authorities catalogue: tags to columns, renames recorded, bodies that leave retired."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine

from db.catalogue import apply_catalogue, authority_row
from db.models import Authority, AuthorityChange
from pipeline.records import AuthorityRecord, Tag

T1 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


def _body(
    id_: int = 1, name: str = "Ofsted", url_name: str = "ofsted", tags: Sequence[Tag] = ()
) -> AuthorityRecord:
    return AuthorityRecord(id=id_, url_name=url_name, name=name, tags=list(tags))


def test_machine_tags_fill_their_columns() -> None:
    row = authority_row(
        _body(tags=[("gss", "E06000001"), ("wikidata", "Q1"), ("dpr", "Z123"), ("ch", "0042")]), T1
    )
    assert (
        row["gss_code"],
        row["wikidata_id"],
        row["ico_registration"],
        row["companies_house"],
    ) == (
        "E06000001",
        "Q1",
        "Z123",
        "0042",
    )


def test_school_and_academy_trust_tags_mean_school() -> None:
    assert authority_row(_body(tags=[("school", None)]), T1)["is_school"] is True
    assert authority_row(_body(tags=[("academy_trust", None)]), T1)["is_school"] is True
    assert authority_row(_body(tags=[("council", None)]), T1)["is_school"] is False


def test_foi_no_means_foi_does_not_apply() -> None:
    assert authority_row(_body(tags=[("foi_no", None)]), T1)["foi_applies"] is False


def test_defunct_tag_means_defunct() -> None:
    assert authority_row(_body(tags=[("defunct", None)]), T1)["defunct"] is True


def test_new_bodies_are_added_without_history(engine: Engine) -> None:
    with engine.begin() as conn:
        changes = apply_catalogue(conn, [_body(1), _body(2, "Cafcass", "cafcass")], T1)
        history = conn.execute(select(AuthorityChange)).all()
    assert (changes.added, history) == ([1, 2], [])


def test_a_rename_is_recorded_with_old_and_new_values(engine: Engine) -> None:
    with engine.begin() as conn:
        apply_catalogue(conn, [_body(1, "Ofsted", "ofsted")], T1)
        changes = apply_catalogue(conn, [_body(1, "Ofsted (England)", "ofsted_england")], T2)
        history = conn.execute(
            select(
                AuthorityChange.field, AuthorityChange.old_value, AuthorityChange.new_value
            ).order_by(AuthorityChange.field)
        ).all()
        slug = conn.execute(select(Authority.url_name)).scalar_one()
    assert changes.changed == [1]
    assert history == [
        ("name", "Ofsted", "Ofsted (England)"),
        ("url_name", "ofsted", "ofsted_england"),
    ]
    assert slug == "ofsted_england"


def test_a_body_gone_from_the_csv_is_retired(engine: Engine) -> None:
    with engine.begin() as conn:
        apply_catalogue(conn, [_body(1), _body(2, "Cafcass", "cafcass")], T1)
        changes = apply_catalogue(conn, [_body(1)], T2)
        row = conn.execute(
            select(Authority.defunct, Authority.removed_at).where(Authority.id == 2)
        ).one()
        history = conn.execute(
            select(AuthorityChange.field, AuthorityChange.new_value).where(
                AuthorityChange.authority_id == 2
            )
        ).all()
    assert changes.removed == [2]
    assert (row.defunct, row.removed_at) == (True, T2)
    assert history == [("defunct", "true")]


def test_loading_the_same_csv_twice_changes_nothing(engine: Engine) -> None:
    bodies = [_body(1, tags=[("school", None)]), _body(2, "Cafcass", "cafcass")]
    with engine.begin() as conn:
        apply_catalogue(conn, bodies, T1)
        before = conn.execute(select(Authority.last_changed_at).order_by(Authority.id)).all()
        changes = apply_catalogue(conn, bodies, T2)
        after = conn.execute(select(Authority.last_changed_at).order_by(Authority.id)).all()
    assert (changes.changed, changes.removed, before) == ([], [], after)
