"""Receipt numbers never repeat for the terminal's life (issue 12, point 4).

Real processes: central as a subprocess on loopback, ``mashangban enroll``,
``loadgen`` and ``sync --once`` as the technician runs them.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import requests
from checkskit.procs import (
    Central,
    enrol,
    loadgen,
    mashangban,
    printed_receipts,
    store_rows,
    sync_once,
)


def _issue(data_dir: Path, central: Central | None, count: int) -> list[str]:
    done = loadgen(data_dir, central, "--count", str(count))
    assert done.returncode == 0, done.stderr
    receipts = printed_receipts(done)
    assert len(receipts) == count
    return receipts


def _synced(data_dir: Path, central: Central) -> dict[str, dict]:
    done = sync_once(data_dir, central)
    assert done.returncode == 0, done.stdout + done.stderr
    return store_rows(data_dir)


def test_a_fresh_store_re_enrolled_continues_above_central_s_record(
    central: Central, data_dir: Path
) -> None:
    assert enrol(data_dir, central).returncode == 0
    first = _issue(data_dir, central, 3)
    assert all(r["outbox_state"] == "synced" for r in _synced(data_dir, central).values())

    shutil.rmtree(data_dir)  # the whole data directory is gone: store and mark file
    again = enrol(data_dir, central)
    assert again.returncode == 0, again.stderr
    second = _issue(data_dir, central, 3)
    assert not set(first) & set(second), (first, second)
    rows = _synced(data_dir, central)
    assert [rows[r]["outbox_state"] for r in second] == ["synced"] * 3
    assert not any(r["outbox_error_code"] for r in rows.values())
    held = {case["receipt_no"] for case in central.cases()}
    assert set(first) | set(second) <= held
    # The kiosk enrolling again superseded its own earlier registration.
    active = [t for t in central.terminals() if t["terminal_code"] == "0042" and not t["revoked"]]
    assert len(active) == 1


def _ruin_store(data_dir: Path) -> None:
    """Every byte of the store garbage, its WAL gone: damage nothing can be salvaged from
    (a store merely missing from a used data directory is refused, not recreated)."""
    store = data_dir / "store.sqlite3"
    store.write_bytes(b"\x5a" * max(store.stat().st_size, 8192))
    for suffix in ("-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)


def test_the_mark_beside_the_store_outlives_the_store(data_dir: Path) -> None:
    first = _issue(data_dir, None, 2)  # the embedded demo identity; nothing is sent
    _ruin_store(data_dir)
    second = _issue(data_dir, None, 2)
    assert not set(first) & set(second), (first, second)
    assert [int(r.split("-")[2]) for r in second] == [3, 4]


def test_the_store_carries_the_mark_when_the_file_is_lost(data_dir: Path) -> None:
    first = _issue(data_dir, None, 2)
    (data_dir / "receipt-sequences.json").unlink()
    second = _issue(data_dir, None, 1)  # the store's counter continues; the file is rewritten
    _ruin_store(data_dir)
    third = _issue(data_dir, None, 1)
    numbers = first + second + third
    assert len(set(numbers)) == 4, numbers


def test_a_second_kiosk_with_an_active_code_is_refused(central: Central, data_dir: Path) -> None:
    # Another kiosk (another hardware id) holds code 0077 at central.
    other = requests.post(
        central.url + "/api/v1/terminals/enroll",
        json={
            "enrollment_code": central.enrollment_code(),
            "terminal_code": "0077",
            "site": {"branch_code": "530102-001", "name": "五华区政务服务中心"},
            "app_version": "1.0.0",
            "hardware_id": f"hw-{uuid.uuid4()}",
        },
        timeout=60,
    )
    assert other.status_code == 201, other.text
    done = mashangban(
        data_dir,
        "enroll",
        "--server",
        central.url,
        "--code",
        central.enrollment_code(),
        terminal__code="0077",
    )
    assert done.returncode == 1
    assert "another active terminal has this terminal code" in done.stderr
    assert "Traceback" not in done.stderr
    holders = [t for t in central.terminals() if t["terminal_code"] == "0077" and not t["revoked"]]
    assert [t["terminal_id"] for t in holders] == [other.json()["terminal_id"]]
