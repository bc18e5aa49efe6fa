"""Export throughput to Parquet, and peak memory, on a 100 000-request corpus.

    python bench/export_throughput.py [--requests 100000] [--source auto|replica|synthetic]
                                      [--db PATH] [--format parquet]

Two ways to make the corpus, both into a SQLite file:
- ``replica`` (the default when scraper.replica and db.load are importable): 2 000 requests of
  the offline replica loaded through the real loader (db.load.load_thread), then copied in bulk
  with shifted ids up to the size asked for. Realistic rows; no analysis tables (the letter
  analysis is not run).
- ``synthetic``: rows generated in bulk: per request two events, an outgoing and an incoming
  message, a letter analysis and a request analysis; a third of requests have an attachment, a
  tenth an internal review, half a provision citation.
The export then runs in a fresh child process so its peak RSS is its own. Prints figures and
says which corpus it used; asserts nothing (the target is ≥ 100 000 rows/s to Parquet).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.engine import make_engine
from db.migrate import upgrade

AUTHORITIES = 500
REQUESTERS = 20_000
OUTCOMES = ("granted_in_full", "partly_withheld", "not_held", "withheld_in_full", None)
TIMELINESS = ("on_time", "on_time", "late", "very_late", "pending")
CITATIONS = ("FOIA s40(2)", "FOIA s12(1)", "FOIA s43(2)", "FOIA s31", "EIR reg12(4)(b)")
STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores datetimes in SQLite


def _chunks(rows: Iterator[tuple], size: int = 20_000) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(conn: sqlite3.Connection, table: str, columns: str, rows: Iterator[tuple]) -> int:
    marks = ", ".join("?" for _ in columns.split(","))
    count = 0
    for batch in _chunks(rows):
        conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", batch)
        count += len(batch)
    return count


def generate(path: Path, n: int) -> dict[str, int]:
    """Fill a migrated SQLite database with ``n`` synthetic requests and their rows."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    rnd = random.Random(20261122)
    now = datetime.now(UTC).strftime(STAMP)
    base = datetime(2015, 1, 1)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    counts: dict[str, int] = {}
    counts["authorities"] = _insert(
        conn, "authorities",
        "id, url_name, name, tags, is_school, is_scottish, foi_applies, defunct, first_seen_at, last_changed_at",
        ((a, f"authority_{a}", f"Authority number {a}", '[["local_council", null]]', 0, 0, 1, 0, now, now)
         for a in range(1, AUTHORITIES + 1)),
    )  # fmt: skip
    counts["requesters"] = _insert(
        conn, "requesters", "url_name, name, pseudonym, first_seen_at, last_changed_at",
        ((f"user_{u}", f"Firstname{u} Lastname{u}", f"p_{u}", now, now) for u in range(REQUESTERS)),
    )  # fmt: skip

    def created(i: int) -> datetime:
        return base + timedelta(minutes=37 * i)

    counts["requests"] = _insert(
        conn, "requests",
        "id, url_title, title, authority_id, requester_url_name, law_used, described_state, status, "
        "visibility, tags, created_at, updated_at, first_seen_at, last_changed_at",
        ((i, f"request_{i}", f"Information about topic {i % 997}", 1 + i % AUTHORITIES,
          f"user_{i % REQUESTERS}", "foi", "successful", "successful",
          "hidden" if i % 500 == 0 else "public", "[]", created(i).strftime(STAMP),
          (created(i) + timedelta(days=30)).strftime(STAMP), now, now) for i in range(1, n + 1)),
    )  # fmt: skip
    counts["request_events"] = _insert(
        conn, "request_events", "id, request_id, event_type, created_at",
        ((2 * i + k, i, ("sent", "response")[k], (created(i) + timedelta(days=14 * k)).strftime(STAMP))
         for i in range(1, n + 1) for k in (0, 1)),
    )  # fmt: skip
    body = (
        "Dear {a},\n\nPlease provide the information held about topic {t}.\n\n"
        "Yours faithfully,\n\nFirstname{u} Lastname{u}"
    )
    counts["messages"] = _insert(
        conn, "messages",
        "kind, id, request_id, position, author, sent_at, body_text, prominence, resent_at, first_seen_at, last_changed_at",
        ((kind, i, i, pos, f"Firstname{i % REQUESTERS} Lastname{i % REQUESTERS}" if pos == 0 else "FOI Team",
          (created(i) + timedelta(days=14 * pos)).strftime(STAMP),
          body.format(a=i % AUTHORITIES, t=i % 997, u=i % REQUESTERS), "normal", "[]", now, now)
         for i in range(1, n + 1) for pos, kind in enumerate(("outgoing", "incoming"))),
    )  # fmt: skip
    counts["attachments"] = _insert(
        conn, "attachments",
        "message_id, part, message_kind, request_id, filename, size_bytes, hidden, erased, "
        "download_status, download_attempts, text, first_seen_at, last_changed_at",
        ((i, 2, "incoming", i, "Response.pdf", 80_000 + i % 5000, 0, 0, "downloaded", 1,
          f"Dear Firstname{i % REQUESTERS} Lastname{i % REQUESTERS}, the information is attached.", now, now)
         for i in range(1, n + 1, 3)),
    )  # fmt: skip
    counts["letter_analyses"] = _insert(
        conn, "letter_analyses",
        'message_kind, message_id, part, request_id, kind, kind_confidence, outcome, "references", '
        "ico_signposted, sic_signposted, regulator_refs, dates_mentioned, evidence, analyser_version, analysed_at",
        (("incoming", i, 0, i, "response", 0.9, OUTCOMES[i % 5], "[]", 1, 0, "[]", "{}", "{}", "1", now)
         for i in range(1, n + 1)),
    )  # fmt: skip
    counts["provision_citations"] = _insert(
        conn, "provision_citations",
        "message_kind, message_id, part, citation, request_id, regime, provision, role, position",
        (("incoming", i, 0, CITATIONS[i % 5], i, CITATIONS[i % 5].split()[0], CITATIONS[i % 5].split()[1], "relied_on", 1)
         for i in range(1, n + 1, 2)),
    )  # fmt: skip
    counts["internal_reviews"] = _insert(
        conn, "internal_reviews",
        "request_id, seq, requested_at, due_date, outcome, analyser_version",
        ((i, 1, (created(i) + timedelta(days=20)).strftime(STAMP),
          (created(i) + timedelta(days=48)).date().isoformat(),
          rnd.choice(("upheld", "overturned", "partly_upheld", None)), "1")
         for i in range(1, n + 1, 10)),
    )  # fmt: skip
    counts["request_analyses"] = _insert(
        conn, "request_analyses",
        "request_id, regime, due_date, first_response_at, working_days_taken, timeliness, outcome, "
        "analyser_version, analysed_at",
        ((i, "FOIA", (created(i) + timedelta(days=28)).date().isoformat(),
          (created(i) + timedelta(days=14)).strftime(STAMP), 10, TIMELINESS[i % 5], OUTCOMES[i % 5], "1", now)
         for i in range(1, n + 1)),
    )  # fmt: skip
    conn.commit()
    conn.close()
    return counts


