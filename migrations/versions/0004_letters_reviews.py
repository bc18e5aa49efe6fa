"""letters: every provision named with its role; reviews: original outcome and outcome after

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 15:00:00

provision_citations: ``role`` ('relied_on' or 'mentioned') replaces the ``relied_on`` boolean
(one place for the fact), and ``position`` orders the provisions a letter names by first
mention (indexed with the letter's key, so a letter's provisions read in order). Existing rows
keep their role (relied_on true → 'relied_on') and are numbered by where their evidence
starts; the next ``wdtk analyse`` re-reads every letter anyway, as the analyser version
changed.

internal_reviews: the response that was reviewed (``original_message_id``, ``original_part``),
its outcome (``original_outcome`` and confidence) and the request's outcome after the review
(``outcome_after_review`` and confidence); ``outcome`` stays the review's verdict.
request_analyses: ``outcome_part``, so the deciding letter can be joined to letter_analyses.

The views are dropped first (SQLite will not rebuild a table a view reads) and created again
from the SQL frozen below: review_outcomes takes its original outcome from internal_reviews (it
was the request's final outcome) and adds original_refused and outcome_after_review;
authority_stats and exemption_use count citations whose role is relied_on. A downgrade puts the
0002 views back. Nothing here imports live code.
"""

from collections.abc import Callable, Mapping, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# --- Column comments, as the models give them at this revision, and as 0001 gave them -------

CITATIONS_COMMENT = (
    "Every FOIA/EIR/FOISA provision a letter names, normalised (e.g. 'FOIA s40(2)'): one row "
    "per distinct citation, with its role (relied on or mentioned)."
)
CITATIONS_COMMENT_0001 = (
    "Each FOIA/EIR/FOISA provision a letter cites, normalised (e.g. 'FOIA s40(2)')."
)
ROLE = (
    "relied_on: the letter relies on the provision (an exemption or exception applied, the cost "
    "limit, a refusal as vexatious, …); mentioned: it is only named, e.g. in a rights block, a "
    "quotation of the Act or in passing."
)
POSITION = (
    "Order of first mention among the provisions the letter names: 1 for the first, 2 for the "
    "next, …"
)
EVIDENCE_START = (
    "Character offset where the citation starts in the letter text (the relied-on mention when "
    "role is relied_on, else the first mention)."
)
EVIDENCE_START_0001 = "Character offset where the citation starts in the letter text."
RELIED_ON_0001 = "True when the letter relies on it; false for mentions in boilerplate."
REVIEW_COLUMNS = (
    ("original_message_id", sa.BigInteger(),
     "Incoming message carrying the response that was reviewed: the last letter before the "
     "request for review that decided the request (an earlier review's answer, for a second "
     "review); when none had, the last response before it, its outcome unread; null when there "
     "was none."),
    ("original_part", sa.Integer(),
     "0 when that response is the message body, else the attachment part."),
    ("original_outcome", sa.String(length=32),
     "Outcome of the response that was reviewed (letter_analyses.outcome values); null when no "
     "letter before the review decided the request."),
    ("original_outcome_confidence", sa.Float(), "Confidence in original_outcome, 0 to 1."),
    ("outcome_after_review", sa.String(length=32),
     "The request's outcome once the review was answered: the review letter's own outcome, or "
     "the original outcome when the review upheld it; null while unanswered, or when the review "
     "changed the decision and its letter does not say to what."),
    ("outcome_after_review_confidence", sa.Float(),
     "Confidence in outcome_after_review, 0 to 1."),
)  # fmt: skip
REVIEWS_COMMENT = (
    "Internal reviews: asked for, due, answered; the response reviewed and its outcome, the "
    "review's verdict and the outcome after it."
)
REVIEWS_COMMENT_0001 = "Internal reviews: asked for, due, answered, outcome."
REVIEW_OUTCOME = (
    "The review's verdict on the original decision: upheld, partly_upheld or overturned; null "
    "while unanswered or unclear."
)
REVIEW_OUTCOME_0001 = "upheld, partly_upheld or overturned; null while unanswered or unclear."
REQUEST_OUTCOME = (
    "Outcome we infer from the letters (letter_analyses.outcome values): the latest deciding "
    "letter's, where an internal review decides by internal_reviews.outcome_after_review; null "
    "when none decided, or a review changed the decision to an outcome its letter does not say."
)
REQUEST_OUTCOME_0001 = "Outcome we infer from the letters (same values as letter_analyses.outcome)."
OUTCOME_MESSAGE = (
    "Incoming message whose letter decided the outcome (an internal review's answer when the "
    "review decided it, upheld decisions included)."
)
OUTCOME_MESSAGE_0001 = "Incoming message whose letter decided the outcome."
OUTCOME_PART = "0 when that letter is the message body, else the attachment part."

