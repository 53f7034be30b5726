"""A citizen's call for staff reaches central in a heartbeat at once (not at the interval),
is stored once, and `mashangban-central terminals` lists it: time and screen only."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from synckit.central_process import CentralProcess
from synckit.terminals import enrol_core, service_for, sync_config

from sync.protocol.schemas import HeartbeatResponse
from sync.worker import SyncWorker
from terminal.audit import actions
from terminal.audit.trail import AuditTrail


def central_help_calls(central_dir: Path) -> list[tuple[int, str]]:
    [db] = [p for p in central_dir.glob("*.sqlite3")]
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT seq, screen FROM terminal_help_calls ORDER BY seq").fetchall()
    finally:
        conn.close()


def test_a_help_call_is_stored_once_and_listed(data_dir: Path, tmp_path: Path) -> None:
    with CentralProcess(tmp_path / "central") as central:
        core = enrol_core(sync_config(data_dir, central.url), central)
        try:
            audit = AuditTrail.for_core(core)
            audit.record("technician:cli", "config_change")
            seq = audit.record(actions.CITIZEN, actions.HELP_CALL, detail={"screen": "home"})
            service = service_for(core, central)
            try:
                assert service.heartbeat.urgent()
                request = service.heartbeat.build()
                assert [(c.seq, c.screen) for c in request.help_calls] == [(seq, "home")]
                for _ in range(2):  # as if the first answer was lost
                    service.client.call(
                        "POST", "/terminals/heartbeat", HeartbeatResponse, payload=request
                    )
                assert central_help_calls(tmp_path / "central") == [(seq, "home")]
                service.heartbeat.send()
                assert not service.heartbeat.urgent()  # central holds it now
            finally:
                service.close()
            (row,) = central.terminals()
            assert [c["screen"] for c in row["help_calls"]] == ["home"]
            assert row["help_calls"][0]["at"].endswith("Z")
            assert "help_calls" not in (row["last_heartbeat"] or {})
            table = central.admin("terminals")
            assert "help_text" in table and "1 latest" in table and "home" in table
        finally:
            core.close()


def test_the_worker_beats_at_once_for_a_help_call(data_dir: Path, tmp_path: Path) -> None:
    """Heartbeats every hour, pulls every second: the call still goes within seconds."""
    with CentralProcess(tmp_path / "central") as central:
        config = sync_config(
            data_dir,
            central.url,
            sync__heartbeat_interval_s=3600,
            sync__poll_interval_s=1,
            sync__start_jitter_s=0,
        )
        core = enrol_core(config, central)
        service = service_for(core, central)
        worker = SyncWorker(service)
        try:
            worker.start()
            deadline = time.monotonic() + 60
            while worker.cycles < 2 and time.monotonic() < deadline:  # the first beat is done
                time.sleep(0.2)
            assert worker.cycles >= 2
            assert central_help_calls(tmp_path / "central") == []
            AuditTrail.for_core(core).record(
                actions.CITIZEN, actions.HELP_CALL, detail={"screen": "appeal_wizard.who"}
            )
            worker.kick()
            deadline = time.monotonic() + 60
            while not central_help_calls(tmp_path / "central") and time.monotonic() < deadline:
                time.sleep(0.2)
            assert [s for _, s in central_help_calls(tmp_path / "central")] == ["appeal_wizard.who"]
        finally:
            worker.stop()
            service.close()
            core.close()