REPLICA_BASE = 2000
# Columns that carry the site's ids, shifted in each bulk copy of the replica corpus.
SHIFTED = {
    "requests": ("id",),
    "request_slugs": ("request_id",),
    "request_events": (
        "id",
        "request_id",
        "incoming_message_id",
        "outgoing_message_id",
        "comment_id",
    ),
    "messages": ("id", "request_id", "event_id"),
    "attachments": ("message_id", "request_id", "wdtk_attachment_id"),
}


# The replica and the loader live on other branches until they are merged: import them by name,
# so this file reads (and sorts its imports) the same with or without them.
REPLICA_MODULES = ("db.load", "pipeline.parse.merge", "scraper.replica")


def replica_available() -> bool:
    try:
        for name in REPLICA_MODULES:
            importlib.import_module(name)
    except ImportError:
        return False
    return True


def generate_from_replica(path: Path, n: int) -> dict[str, int]:
    """Load a replica corpus through the real loader, then copy it with shifted ids to ``n``."""
    from db.engine import session_scope
    from db.status import table_counts

    load, merge, replica_module = (importlib.import_module(m) for m in REPLICA_MODULES)
    load_thread, merge_thread, Replica = (
        load.load_thread,
        merge.merge_thread,
        replica_module.Replica,
    )

    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    replica = Replica(requests=REPLICA_BASE, seed=7)
    with session_scope(engine) as session:
        for request_id in replica.visible_ids():
            truth = replica.truth(request_id)
            if truth is not None:
                merged = merge_thread(truth.record, truth.page)
                load_thread(session, merged, parser_version="bench", key="bench")
    engine.dispose()
    conn = sqlite3.connect(path)
    loaded = conn.execute("SELECT count(*) FROM requests").fetchone()[0]
    offset = 1 + max(
        conn.execute(f"SELECT coalesce(max({c}), 0) FROM {t}").fetchone()[0]
        for t, cols in SHIFTED.items()
        for c in cols
    )
    for copy in range(1, -(-n // loaded)):
        for table, shifted in SHIFTED.items():
            names = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            values = [f"{c} + {copy * offset}" if c in shifted else c for c in names]
            conn.execute(
                f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)} FROM {table} "
                f"WHERE {shifted[0]} < {offset}"
            )
    conn.commit()
    conn.close()
    engine = make_engine(f"sqlite:///{path}")
    counts = {k: v or 0 for k, v in table_counts(engine).items()}
    engine.dispose()
    return counts


