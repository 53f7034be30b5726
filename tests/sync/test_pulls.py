"""What flows back from central: case changes (durable cursor), the catalog, heartbeats,
and the online lookup of a receipt."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from synckit.central_process import CentralProcess
from synckit.terminals import confirm_appeals, rows, service_for

from sync.case_changes import stored_cursor
from sync.protocol.receipt_numbers import make_receipt_no
from sync.protocol.schemas import QrProof, ReceiptLookupRequest
from terminal.config import Config
from terminal.devices.state import DeviceState, DeviceStatus
from terminal.runtime import TerminalCore, receipt_for, start_core


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


def test_receipt_lookup_online_needs_the_printed_query_code_or_qr(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    [receipt] = confirm_appeals(enrolled, 1, seed=41)
    printed = receipt_for(enrolled, receipt, online=True)  # what the citizen holds
    qr = urlsplit(printed.qr_payload).query.split("&")
    ts, sig = (part.split("=", 1)[1] for part in qr)
    service = service_for(enrolled, central)
    service.drainer.drain()
    by_code = service.lookup(
        ReceiptLookupRequest(receipt_no=receipt, query_code=printed.query_code)
    )
    by_qr = service.lookup(ReceiptLookupRequest(receipt_no=receipt, qr=QrProof(ts=ts, sig=sig)))
    wrong = f"{(int(printed.query_code) + 1) % 10**6:06d}"
    wrong_code = service.lookup(ReceiptLookupRequest(receipt_no=receipt, query_code=wrong))
    unknown = service.lookup(
        ReceiptLookupRequest(receipt_no=make_receipt_no("9999", "261127", 1), query_code=wrong)
    )
    service.close()
    assert by_code["outcome"] == "found" and by_qr == by_code
    case = by_code["case"]
    assert case["receipt_no"] == receipt and case["status"] == "received"
    assert "case_id" not in case and "kind" not in case  # only what the citizen needs
    assert wrong_code == unknown == {"outcome": "lookup-not-matched"}  # nothing told apart
