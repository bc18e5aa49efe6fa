"""A throwaway PostgreSQL cluster in a temporary directory, on a free loopback port.

initdb and pg_ctl refuse to run as root, so they run as the ``postgres`` user on a directory
it owns. Never the machine's shared server on 5432.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")


class ClusterUnavailable(RuntimeError):
    """This machine cannot start a private PostgreSQL cluster."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    def __init__(self) -> None:
        if not (BIN / "initdb").exists():
            raise ClusterUnavailable(f"no initdb in {BIN}")
        try:
            self.user = pwd.getpwnam("postgres")
        except KeyError:
            raise ClusterUnavailable("no postgres user") from None
        self.root = Path(tempfile.mkdtemp(prefix="wdtk-pg-", dir="/tmp"))
        os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_postgres(
            BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, *argv: object) -> None:
        command = [str(a) for a in argv]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            BIN / "pg_ctl", "-D", self.data, "-o", options, "-l", self.root / "log", "-w", "start"
        )

    def stop(self, mode: str = "immediate") -> None:
        self._as_postgres(BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("fast")
        shutil.rmtree(self.root, ignore_errors=True)