# Existing citations: numbered by where their evidence starts within their letter.
NUMBER_CITATIONS = """
UPDATE provision_citations SET position = 1 + (
  SELECT COUNT(*) FROM provision_citations p
  WHERE p.message_kind = provision_citations.message_kind
    AND p.message_id = provision_citations.message_id
    AND p.part = provision_citations.part
    AND (COALESCE(p.evidence_start, 0) < COALESCE(provision_citations.evidence_start, 0)
         OR (COALESCE(p.evidence_start, 0) = COALESCE(provision_citations.evidence_start, 0)
             AND p.citation < provision_citations.citation)))
"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in drop_statements():
        op.execute(statement)

    with op.batch_alter_table("provision_citations") as batch:
        batch.add_column(sa.Column("role", sa.String(length=16), nullable=True, comment=ROLE))
        batch.add_column(sa.Column("position", sa.Integer(), nullable=True, comment=POSITION))
    op.execute(
        "UPDATE provision_citations SET role = "
        "CASE WHEN relied_on THEN 'relied_on' ELSE 'mentioned' END"
    )
    op.execute(NUMBER_CITATIONS)
    with op.batch_alter_table("provision_citations") as batch:
        batch.alter_column("role", existing_type=sa.String(length=16), nullable=False)
        batch.alter_column("position", existing_type=sa.Integer(), nullable=False)
        batch.alter_column(
            "evidence_start",
            existing_type=sa.Integer(),
            comment=EVIDENCE_START,
            existing_comment=EVIDENCE_START_0001,
        )
        batch.drop_column("relied_on")
        batch.create_index(
            "ix_provision_citations_letter", ["message_kind", "message_id", "part", "position"]
        )
    if dialect == "postgresql":  # SQLite keeps no comments
        op.create_table_comment(
            "provision_citations", CITATIONS_COMMENT, existing_comment=CITATIONS_COMMENT_0001
        )

    with op.batch_alter_table("internal_reviews") as batch:
        for name, type_, comment in REVIEW_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True, comment=comment))
        batch.alter_column(
            "outcome",
            existing_type=sa.String(length=16),
            comment=REVIEW_OUTCOME,
            existing_comment=REVIEW_OUTCOME_0001,
        )

    if dialect == "postgresql":
        op.create_table_comment(
            "internal_reviews", REVIEWS_COMMENT, existing_comment=REVIEWS_COMMENT_0001
        )

    with op.batch_alter_table("request_analyses") as batch:
        batch.add_column(
            sa.Column("outcome_part", sa.Integer(), nullable=True, comment=OUTCOME_PART)
        )
        batch.alter_column(
            "outcome",
            existing_type=sa.String(length=32),
            comment=REQUEST_OUTCOME,
            existing_comment=REQUEST_OUTCOME_0001,
        )
        batch.alter_column(
            "outcome_message_id",
            existing_type=sa.BigInteger(),
            comment=OUTCOME_MESSAGE,
            existing_comment=OUTCOME_MESSAGE_0001,
        )

    for statement in create_statements(dialect):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in drop_statements():
        op.execute(statement)

    with op.batch_alter_table("request_analyses") as batch:
        batch.drop_column("outcome_part")
        batch.alter_column(
            "outcome",
            existing_type=sa.String(length=32),
            comment=REQUEST_OUTCOME_0001,
            existing_comment=REQUEST_OUTCOME,
        )
        batch.alter_column(
            "outcome_message_id",
            existing_type=sa.BigInteger(),
            comment=OUTCOME_MESSAGE_0001,
            existing_comment=OUTCOME_MESSAGE,
        )

    with op.batch_alter_table("internal_reviews") as batch:
        for name, _type, _comment in reversed(REVIEW_COLUMNS):
            batch.drop_column(name)
        batch.alter_column(
            "outcome",
            existing_type=sa.String(length=16),
            comment=REVIEW_OUTCOME_0001,
            existing_comment=REVIEW_OUTCOME,
        )

    if dialect == "postgresql":
        op.create_table_comment(
            "internal_reviews", REVIEWS_COMMENT_0001, existing_comment=REVIEWS_COMMENT
        )

    with op.batch_alter_table("provision_citations") as batch:
        batch.add_column(
            sa.Column("relied_on", sa.Boolean(), nullable=True, comment=RELIED_ON_0001)
        )
    op.execute("UPDATE provision_citations SET relied_on = (role = 'relied_on')")
    with op.batch_alter_table("provision_citations") as batch:
        batch.alter_column("relied_on", existing_type=sa.Boolean(), nullable=False)
        batch.alter_column(
            "evidence_start",
            existing_type=sa.Integer(),
            comment=EVIDENCE_START_0001,
            existing_comment=EVIDENCE_START,
        )
        batch.drop_index("ix_provision_citations_letter")
        batch.drop_column("position")
        batch.drop_column("role")
    if dialect == "postgresql":  # SQLite keeps no comments
        op.create_table_comment(
            "provision_citations", CITATIONS_COMMENT_0001, existing_comment=CITATIONS_COMMENT
        )

    for statement in create_statements(dialect, _BUILDERS_0002):
        op.execute(statement)


# --- The views, frozen: as db/views.py gave them at this revision -----------------------------

# Below this many requests (or timed requests, decided outcomes, decided reviews) a rate is null:
# a 100% from one request says nothing about an authority.
MIN_COUNT = 5
VISIBLE = "r.visibility IN ('public', 'backpage')"
SUCCESS_OUTCOMES = "('granted_in_full', 'partly_withheld')"
CHANGED_REVIEW_OUTCOMES = "('overturned', 'partly_upheld')"
# Original outcomes that refuse some or all of the information asked for (not_held and
# advice_and_assistance say there is nothing to give rather than refusing it).
REFUSED_OUTCOMES = (
    "('withheld_in_full', 'partly_withheld', 'cost_limit', 'vexatious', "
    "'neither_confirm_nor_deny', 'subject_access_redirect')"
)
RELIED_ON = "pc.role = 'relied_on'"
TIMED = "('on_time', 'late', 'very_late')"

_DIALECTS: dict[str, dict[str, str]] = {
    "sqlite": {
        "year": "CAST(strftime('%Y', {0}) AS INTEGER)",
        "utc_date": "date({0})",
        "today": "date('now')",
        "days": "CAST(julianday({1}) - julianday({0}) AS INTEGER)",
        "binary": "",
    },
    "postgresql": {
        "year": "CAST(EXTRACT(YEAR FROM ({0} AT TIME ZONE 'UTC')) AS INTEGER)",
        "utc_date": "CAST(({0} AT TIME ZONE 'UTC') AS DATE)",
        "today": "CAST((CURRENT_TIMESTAMP AT TIME ZONE 'UTC') AS DATE)",
        "days": "({1} - {0})",
        "binary": ' COLLATE "C"',
    },
}


class _Sql:
    def __init__(self, dialect: str) -> None:
        if dialect not in _DIALECTS:
            raise ValueError(f"no view definitions for dialect {dialect!r}")
        self._f = _DIALECTS[dialect]

    def year(self, col: str) -> str:
        return self._f["year"].format(col)

    def utc_date(self, col: str) -> str:
        return self._f["utc_date"].format(col)

    @property
    def today(self) -> str:
        return self._f["today"]

    def days(self, start: str, end: str) -> str:
        return self._f["days"].format(start, end)

    @property
    def binary(self) -> str:
        return self._f["binary"]


def _rate(num: str, den: str) -> str:
    return f"CASE WHEN {den} >= {MIN_COUNT} THEN CAST({num} AS DOUBLE PRECISION) / {den} END"


def _request_summary(d: _Sql) -> str:
    return f"""
