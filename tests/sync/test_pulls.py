"""What flows back from central: case changes (durable cursor), the catalog, heartbeats,
and the online lookup of a receipt."""

from __future__ import annotations

import json

from synckit.central_process import CentralProcess
from synckit.terminals import confirm_appeals, rows, service_for

from sync.case_changes import stored_cursor
from sync.protocol.receipt_numbers import make_receipt_no
from terminal.config import Config
from terminal.devices.state import DeviceState, DeviceStatus
from terminal.runtime import TerminalCore, start_core


def test_case_changes_apply_and_the_cursor_survives_a_restart(
    enrolled: TerminalCore, sync_cfg: Config, central: CentralProcess
) -> None:
    first, second, third = confirm_appeals(enrolled, 3, seed=21)
    service = service_for(enrolled, central)
    service.drainer.drain()
    initial = service.changes.pull()  # the "received" of each new case
    central.admin("case", "advance", first, "in_progress", "--department", "市城管局")
    central.admin("case", "advance", second, "resolved")
    pulled = service.changes.pull()
    service.close()
    assert pulled.received == 2 and pulled.applied == 2
    assert pulled.cursor > initial.cursor
    local = rows(enrolled)
    assert local[first].central_status == "in_progress"
    assert local[second].central_status == "resolved"
    assert local[third].central_status == "received"
    cursor = stored_cursor(enrolled.store)
    assert cursor == pulled.cursor
    enrolled.close()

    restarted = start_core(sync_cfg, configure_logging=False)
    try:
        assert stored_cursor(restarted.store) == cursor
        central.admin("case", "advance", third, "needs_info")
        service = service_for(restarted, central)
        later = service.changes.pull()
        service.close()
        assert later.received == 1  # only what happened after the stored cursor
        assert rows(restarted)[third].central_status == "needs_info"
        with restarted.store.reader.connect() as conn:
            text = conn.exec_driver_sql(
                "SELECT central_status_text FROM submissions WHERE receipt_no = ?", (third,)
            ).scalar_one()
        assert json.loads(text)["zh_CN"] == "待补充材料"
    finally:
        restarted.close()


def test_catalog_is_installed_then_not_modified(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    service = service_for(enrolled, central)
    installed = []
    service.catalog._on_installed = installed.append
    first = service.catalog.pull()
    second = service.catalog.pull()
    service.close()
    assert first.changed and first.version and first.rejected is None
    assert [c.version for c in installed] == [first.version]
    assert not second.changed  # 304: If-None-Match matched the stored ETag
    assert service.catalogs.etag and service.catalogs.active_path.exists()


def test_heartbeat_reaches_central(enrolled: TerminalCore, central: CentralProcess) -> None:
    confirm_appeals(enrolled, 2, seed=31)
    devices = {
        "printer": DeviceState(DeviceStatus.PAPER_OUT, "cover open"),  # as Peripherals.states
        "scanner": "ok",
        "camera": "??",
    }
    service = service_for(enrolled, central, devices=lambda: devices)
    answer = service.heartbeat.send()
    service.close()
    assert answer.min_app_version
    me = enrolled.identity.terminal_id  # type: ignore[union-attr]
    [row] = [t for t in central.terminals() if t["terminal_id"] == me]
    assert row["queue_pending"] == 2
    assert row["devices"] == {"printer": "paper_out", "scanner": "ok"}  # unknown state dropped
    assert row["disk_free_bytes"] > 0
    assert row["last_heartbeat"]["app_version"] == row["app_version"]


def test_receipt_lookup_online(enrolled: TerminalCore, central: CentralProcess) -> None:
    [receipt] = confirm_appeals(enrolled, 1, seed=41)
    service = service_for(enrolled, central)
    service.drainer.drain()
    found = service.lookup(receipt)
    unknown = service.lookup(make_receipt_no("9999", "261127", 1))
    malformed = service.lookup("not-a-receipt")
    service.close()
    assert found is not None and found.receipt_no == receipt and found.status == "received"
    assert found.case_id == rows(enrolled)[receipt].case_id
    assert unknown is None and malformed is None
