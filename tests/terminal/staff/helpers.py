"""Helpers for the staff and audit tests: a clock the test moves, raw store access."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from terminal.audit.trail import AuditTrail
from terminal.runtime import TerminalCore
from terminal.staff.directory import StaffDirectory

GOOD_PIN = "482915"
OTHER_PIN = "730264"


class FakeClock:
    """A UTC clock that moves only when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 27, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def directory(core: TerminalCore, clock: FakeClock) -> StaffDirectory:
    return StaffDirectory.for_core(core, clock)


def trail(core: TerminalCore, clock: FakeClock | None = None) -> AuditTrail:
    return AuditTrail.for_core(core, clock or FakeClock())


def raw_sql(store_file: Path, *statements: str) -> None:
    """Run statements on a connection of their own, as someone tampering would."""
    conn = sqlite3.connect(store_file, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


def audit_rows(store_file: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(store_file)
    try:
        return conn.execute(
            "SELECT seq, actor, action, result, detail FROM audit_log ORDER BY seq"
        ).fetchall()
    finally:
        conn.close()
