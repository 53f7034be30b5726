"""The terminal's audit trail rides along with heartbeats; central keeps a copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from synckit.central_process import CentralProcess
from synckit.terminals import enrol_core, service_for, sync_config

from terminal.audit.trail import AuditTrail


def central_audit(central_dir: Path) -> list[tuple[int, str, str, str]]:
    [db] = [p for p in central_dir.glob("*.sqlite3")]
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT seq, actor, action, mac FROM terminal_audit ORDER BY seq"
        ).fetchall()
    finally:
        conn.close()


def test_heartbeats_carry_unsent_audit_records_once(data_dir: Path, tmp_path: Path) -> None:
    with CentralProcess(tmp_path / "central") as central:
        core = enrol_core(sync_config(data_dir, central.url), central)
        try:
            audit = AuditTrail.for_core(core)
            for action in ("login", "reprint", "force_sync"):
                audit.record("S001", action, detail={"count": 1})
            service = service_for(core, central)
            try:
                service.heartbeat.send()
                stored = central_audit(tmp_path / "central")
                assert [(s, a, act) for s, a, act, _ in stored] == [
                    (1, "S001", "login"),
                    (2, "S001", "reprint"),
                    (3, "S001", "force_sync"),
                ]
                assert [r.mac for r in audit.records()] == [m for *_, m in stored]
                assert audit.unsent_count() == 0
                assert service.heartbeat.build().audit == []  # nothing is sent twice
                audit.record("S001", "logout")
                service.heartbeat.send()
                assert [s for s, *_ in central_audit(tmp_path / "central")] == [1, 2, 3, 4]
                assert audit.unsent_count() == 0
            finally:
                service.close()
        finally:
            core.close()


def test_a_resent_heartbeat_stores_nothing_twice(data_dir: Path, tmp_path: Path) -> None:
    from sync.protocol.schemas import HeartbeatResponse

    with CentralProcess(tmp_path / "central") as central:
        core = enrol_core(sync_config(data_dir, central.url), central)
        try:
            audit = AuditTrail.for_core(core)
            audit.record("technician:cli", "config_change")
            service = service_for(core, central)
            try:
                request = service.heartbeat.build()  # as if the first answer was lost
                call = service.client.call
                for _ in range(2):
                    answer = call(
                        "POST", "/terminals/heartbeat", HeartbeatResponse, payload=request
                    )
                    assert answer.audit_stored_up_to == 1
                doubled = request.model_copy(update={"audit": request.audit * 2})
                call("POST", "/terminals/heartbeat", HeartbeatResponse, payload=doubled)
                assert len(central_audit(tmp_path / "central")) == 1
            finally:
                service.close()
        finally:
            core.close()
