"""The embedded default: a reference central on 127.0.0.1 when no server is configured.

A terminal that is not enrolled with a real platform still works end to end:
``central_for(core)`` starts ``mashangban-central serve --host 127.0.0.1
--port 0`` as a subprocess with its data in ``<data_dir>/demo-central`` (which
already holds the demo platform key the terminal generated at first start),
reads the ``listening http://127.0.0.1:PORT`` line, enrols the terminal the
first time (with a code from ``enroll-code``), and stops the server on exit:
terminate, then kill after a timeout. Everything it holds is demo data.

Which server a terminal syncs with: ``sync.server_url`` when set; else the
server it was enrolled with (``mashangban enroll --server``); else this one, but
only while the demo is allowed: a data directory that was really enrolled once
never falls back to it (terminal/demo.py), even when its store lost the enrolment.
"""

from __future__ import annotations

import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from sync.client import SyncClient
from sync.enrolment import enroll
from sync.kv import EMBEDDED_ENROLLED, read_kv, write_kv
from sync.protocol.receipt_numbers import DEMO_TERMINAL_CODE
from sync.server_clock import ServerClock
from sync.service import backoff_settings, transport_settings, uses_embedded_central
from sync.timing import Timing
from terminal.demo import demo_allowed, read_mark
from terminal.identity import enrolment_lost
from terminal.runtime import TerminalCore

log = logging.getLogger(__name__)
LISTENING_PREFIX = "listening "
CENTRAL_DB_FILE = "central.sqlite3"  # central/config.py DB_FILENAME: a fresh one needs enrolment
CENTRAL_LOG_FILE = "central.log"


class EmbeddedCentralError(RuntimeError):
    """The embedded central did not start (its log is in demo-central/central.log)."""


