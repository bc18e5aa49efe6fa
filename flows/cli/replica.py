"""``wdtk replica``: run the offline WhatDoTheyKnow.

wdtk replica serve --requests 2000 --seed 7 --port 8800
wdtk replica truth 540577 --requests 2000 --seed 7
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from scraper.replica import Faults, HostNotAllowed, Replica, ReplicaServer
from scraper.replica.corpus import MARKUPS
from scraper.replica.timeline import MIN_REQUESTS
from scraper.replica.truth import truth_json

Requests = Annotated[int, typer.Option("--requests", help="Requests existing at the base clock.")]
Seed = Annotated[int, typer.Option("--seed", help="Corpus seed.")]
Markup = Annotated[str, typer.Option("--markup", help="current | 2019 | mixed.")]
Now = Annotated[
    str | None, typer.Option("--now", help="Start the clock here (ISO 8601 with offset).")
]
Advance = Annotated[float, typer.Option("--advance", help="Then let DAYS pass with churn.")]
Churn = Annotated[
    float, typer.Option("--churn", help="Share of public requests changing per --advance.")
]
Letters = Annotated[
    Path | None,
    typer.Option("--seed-letters", help="Directory of real seed letters (000_*.txt, 003_*.txt) to serve instead of the stand-ins, e.g. ../shared/seeds."),
]


def build_replica(
    requests: int, seed: int, markup: str, now: str | None, advance: float, churn: float,
    seed_letters: Path | None, faults: Faults | None = None,
) -> Replica:  # fmt: skip
    if requests < MIN_REQUESTS:
        raise typer.BadParameter(f"--requests must be at least {MIN_REQUESTS}, got {requests}")
    if markup not in MARKUPS:
        raise typer.BadParameter(f"--markup must be one of {', '.join(MARKUPS)}, got {markup!r}")
    start = None
    if now:
        try:
            start = datetime.fromisoformat(now)
        except ValueError as error:
            raise typer.BadParameter(
                f"--now {now!r} is not ISO 8601, e.g. 2026-11-08T12:00:00+00:00"
            ) from error
        if start.tzinfo is None:
            raise typer.BadParameter(
                f"--now {now!r} needs an offset, e.g. 2026-11-08T12:00:00+00:00"
            )
    replica = Replica(
        requests=requests, seed=seed, markup=markup, now=start,
        seed_letters=seed_letters, faults=faults,
    )  # fmt: skip
    if advance:
        replica.advance(advance, churn)
    return replica


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="The offline WhatDoTheyKnow replica.", no_args_is_help=True)

    @group.command("serve")
    def serve(
        requests: Requests = 2000,
        seed: Seed = 7,
        port: Annotated[int, typer.Option("--port", help="Port (0 picks a free one).")] = 8800,
        host: Annotated[
            str, typer.Option("--host", help="Only 127.0.0.1 is allowed.")
        ] = "127.0.0.1",
        markup: Markup = "mixed",
        now: Now = None,
        advance: Advance = 0.0,
        churn: Churn = 0.05,
        seed_letters: Letters = None,
        fault_rate: Annotated[
            float, typer.Option("--fault-rate", help="Rate of every fault kind.")
        ] = 0.0,
        rate_limited: Annotated[
            float | None, typer.Option("--rate-429", help="Rate of 429 responses.")
        ] = None,
        unavailable: Annotated[
            float | None, typer.Option("--rate-503", help="Rate of 503 responses.")
        ] = None,
        slow: Annotated[
            float | None, typer.Option("--slow", help="Rate of slow responses.")
        ] = None,
        retry_after: Annotated[int, typer.Option("--retry-after", help="Retry-After seconds.")] = 1,
        log: Annotated[
            Path | None, typer.Option("--log", help="Append the access log here (JSONL).")
        ] = None,
        bot_wall: Annotated[
            bool,
            typer.Option("--bot-wall", help="Answer /request/* with a Cloudflare-style challenge."),
        ] = False,
        archive: Annotated[
            bool,
            typer.Option(
                "--archive",
                help="Also serve a Wayback-style archive of the replica's past (/cdx/, /web/).",
            ),
        ] = False,
        dry_run: Annotated[bool, typer.Option("--dry-run", hidden=True)] = False,
    ) -> None:
        """Serve the replica on 127.0.0.1. Example: wdtk replica serve --requests 2000 --seed 7 --port 8800"""
        overrides = {
            k: v
            for k, v in {
                "rate_limited": rate_limited,
                "unavailable": unavailable,
                "slow": slow,
            }.items()
            if v is not None
        }
        faults = dataclasses.replace(
            Faults.uniform(fault_rate, **overrides), retry_after=retry_after
        )
        replica = build_replica(requests, seed, markup, now, advance, churn, seed_letters, faults)
        try:
            server = ReplicaServer(
                replica, host=host, port=port, log_path=log, bot_wall=bot_wall, archive=archive
            )
        except HostNotAllowed as error:
            raise typer.BadParameter(str(error)) from error
        typer.echo(
            f"WDTK replica: {requests} requests, seed {seed}, clock {replica.clock.isoformat()}"
        )
        if dry_run:
            typer.echo(f"would listen on http://{host}:{port}")
            return
        server.start()
        typer.echo(f"listening on {server.url} (Ctrl-C to stop)")
        if bot_wall:
            typer.echo("bot wall: /request/* answers a challenge page (403, cf-mitigated)")
        if archive and server.archive is not None:
            typer.echo(
                f"archive: {server.url}/cdx/search/cdx and /web/<timestamp>id_/<url>, "
                f"snapshots {', '.join(t.date().isoformat() for t in server.archive.snapshots)}"
            )
        try:
            assert server._thread is not None
            server._thread.join()
        except KeyboardInterrupt:
            server.stop()

    @group.command("truth")
    def truth(
        request_id: Annotated[int, typer.Argument(help="Request id.")],
        requests: Requests = 2000,
        seed: Seed = 7,
        markup: Markup = "mixed",
        now: Now = None,
        advance: Advance = 0.0,
        churn: Churn = 0.05,
        seed_letters: Letters = None,
    ) -> None:
        """Print a request's ground truth as JSON. Example: wdtk replica truth 540577"""
        replica = build_replica(requests, seed, markup, now, advance, churn, seed_letters)
        if replica.request(request_id) is None:
            typer.echo(
                f"request {request_id} does not exist in this corpus at {replica.clock.isoformat()}",
                err=True,
            )
            raise typer.Exit(1)
        typer.echo(json.dumps(truth_json(replica, request_id), indent=2))

    @group.command("warc")
    def warc(
        out: Annotated[Path, typer.Argument(help="The WARC file to write (.warc or .warc.gz).")],
        requests: Requests = 2000,
        seed: Seed = 7,
        markup: Markup = "mixed",
        now: Now = None,
        advance: Advance = 0.0,
        churn: Churn = 0.05,
        seed_letters: Letters = None,
        base_url: Annotated[
            str, typer.Option("--base-url", help="Site URL the records are of.")
        ] = "http://127.0.0.1:8800",
    ) -> None:
        """Write the replica's pages as a WARC file. Example: wdtk replica warc site.warc.gz"""
        from scraper.replica.warc import write_warc

        replica = build_replica(requests, seed, markup, now, advance, churn, seed_letters)
        written = write_warc(replica, out, base_url=base_url)
        typer.echo(f"wrote {written:,} records to {out} (clock {replica.clock.isoformat()})")

    app.add_typer(group, name="replica")
