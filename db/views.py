"""SQL views for ad-hoc analysis, identical in meaning on SQLite and PostgreSQL.

Each view is written once; the few functions the two engines spell differently (year of a
timestamp, today's date in UTC, days between dates, binary collation) are filled in per
dialect. Every view leaves out requests hidden, embargoed or removed on the site.

The column lists in ``db.view_tables`` type and describe each view's output: the exporters read
the views through them and the data dictionary documents them. These are the views as of the
head revision: each migration that creates or changes a view carries its own frozen copy of
the SQL (0002 created them, 0004 re-created them), and tests check that a migrated database
holds exactly what ``view_sql`` gives. Changing a view means a new migration that re-creates
it with the new SQL written into it.
"""

from __future__ import annotations

from pipeline.visibility import LISTED

# Below this many requests (or timed requests, decided outcomes, decided reviews) a rate is null:
# a 100% from one request says nothing about an authority.
MIN_COUNT = 5
VISIBLE = f"r.visibility IN {LISTED!r}"  # pipeline.visibility: the requests views list
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


class UnsupportedDialect(ValueError):
    """The views are written for SQLite and PostgreSQL only."""


class _Sql:
    def __init__(self, dialect: str) -> None:
        if dialect not in _DIALECTS:
            raise UnsupportedDialect(f"no view definitions for dialect {dialect!r}")
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


def _authority_stats(d: _Sql) -> str:
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
  WHERE {VISIBLE} AND {RELIED_ON} AND COALESCE(pc.provision_kind, '') <> 'procedural'
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


def _exemption_use(d: _Sql) -> str:
    return f"""
SELECT r.authority_id, a.name AS authority_name, {d.year("r.created_at")} AS year,
  pc.regime, pc.citation, pc.provision_kind,
  COUNT(DISTINCT pc.request_id) AS requests, COUNT(*) AS letters
FROM provision_citations pc
JOIN requests r ON r.id = pc.request_id
LEFT JOIN authorities a ON a.id = r.authority_id
WHERE {VISIBLE} AND {RELIED_ON} AND COALESCE(pc.provision_kind, '') <> 'procedural'
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


_BUILDERS = {
    "request_summary": _request_summary,
    "authority_stats": _authority_stats,
    "review_outcomes": _review_outcomes,
    "exemption_use": _exemption_use,
    "overdue_now": _overdue_now,
}
VIEW_NAMES: tuple[str, ...] = tuple(_BUILDERS)


def view_sql(name: str, dialect: str) -> str:
    """The SELECT behind view ``name`` for ``dialect`` ('sqlite' or 'postgresql')."""
    return _BUILDERS[name](_Sql(dialect)).strip()


def create_statements(dialect: str) -> list[str]:
    return [f"CREATE VIEW {name} AS\n{view_sql(name, dialect)}" for name in VIEW_NAMES]


def drop_statements() -> list[str]:
    return [f"DROP VIEW IF EXISTS {name}" for name in reversed(VIEW_NAMES)]
