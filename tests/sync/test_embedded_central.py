"""The embedded default: a central subprocess on 127.0.0.1 when no server is configured."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from synckit.terminals import confirm_appeals, rows, sync_config

from mashangban.embedded_central import EmbeddedCentral, EmbeddedCentralError, central_for
from sync.service import SyncService
from terminal.runtime import start_core


def refuses_connections(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False


def test_embedded_central_enrols_once_syncs_and_stops(data_dir: Path) -> None:
    core = start_core(sync_config(data_dir, ""), configure_logging=False)
    try:
        demo = core.identity
        assert demo is not None and demo.demo
        # Confirmed before any central ran: sealed to the demo key the terminal generated.
        receipts = confirm_appeals(core, 2, seed=81)
        with central_for(core) as url:
            assert url.startswith("http://127.0.0.1:")
            first = core.identity
            assert first is not None and first.demo and first.terminal_id != demo.terminal_id
            service = SyncService(core, url)
            report = service.run_cycle()
            service.close()
        assert report.drain.outcomes.accepted == 2
        assert all(rows(core)[no].outbox_state == "synced" for no in receipts)
        assert refuses_connections(url)  # stopped with the block

        with central_for(core) as again:
            assert core.identity == first  # enrolled the first time only
            service = SyncService(core, again)
            assert service.run_cycle().drain.outcomes.accepted == 0  # signed and accepted
            service.close()
        assert refuses_connections(again)
    finally:
        core.close()


STUBBORN = """
import signal, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
print("listening http://127.0.0.1:9", flush=True)
time.sleep(60)
"""


def test_a_central_that_ignores_terminate_is_killed(tmp_path: Path) -> None:
    central = EmbeddedCentral(
        tmp_path, command=[sys.executable, "-c", STUBBORN], stop_timeout_s=0.5
    )
    assert central.start() == "http://127.0.0.1:9"
    process = central._process
    assert process is not None
    central.stop()
    assert process.returncode == -9  # SIGKILL after terminate was ignored


def test_a_central_that_cannot_start_is_reported(tmp_path: Path) -> None:
    failing = [sys.executable, "-c", "import sys; print('boom', file=sys.stderr); sys.exit(3)"]
    central = EmbeddedCentral(tmp_path, command=failing, start_timeout_s=10)
    with pytest.raises(EmbeddedCentralError):
        central.start()
    assert "boom" in (tmp_path / "central.log").read_text()


PARENT = """
import sys, time
from pathlib import Path
from terminal.config import load_config
from terminal.runtime import start_core
from mashangban.embedded_central import central_for

config = load_config(None, env={}, overrides={"store.data_dir": sys.argv[1]})
core = start_core(config, configure_logging=False)
with central_for(core) as url:
    print(url, flush=True)
    time.sleep(600)
"""


def test_the_embedded_central_exits_when_its_terminal_is_killed(data_dir: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(data_dir)], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    url = parent.stdout.readline().strip()
    parent.stdout.close()
    assert url.startswith("http://127.0.0.1:") and not refuses_connections(url)
    parent.kill()  # SIGKILL: the terminal gets no chance to stop its central
    parent.wait(timeout=10)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not refuses_connections(url):
        time.sleep(0.2)
    assert refuses_connections(url), "the orphaned central is still serving"
