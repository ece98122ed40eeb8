"""PostgreSQL: a private cluster owned by the postgres user when run as root,
or the server named by BOH_DB_HOST."""

import glob
import os
import shutil
import socket
import tempfile
from pathlib import Path

from .common import (
    APT_PACKAGES,
    DB_USER,
    ROOT,
    BohError,
    apt_install,
    is_root,
    run,
    say,
)


def pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    return None


def ensure_postgres():
    if not pg_bin("initdb") and apt_install(APT_PACKAGES["postgresql"]):
        pass
    if not (pg_bin("initdb") and pg_bin("pg_ctl")):
        raise BohError(
            "PostgreSQL server binaries (initdb, pg_ctl) are missing."
            " Install PostgreSQL 15 or newer (Debian: `apt-get install postgresql`)"
            " or point BOH_DB_HOST/BOH_DB_PORT/BOH_DB_USER at a server."
        )


def as_pg_owner(cmd):
    """PostgreSQL refuses to run as root: run its tools as the postgres user."""
    if is_root():
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def free_port(preferred=None):
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as sock:
            # as servers do: a port in TIME_WAIT after a stop is free
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise BohError("no free local port")


class Cluster:
    """A private PostgreSQL cluster in a folder, listening on 127.0.0.1 only."""

    def __init__(self, folder, port=None):
        self.folder = Path(folder)
        self.data = self.folder / "pgdata"
        self.port_file = self.folder / "pg.port"
        if port is None and self.port_file.exists():
            port = int(self.port_file.read_text())
        self.port = port
        self.host = "127.0.0.1"
        self.user = DB_USER

    def _prepare_folder(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        if is_root():
            # The postgres user must reach the folder; make it traversable.
            for parent in [self.folder, *self.folder.parents]:
                mode = parent.stat().st_mode
                if not mode & 0o001:
                    if parent == Path("/") or not str(parent).startswith(
                        (str(ROOT), tempfile.gettempdir())
                    ):
                        res = run(
                            as_pg_owner(["test", "-x", str(parent)]),
                            check=False,
                        )
                        if res.returncode:
                            raise BohError(
                                f"the postgres user cannot enter {parent}; put the"
                                " project where it can, or set BOH_DB_HOST"
                            )
                        continue
                    os.chmod(parent, mode | 0o001)

    def init(self):
        if (self.data / "PG_VERSION").exists():
            return
        self._prepare_folder()
        self.data.mkdir(parents=True, exist_ok=True)
        if is_root():
            shutil.chown(self.data, "postgres", "postgres")
        os.chmod(self.data, 0o700)
        say(f"creating a private PostgreSQL cluster in {self.data}")
        res = run(
            as_pg_owner(
                [
                    pg_bin("initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    self.user,
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                ]
            ),
            check=False,
            capture_output=True,
            text=True,
        )
        if res.returncode:
            raise BohError("initdb failed:\n" + res.stdout + res.stderr)

    def running(self):
        res = run(
            as_pg_owner([pg_bin("pg_ctl"), "-D", str(self.data), "status"]),
            check=False,
            capture_output=True,
        )
        return res.returncode == 0

    def start(self):
        self.init()
        if self.running():
            return
        self.port = free_port(self.port)
        self.port_file.write_text(str(self.port))
        opts = (
            f"-p {self.port} -c listen_addresses=127.0.0.1"
            f" -c unix_socket_directories='{self.data}' -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off"
        )
        log = self.data / "server.log"
        res = run(
            as_pg_owner(
                [pg_bin("pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(log)]
                + ["-w", "-t", "60", "start"]
            ),
            check=False,
            capture_output=True,
            text=True,
        )
        if res.returncode:
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise BohError(
                "PostgreSQL did not start:\n" + res.stdout + res.stderr + tail
            )
        say(f"PostgreSQL is listening on {self.host}:{self.port}")

    def stop(self):
        if self.data.exists() and self.running():
            run(
                as_pg_owner(
                    [pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"]
                ),
                check=False,
                capture_output=True,
            )

    def psql(self, sql, db="postgres"):
        res = run(
            [pg_bin("psql") or "psql", "-h", self.host, "-p", str(self.port)]
            + ["-U", self.user, "-d", db, "-tAc", sql],
            check=False,
            capture_output=True,
            text=True,
        )
        if res.returncode:
            raise BohError(f"psql failed: {res.stderr.strip()}")
        return res.stdout.strip()


class ExternalServer:
    """A PostgreSQL server named by BOH_DB_HOST / BOH_DB_PORT / BOH_DB_USER."""

    def __init__(self):
        self.host = os.environ["BOH_DB_HOST"]
        self.port = int(os.environ.get("BOH_DB_PORT", "5432"))
        self.user = os.environ.get("BOH_DB_USER", DB_USER)
        self.password = os.environ.get("BOH_DB_PASSWORD", "")

    def start(self):
        pass

    def stop(self):
        pass

    psql = Cluster.psql


def server_for(folder):
    if os.environ.get("BOH_DB_HOST"):
        return ExternalServer()
    ensure_postgres()
    return Cluster(folder)