def run_export(db: Path, out: Path, formats: tuple[str, ...]) -> None:
    """Child process: export and print a JSON line with the figures."""
    from stages.export import ExportOptions, export_dataset

    before = resource.getrusage(resource.RUSAGE_SELF)
    engine = make_engine(f"sqlite:///{db}")
    started = time.perf_counter()
    result = export_dataset(
        engine, ExportOptions(out_dir=out, formats=formats, pseudonym_key="bench")
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(
        json.dumps(
            {
                "rows": result.total_rows,
                "seconds": seconds,
                "cpu_seconds": cpu,
                "rss_before_kib": before.ru_maxrss,
                "peak_rss_kib": after.ru_maxrss,
                "row_counts": result.row_counts,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--source", choices=("auto", "replica", "synthetic"), default="auto")
    parser.add_argument("--db", type=Path, help="Reuse or create the corpus here.")
    parser.add_argument("--format", default="parquet", help="Comma-separated formats.")
    parser.add_argument("--export-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    formats = tuple(args.format.split(","))
    if args.export_only:
        run_export(args.db, args.out, formats)
        return
    work = Path(tempfile.mkdtemp(prefix="wdtk-bench-"))
    db = args.db or work / "corpus.sqlite3"
    source = args.source
    if source == "auto":
        source = "replica" if replica_available() else "synthetic"
    if not db.exists():
        started = time.perf_counter()
        if source == "replica":
            counts = generate_from_replica(db, args.requests)
            how = (
                f"REPLICA: {REPLICA_BASE:,} replica requests loaded by db.load, copied with "
                f"shifted ids to {counts['requests']:,} requests"
            )
        else:
            counts = generate(db, args.requests)
            how = f"SYNTHETIC: {args.requests:,} requests generated in bulk"
        print(
            f"corpus: {how}; {sum(counts.values()):,} rows in {db} "
            f"({time.perf_counter() - started:.1f} s)"
        )
    else:
        print(f"corpus: reusing {db}")
    child = subprocess.run(
        [sys.executable, __file__, "--export-only", "--db", str(db), "--out", str(work / "out"),
         "--format", args.format],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    rate = figures["rows"] / figures["seconds"]
    print(f"export to {args.format}: {figures['rows']:,} rows in {figures['seconds']:.1f} s")
    print(f"throughput: {rate:,.0f} rows/s wall-clock (target >= 100,000)")
    print(
        f"CPU: {figures['cpu_seconds']:.1f} s, {figures['rows'] / figures['cpu_seconds']:,.0f} "
        f"rows per CPU-second (steadier than wall-clock on a shared machine; load now "
        f"{os.getloadavg()[0]:.1f})"
    )
    print(
        f"peak RSS: {figures['peak_rss_kib'] / 1024:.0f} MiB "
        f"(after imports: {figures['rss_before_kib'] / 1024:.0f} MiB)"
    )
    largest = max(figures["row_counts"].items(), key=lambda kv: kv[1])
    print(f"largest resource: {largest[0]} ({largest[1]:,} rows); output in {work / 'out'}")


if __name__ == "__main__":
    main()
