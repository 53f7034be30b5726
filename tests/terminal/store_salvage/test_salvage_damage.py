"""A damaged store, from outside: real files damaged, a real `mashangban sync --once`
process against a real central on loopback.

For each kind of damage (four random pages of the submissions overwritten, the file
truncated, a garbage header): the damaged file stays byte-identical in damaged/;
every submission whose row was readable is in the new store and reaches central
exactly once with its photos; the enrolment is kept (no demo central); receipt
numbers are not issued again; the sweep deleted no photo any store names.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from salvagekit import (
    Terminal,
    build_terminal,
    central_has_file,
    central_submissions,
    garbage_header,
    overwrite_pages,
    sync_once,
    truncate,
)
from synckit.central_process import CentralProcess
from synckit.terminals import confirm_appeals

from terminal.audit.trail import AuditTrail
from terminal.doctor import run_checks
from terminal.runtime import start_core

Damage = Callable[[Terminal], set[str]]


def _truncate(terminal: Terminal) -> set[str]:
    pages = terminal.store.stat().st_size // 4096
    return truncate(terminal, pages - 4)  # the newest rows were still being written


DAMAGE: dict[str, Damage] = {
    "pages": overwrite_pages,
    "truncated": _truncate,
    "header": garbage_header,
}


def _new_store_rows(terminal: Terminal) -> dict[str, tuple[str, str]]:
    conn = sqlite3.connect(terminal.store)
    try:
        rows = conn.execute("SELECT id, receipt_no, outbox_state FROM submissions").fetchall()
    finally:
        conn.close()
    return {r[0]: (r[1], r[2]) for r in rows}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_store_is_salvaged_and_its_queue_reaches_central(
    central: CentralProcess, tmp_path: Path, kind: str
) -> None:
    terminal = build_terminal(central, tmp_path / "data")
    lost = DAMAGE[kind](terminal)
    damaged_bytes = terminal.store.read_bytes()
    photo_files = {p.name for p in (terminal.data_dir / "attachments").glob("*.sealed")}
    assert len(photo_files) == 10
    if kind == "pages":
        assert 10 <= len(lost) <= 30  # four leaf pages of ~5 rows each
    if kind == "truncated":
        assert lost, "the cut must take some rows with it"

    rc, out, log = sync_once(terminal)

    # The original stays, byte for byte.
    [moved] = sorted((terminal.data_dir / "damaged").glob("store-*.sqlite3"))
    assert moved.read_bytes() == damaged_bytes
    # Every readable submission is in the new store, pending until sent, then synced.
    kept = _new_store_rows(terminal)
    expected = set(terminal.receipts) - lost
    assert set(kept) == expected, log
    assert all(state == "synced" for _, state in kept.values()), log
    assert rc == 0, log
    # ... and reached central exactly once, with its photos.
    held = central_submissions(central, terminal.terminal_id)
    assert sorted(held) == sorted(terminal.receipts[i] for i in expected)
    for sid in expected:
        names = terminal.photos.get(sid, [])
        assert sorted(held[terminal.receipts[sid]]) == sorted(names)
        assert all(central_has_file(central, n) for n in names)
    # The sweep deleted no photo: not the salvaged ones, not those of lost rows.
    assert {p.name for p in (terminal.data_dir / "attachments").glob("*.sealed")} == photo_files
    # The enrolment was kept: never the demo central.
    assert not (terminal.data_dir / "demo-central").exists()
    assert out["pending"] == 0 and out["sent_accepted"] == len(expected)

    core = start_core(terminal.config, configure_logging=False)
    try:
        assert core.identity is not None and not core.identity.demo
        assert core.identity.terminal_id == terminal.terminal_id
        # Receipt numbers are not issued twice: the lost ones' numbers neither.
        fresh = confirm_appeals(core, 3, seed=99)
        assert not set(fresh) & set(terminal.receipts.values())
        # The audit chain verifies, with the salvage recorded as a break.
        verification = AuditTrail.for_core(core).verify()
        assert verification.ok and verification.breaks == 1, verification
        checks = {c.name: c for c in run_checks(core)}
        salvage = checks["store salvage"]
        assert salvage.verdict == "warn"
        assert f"({len(expected)} submissions)" in salvage.summary
        assert f"({len(lost)} submissions)" in salvage.summary
        assert checks["enrolment"].summary.endswith(central.url)
    finally:
        core.close()
    # The heartbeat told central what was salvaged and what was lost.
    [row] = [t for t in central.terminals() if t["terminal_id"] == terminal.terminal_id]
    health = row["store_health"]
    assert health["submissions_salvaged"] == len(expected)
    assert health["submissions_lost"] == len(lost)
    assert health["enrolment_lost"] is False

    rc, out, log = sync_once(terminal)  # again: nothing is sent twice
    assert rc == 0, log
    again = central_submissions(central, terminal.terminal_id)
    assert len(again) == len(expected) + 3 and out["sent_duplicate"] == 0