SELECT r.id AS request_id, r.url_title, r.title, r.authority_id,
  a.name AS authority_name, a.url_name AS authority_url_name,
  r.law_used, ra.regime, r.created_at, {d.year("r.created_at")} AS year,
  r.described_state, r.status, ra.outcome, ra.outcome_confidence, ra.disagrees,
  ra.due_date, ra.first_response_at, ra.working_days_taken, ra.timeliness,
  (SELECT COUNT(*) FROM internal_reviews c WHERE c.request_id = r.id) AS review_count,
  ir.requested_at AS review_requested_at, ir.outcome AS review_outcome
FROM requests r
LEFT JOIN authorities a ON a.id = r.authority_id
LEFT JOIN request_analyses ra ON ra.request_id = r.id
LEFT JOIN internal_reviews ir ON ir.request_id = r.id
  AND ir.seq = (SELECT MAX(m.seq) FROM internal_reviews m WHERE m.request_id = r.id)
WHERE {VISIBLE}
"""


def _review_outcomes(d: _Sql) -> str:
    return f"""
SELECT ir.request_id, ir.seq, r.authority_id, a.name AS authority_name,
  {d.year("ir.requested_at")} AS year, ir.requested_at, ir.due_date, ir.answered_at,
  ir.working_days_taken,
  CASE WHEN ir.answered_at IS NULL OR ir.due_date IS NULL THEN NULL
       WHEN {d.utc_date("ir.answered_at")} <= ir.due_date THEN TRUE ELSE FALSE END
    AS answered_on_time,
  ir.outcome, ir.outcome_confidence, ir.original_outcome,
  CASE WHEN ir.original_outcome IS NULL THEN NULL
       WHEN ir.original_outcome IN {REFUSED_OUTCOMES} THEN TRUE ELSE FALSE END
    AS original_refused,
  ir.outcome_after_review