def central_command() -> list[str]:
    """How to run central's command line: this interpreter, or the packaged executable
    (whose `mashangban central …` runs central's command line).

    ``-P`` (safe path): the working directory is not put on ``sys.path``, so a
    ``central/`` folder wherever the kiosk was started cannot stand in for the real
    package; the child also runs in its own data directory (below)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "central"]
    return [sys.executable, "-P", "-m", "central"]


class EmbeddedCentral:
    """A central subprocess on loopback; a context manager that starts and stops it."""

    def __init__(
        self,
        data_dir: Path,
        *,
        command: Sequence[str] | None = None,
        serve_options: Sequence[str] = (),
        start_timeout_s: float = 60.0,
        stop_timeout_s: float = 10.0,
    ) -> None:
        """``serve_options`` are added to ``serve`` (e.g. ``--demo-advance 60``)."""
        self.data_dir = data_dir.absolute()  # the child runs in it: no relative path
        self.command = list(command or central_command())
        self.serve_options = list(serve_options)
        self.start_timeout_s = start_timeout_s
        self.stop_timeout_s = stop_timeout_s
        self.url = ""
        self.fresh_database = False
        self._process: subprocess.Popen[str] | None = None
        self._pump: threading.Thread | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def _base(self) -> list[str]:
        return [*self.command, "--data-dir", str(self.data_dir)]

    def start(self) -> str:
        """Start the server; returns its base URL once it accepts connections."""
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)  # central's own
        self.fresh_database = not (self.data_dir / CENTRAL_DB_FILE).exists()
        log_path = self.data_dir / CENTRAL_LOG_FILE
        log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(log_fd, "w", encoding="utf-8") as log_file:  # the child keeps its fd
            self._process = subprocess.Popen(
                [
                    *self._base(),
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--parent-pid",
                    str(os.getpid()),
                    *self.serve_options,
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log_file,
                cwd=self.data_dir,
                text=True,
                encoding="utf-8",
            )
        lines: queue.Queue[str | None] = queue.Queue()
        self._pump = threading.Thread(
            target=_pump, args=(self._process, lines), name="central-stdout", daemon=True
        )
        self._pump.start()
        deadline = time.monotonic() + self.start_timeout_s
        line: str | None = ""
        while line is not None and not line.startswith(LISTENING_PREFIX):
            try:
                line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                line = None
        if line is None:
            self.stop()
            raise EmbeddedCentralError(f"embedded central did not start; see {log_path}")
        self.url = line[len(LISTENING_PREFIX) :].strip()
        log.info("embedded central listening at %s (pid %d)", self.url, self._process.pid)
        return self.url

    def enrollment_code(self) -> str:
        """A one-time enrolment code from ``enroll-code`` (printed alone on stdout)."""
        done = subprocess.run(
            [*self._base(), "--log-level", "warning", "enroll-code"],
            capture_output=True,
            cwd=self.data_dir,
            text=True,
            encoding="utf-8",
            timeout=self.start_timeout_s,
            check=False,
        )
        code = done.stdout.strip().splitlines()[-1:] if done.stdout.strip() else []
        if done.returncode != 0 or not code:
            raise EmbeddedCentralError(f"enroll-code failed with exit code {done.returncode}")
        return code[0].strip()

    def stop(self) -> None:
        """Terminate; kill when it does not end within the timeout."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(self.stop_timeout_s)
            except subprocess.TimeoutExpired:
                log.warning(
                    "embedded central did not stop in %.0f s; killing it", self.stop_timeout_s
                )
                process.kill()
                process.wait(self.stop_timeout_s)
        if self._pump is not None:
            self._pump.join(self.stop_timeout_s)  # ends at EOF, now that the child is gone
        if process.stdout is not None:
            process.stdout.close()

    def __enter__(self) -> EmbeddedCentral:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _pump(process: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
    """Hand stdout lines to the starter; keep draining so the child never blocks."""
    assert process.stdout is not None
    for line in process.stdout:
        lines.put(line)
    lines.put(None)


def configured_server_url(core: TerminalCore) -> str:
    """The real server to use, or "" for the embedded default."""
    if uses_embedded_central(core):
        return ""
    if core.config.sync.server_url:
        return core.config.sync.server_url
    assert core.identity is not None  # uses_embedded_central: an enrolled real server
    return core.identity.server_url


def check_demo_allowed(core: TerminalCore) -> None:
    """EmbeddedCentralError unless this terminal may use the demo: once really enrolled
    (or with a server configured) it never falls back to it (terminal/demo.py)."""
    identity = core.identity
    if identity is not None and not identity.demo:
        raise EmbeddedCentralError(
            f"terminal {identity.terminal_code} is enrolled but has no server address; "
            "set sync.server_url or enrol again (mashangban enroll --server URL --code CODE)"
        )
    if not demo_allowed(core.paths, core.config.sync.server_url):
        mark = read_mark(core.paths)
        where = f" with {mark.server_url}" if mark and mark.server_url else ""
        raise EmbeddedCentralError(
            f"this terminal was enrolled{where} but its store holds no enrolment; "
            "the demo central is not used: enrol again (mashangban enroll --server URL --code CODE)"
        )


def enroll_with_embedded(core: TerminalCore, central: EmbeddedCentral) -> None:
    """Enrol the terminal with the embedded central unless it already is (as the demo
    terminal 0000: a demo identity of an older version, with another code, enrols again)."""
    identity = core.identity
    enrolled = read_kv(core.store, EMBEDDED_ENROLLED)
    if (
        identity is not None
        and enrolled == identity.terminal_id
        and identity.terminal_code == DEMO_TERMINAL_CODE
        and not central.fresh_database
    ):
        return
    timing = Timing()
    client = SyncClient(
        central.url,
        transport_settings(core.config.sync, embedded=True),
        credentials=None,
        clock=ServerClock(timing, core.store),
        backoff=backoff_settings(core.config.sync),
        timing=timing,
    )
    try:
        new = enroll(core, client, central.enrollment_code(), server_url="", demo=True)
    finally:
        client.close()
    write_kv(core.store, EMBEDDED_ENROLLED, new.terminal_id)


@contextmanager
def central_for(
    core: TerminalCore,
    *,
    command: Sequence[str] | None = None,
    serve_options: Sequence[str] = (),
    start_timeout_s: float = 60.0,
    stop_timeout_s: float = 10.0,
) -> Iterator[str]:
    """The server URL to sync with for as long as the block runs.

    A configured or enrolled server is yielded as is; otherwise the embedded
    central is started (and the terminal enrolled with it the first time) and
    stopped when the block ends. Only a process that owns the data directory
    (`start_core`, store/owner.py) starts it; a read-only core is refused.
    """
    url = configured_server_url(core)
    if url:
        yield url
        return
    check_demo_allowed(core)
    if core.owner is None:  # it enrols and writes: only the data directory's owner may
        raise EmbeddedCentralError("the embedded central needs a core that owns its data dir")
    if core.identity is None and enrolment_lost(core.store):
        raise EmbeddedCentralError(
            "this terminal's enrolment was lost with a damaged store; it will not use the "
            "demo central: enrol it again with `mashangban enroll --server URL --code CODE`"
        )
    embedded = EmbeddedCentral(
        core.paths.demo_central_dir,
        command=command,
        serve_options=serve_options,
        start_timeout_s=start_timeout_s,
        stop_timeout_s=stop_timeout_s,
    )
    with embedded as central:
        enroll_with_embedded(core, central)
        yield central.url
