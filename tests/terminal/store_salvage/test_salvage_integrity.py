"""Bit flips inside two sealed payloads (in the store file, as a failing disk makes them):
found locally, listed for staff, never sent; the other submissions reach central once."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from salvagekit import build_terminal, central_submissions, sync_once
from synckit.central_process import CentralProcess
from synckit.cli import run_mashangban

from terminal.runtime import start_core
from terminal.store import integrity
from terminal.store.health import check_integrity


def _flip_inside_payloads(store: Path, count: int) -> list[str]:
    """Flip one bit in the middle of ``count`` sealed payloads, in the file's bytes (no
    SQLite involved: quick_check still passes); their receipt numbers."""
    conn = sqlite3.connect(store)
    try:
        rows = conn.execute(
            "SELECT receipt_no, sealed_ct FROM submissions ORDER BY rowid LIMIT ?", (count,)
        ).fetchall()
    finally:
        conn.close()
    data = bytearray(store.read_bytes())
    for _, ct in rows:
        at = bytes(data).index(ct) + len(ct) // 2
        data[at] ^= 0x10
    store.write_bytes(bytes(data))
    return [r[0] for r in rows]


def test_bit_flips_in_sealed_payloads_are_held_back_and_listed(
    central: CentralProcess, tmp_path: Path
) -> None:
    terminal = build_terminal(central, tmp_path / "data", count=8)
    flipped = _flip_inside_payloads(terminal.store, 2)

    rc, out, log = sync_once(terminal)

    assert rc == 1, log  # two are left: held back, not sent
    held = central_submissions(central, terminal.terminal_id)
    assert sorted(held) == sorted(set(terminal.receipts.values()) - set(flipped))
    assert out["pending"] == 2 and out["sent_rejected"] == 0 and out["sent_accepted"] == 6
    assert all(f"submission {r} held back: payload-damaged" in log for r in flipped)
    # The heartbeat told central how many are held back.
    [row] = [t for t in central.terminals() if t["terminal_id"] == terminal.terminal_id]
    assert row["store_health"]["held_back"] == 2
    assert not (terminal.data_dir / "damaged").exists()  # not store damage: nothing moved

    doctor = run_mashangban(
        terminal.data_dir,
        "doctor",
        "--json",
        env={
            "MASHANGBAN_TERMINAL__CODE": terminal.config.terminal.code,
            "MASHANGBAN_SYNC__ALLOW_HTTP_LOOPBACK": "true",  # the test central: http://
        },
    )
    assert all(r in doctor.stdout for r in flipped), doctor.stdout
    core = start_core(terminal.config, configure_logging=False)
    try:
        listed = dict(integrity.held_back(core.store))
        assert listed == dict.fromkeys(flipped, integrity.PAYLOAD_DAMAGED)
        check = check_integrity(core)
        assert check.verdict == "warn" and all(r in check.summary for r in flipped)
    finally:
        core.close()
    rc, out, log = sync_once(terminal)  # and again: still held back, still not sent
    assert rc == 1 and out["sent_accepted"] == 0, log
    assert len(central_submissions(central, terminal.terminal_id)) == 6


def test_a_damaged_photo_is_found_at_start_and_lifted_when_restored(
    central: CentralProcess, tmp_path: Path
) -> None:
    terminal = build_terminal(central, tmp_path / "data", count=6)
    [(sid, [name])] = [(s, n) for s, n in terminal.photos.items()][:1]
    photo = terminal.data_dir / "attachments" / f"{name}.sealed"
    good = photo.read_bytes()
    photo.write_bytes(good[:-1] + bytes([good[-1] ^ 1]))
    core = start_core(terminal.config, configure_logging=False)  # checks in the background
    try:
        deadline = time.monotonic() + 30
        while not integrity.held_back(core.store) and time.monotonic() < deadline:
            integrity.check(core.store)  # the same check, in case the background one lags
        assert integrity.held_back(core.store) == [
            (terminal.receipts[sid], integrity.ATTACHMENT_DAMAGED)
        ]
        photo.write_bytes(good)  # restored from a backup
        integrity.check(core.store)
        assert integrity.held_back(core.store) == []
    finally:
        core.close()