FROM internal_reviews ir
JOIN requests r ON r.id = ir.request_id
LEFT JOIN authorities a ON a.id = r.authority_id
WHERE {VISIBLE}
"""


def _authority_stats(d: _Sql, relied: str = RELIED_ON) -> str:
    return f"""
WITH per_request AS (
  SELECT r.authority_id,
    CASE WHEN ra.first_response_at IS NOT NULL THEN 1 ELSE 0 END AS responded,
    CASE WHEN ra.timeliness IN {TIMED} THEN 1 ELSE 0 END AS timed,
    CASE WHEN ra.timeliness = 'on_time' THEN 1 ELSE 0 END AS on_time,
    CASE WHEN ra.outcome IS NOT NULL THEN 1 ELSE 0 END AS decided,
    CASE WHEN ra.outcome IN {SUCCESS_OUTCOMES} THEN 1 ELSE 0 END AS successful,
    ra.working_days_taken
  FROM requests r
  LEFT JOIN request_analyses ra ON ra.request_id = r.id
  WHERE {VISIBLE} AND r.authority_id IS NOT NULL
),
request_totals AS (
  SELECT authority_id, COUNT(*) AS requests, SUM(responded) AS responded, SUM(timed) AS timed,
    SUM(on_time) AS on_time, SUM(decided) AS decided, SUM(successful) AS successful,
    AVG(CAST(working_days_taken AS DOUBLE PRECISION)) AS mean_working_days
  FROM per_request GROUP BY authority_id
),
review_totals AS (
  SELECT r.authority_id, COUNT(*) AS reviews_decided,
    SUM(CASE WHEN ir.outcome IN {CHANGED_REVIEW_OUTCOMES} THEN 1 ELSE 0 END)
      AS reviews_overturned
  FROM internal_reviews ir JOIN requests r ON r.id = ir.request_id
  WHERE {VISIBLE} AND ir.outcome IS NOT NULL
  GROUP BY r.authority_id
),
exemption_counts AS (
  SELECT r.authority_id, pc.citation, COUNT(DISTINCT pc.request_id) AS n
  FROM provision_citations pc JOIN requests r ON r.id = pc.request_id
  WHERE {VISIBLE} AND {relied} AND COALESCE(pc.provision_kind, '') <> 'procedural'
  GROUP BY r.authority_id, pc.citation
),
ranked AS (
  SELECT authority_id, citation, n,
    ROW_NUMBER() OVER (
      PARTITION BY authority_id ORDER BY n DESC, citation{d.binary}
    ) AS pos
  FROM exemption_counts
),
top_exemptions AS (
  SELECT authority_id,
    MAX(CASE WHEN pos = 1 THEN citation || ' (' || CAST(n AS TEXT) || ')' END) AS t1,
    MAX(CASE WHEN pos = 2 THEN citation || ' (' || CAST(n AS TEXT) || ')' END) AS t2,
    MAX(CASE WHEN pos = 3 THEN citation || ' (' || CAST(n AS TEXT) || ')' END) AS t3
  FROM ranked WHERE pos <= 3 GROUP BY authority_id
)
SELECT a.id AS authority_id, a.name AS authority_name, a.url_name AS authority_url_name,
  COALESCE(q.requests, 0) AS requests,
  COALESCE(q.responded, 0) AS responded,
  {_rate("q.responded", "q.requests")} AS response_rate,
  COALESCE(q.timed, 0) AS timed,
  COALESCE(q.on_time, 0) AS on_time,
  {_rate("q.on_time", "q.timed")} AS on_time_rate,
  COALESCE(q.decided, 0) AS decided,
  COALESCE(q.successful, 0) AS successful,
  {_rate("q.successful", "q.decided")} AS success_rate,
  q.mean_working_days,
  COALESCE(v.reviews_decided, 0) AS reviews_decided,
  COALESCE(v.reviews_overturned, 0) AS reviews_overturned,
  {_rate("v.reviews_overturned", "v.reviews_decided")} AS overturn_rate,
  t.t1 || COALESCE('; ' || t.t2, '') || COALESCE('; ' || t.t3, '') AS top_exemptions
