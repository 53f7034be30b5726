"""Attack 4 of issue 13, at central: a real ``mashangban-central serve`` subprocess on
loopback, a real enrolled terminal store damaged by hand with sqlite3, real signed
heartbeats. Central compares the records and head that arrive with what it holds and
raises an alert (a security-log line, a flag ``terminals`` shows) on a rewind, a gap or
a mismatch; the re-MACed chain, which verifies at the terminal, is caught here."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from synckit.central_process import CentralProcess
from synckit.terminals import enrol_core, service_for, sync_config

from sync.service import SyncService
from terminal.audit.anchor import AuditHead, write_anchor
from terminal.audit.chain import GENESIS_MAC, AuditRow, compute_mac
from terminal.audit.key import audit_key_path
from terminal.audit.trail import AuditTrail
from terminal.runtime import TerminalCore

DROP_TRIGGERS = ("DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete")


@dataclass
class Kiosk:
    central: CentralProcess
    core: TerminalCore
    trail: AuditTrail
    service: SyncService

    @property
    def terminal_id(self) -> str:
        return self.core.identity.terminal_id if self.core.identity else ""

    def sql(self, *statements: str) -> None:
        conn = sqlite3.connect(self.core.paths.store_file, isolation_level=None)
        try:
            for statement in statements:
                conn.execute(statement)
        finally:
            conn.close()

    def listed(self) -> dict[str, object]:
        [row] = [t for t in self.central.terminals() if t["terminal_id"] == self.terminal_id]
        return row

    def security_events(self, event: str) -> list[dict[str, object]]:
        path = self.central.data_dir / "security.log"
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        return [doc for doc in map(json.loads, lines) if doc["event"] == event]


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    with CentralProcess(tmp_path / "central") as central:
        core = enrol_core(sync_config(tmp_path / "terminal", central.url), central)
        service = service_for(core, central)
        try:
            trail = AuditTrail.for_core(core)
            for action in ("login", "reprint", "force_sync", "logout"):
                trail.record("S001", action, detail={"count": 1})
            service.heartbeat.send()  # central holds 1..4 and head 4
            assert trail.unsent_count() == 0
            yield Kiosk(central, core, trail, service)
        finally:
            service.close()
            core.close()


def test_an_intact_chain_raises_no_alert(kiosk: Kiosk) -> None:
    kiosk.trail.record("S001", "login")
    kiosk.service.heartbeat.send()
    row = kiosk.listed()
    assert row["audit_alert"] is None and row["audit_head_seq"] == 5
    assert kiosk.security_events("audit-chain") == []
    assert "AUDIT" not in kiosk.central.admin("terminals")


def test_a_rewound_sequence_is_acknowledged_with_an_alert(kiosk: Kiosk) -> None:
    """Records 3 and 4 cut, last_seq and sent_seq rewound: the terminal starts again at 3."""
    rewind = "UPDATE kv SET value = '2' WHERE key IN ('audit.last_seq', 'audit.sent_seq')"
    kiosk.sql(*DROP_TRIGGERS, "DELETE FROM audit_log WHERE seq >= 3", rewind)
    kiosk.service.heartbeat.send()
    alert = kiosk.listed()["audit_alert"]
    assert isinstance(alert, dict) and alert["problem"] == "rewind" and alert["seq"] == 2
    [line] = kiosk.security_events("audit-chain")
    assert line["outcome"] == "rewind" and line["terminal_id"] == kiosk.terminal_id
    assert "AUDIT REWIND #2" in kiosk.central.admin("terminals")
    # the terminal writes a new record 3: central keeps its own copy of 3 and the alert
    kiosk.trail.record("S001", "reprint", detail={"count": 9})
    kiosk.service.heartbeat.send()
    assert kiosk.listed()["audit_alert"] == alert  # the first alert stands, one line only
    assert len(kiosk.security_events("audit-chain")) == 1
    # cleared by the admin once looked into; the next heartbeat is checked afresh
    kiosk.central.admin("terminals", "--clear-alert", kiosk.terminal_id)
    assert kiosk.listed()["audit_alert"] is None


def test_a_chain_re_maced_with_the_local_key_verifies_locally_but_not_at_central(
    kiosk: Kiosk,
) -> None:
    """The attacker holds keys/audit.key: record 2 changed, every MAC recomputed, the
    anchor rewritten. Nothing at the terminal can tell; central's copy can."""
    key = audit_key_path(kiosk.core.paths.local_key_file).read_bytes()
    kiosk.sql(*DROP_TRIGGERS, "UPDATE audit_log SET detail = '{\"count\":0}' WHERE seq = 2")
    conn = sqlite3.connect(kiosk.core.paths.store_file, isolation_level=None)
    try:
        prev = GENESIS_MAC
        rows = conn.execute(
            "SELECT seq, at, actor, action, result, terminal_code, detail FROM audit_log "
            "ORDER BY seq"
        ).fetchall()
        for row in rows:
            mac = compute_mac(key, prev, AuditRow(*row, mac=""))
            conn.execute("UPDATE audit_log SET mac = ? WHERE seq = ?", (mac, row[0]))
            prev = mac
    finally:
        conn.close()
    write_anchor(kiosk.trail._anchor or Path(), key, AuditHead(len(rows), prev))
    assert kiosk.trail.verify().ok  # the terminal alone cannot catch it
    kiosk.trail.record("S001", "login")  # record 5, chained to the rewritten 4
    kiosk.service.heartbeat.send()
    alert = kiosk.listed()["audit_alert"]
    assert isinstance(alert, dict) and alert["problem"] == "mismatch" and alert["seq"] == 4
    [line] = kiosk.security_events("audit-chain")
    assert line["outcome"] == "mismatch"


def test_records_skipped_before_they_were_sent_are_a_gap(kiosk: Kiosk) -> None:
    for action in ("login", "reprint", "logout"):  # 5, 6, 7, not yet sent
        kiosk.trail.record("S001", action)
    kiosk.sql(*DROP_TRIGGERS, "DELETE FROM audit_log WHERE seq = 5")
    kiosk.service.heartbeat.send()
    alert = kiosk.listed()["audit_alert"]
    assert isinstance(alert, dict) and alert["problem"] == "gap" and alert["seq"] == 5
    assert [line["outcome"] for line in kiosk.security_events("audit-chain")] == ["gap"]