FROM authorities a
LEFT JOIN request_totals q ON q.authority_id = a.id
LEFT JOIN review_totals v ON v.authority_id = a.id
LEFT JOIN top_exemptions t ON t.authority_id = a.id
"""


def _exemption_use(d: _Sql, relied: str = RELIED_ON) -> str:
    return f"""
SELECT r.authority_id, a.name AS authority_name, {d.year("r.created_at")} AS year,
  pc.regime, pc.citation, pc.provision_kind,
  COUNT(DISTINCT pc.request_id) AS requests, COUNT(*) AS letters
FROM provision_citations pc
JOIN requests r ON r.id = pc.request_id
LEFT JOIN authorities a ON a.id = r.authority_id
WHERE {VISIBLE} AND {relied} AND COALESCE(pc.provision_kind, '') <> 'procedural'
GROUP BY 1, 2, 3, 4, 5, 6
"""


def _overdue_now(d: _Sql) -> str:
    return f"""
SELECT 'response' AS kind, r.id AS request_id, CAST(NULL AS INTEGER) AS review_seq,
  r.url_title, r.title, r.authority_id, a.name AS authority_name,
  ra.due_date, ra.very_overdue_date AS long_overdue_date,
  {d.days("ra.due_date", d.today)} AS days_overdue,
  CASE WHEN ra.very_overdue_date < {d.today} THEN TRUE ELSE FALSE END AS long_overdue
FROM requests r
JOIN request_analyses ra ON ra.request_id = r.id
LEFT JOIN authorities a ON a.id = r.authority_id
WHERE {VISIBLE} AND ra.first_response_at IS NULL AND ra.due_date < {d.today}
  AND COALESCE(r.described_state, 'waiting_response') = 'waiting_response'
UNION ALL
SELECT 'internal_review' AS kind, ir.request_id, ir.seq AS review_seq,
  r.url_title, r.title, r.authority_id, a.name AS authority_name,
  ir.due_date, ir.latest_due_date AS long_overdue_date,
  {d.days("ir.due_date", d.today)} AS days_overdue,
  CASE WHEN ir.latest_due_date < {d.today} THEN TRUE ELSE FALSE END AS long_overdue
FROM internal_reviews ir
JOIN requests r ON r.id = ir.request_id
LEFT JOIN authorities a ON a.id = r.authority_id
WHERE {VISIBLE} AND ir.answered_at IS NULL AND ir.due_date < {d.today}
  AND r.described_state = 'internal_review'
"""


def _review_outcomes_0002(d: _Sql) -> str:
    return f"""
SELECT ir.request_id, ir.seq, r.authority_id, a.name AS authority_name,
  {d.year("ir.requested_at")} AS year, ir.requested_at, ir.due_date, ir.answered_at,
  ir.working_days_taken,
  CASE WHEN ir.answered_at IS NULL OR ir.due_date IS NULL THEN NULL
       WHEN {d.utc_date("ir.answered_at")} <= ir.due_date THEN TRUE ELSE FALSE END
    AS answered_on_time,
  ir.outcome, ir.outcome_confidence, ra.outcome AS original_outcome
FROM internal_reviews ir
JOIN requests r ON r.id = ir.request_id
LEFT JOIN authorities a ON a.id = r.authority_id
LEFT JOIN request_analyses ra ON ra.request_id = ir.request_id
WHERE {VISIBLE}
"""


# The views as 0002 made them: what a downgrade puts back.
_BUILDERS_0002 = {
    "request_summary": _request_summary,
    "authority_stats": lambda d: _authority_stats(d, relied="pc.relied_on"),
    "review_outcomes": _review_outcomes_0002,
    "exemption_use": lambda d: _exemption_use(d, relied="pc.relied_on"),
    "overdue_now": _overdue_now,
}
_BUILDERS = {
    "request_summary": _request_summary,
    "authority_stats": _authority_stats,
    "review_outcomes": _review_outcomes,
    "exemption_use": _exemption_use,
    "overdue_now": _overdue_now,
}
VIEW_NAMES: tuple[str, ...] = tuple(_BUILDERS)


def create_statements(
    dialect: str, builders: Mapping[str, Callable[[_Sql], str]] = _BUILDERS
) -> list[str]:
    d = _Sql(dialect)
    return [f"CREATE VIEW {name} AS\n{build(d).strip()}" for name, build in builders.items()]


def drop_statements() -> list[str]:
    return [f"DROP VIEW IF EXISTS {name}" for name in reversed(VIEW_NAMES)]
