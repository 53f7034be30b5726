"""Provisioning central's complete list: accounts it no longer names are switched off,
and what the caller remembers commits in the same transaction."""

from __future__ import annotations

import json
import sqlite3

import pytest

from sync.protocol.staff_rules import StaffRuleError, hash_pin
from terminal.runtime import TerminalCore
from tests.terminal.staff.helpers import GOOD_PIN, OTHER_PIN, FakeClock, audit_rows, directory


def record(staff_id: str, pin: str = GOOD_PIN, **extra: object) -> dict[str, object]:
    return {"staff_id": staff_id, "display_name": "王敏", "role": "clerk",
            "pin_hash": hash_pin(pin), **extra}  # fmt: skip


def test_complete_list_disables_central_accounts_it_leaves_out(core: TerminalCore) -> None:
    staff = directory(core, FakeClock())
    staff.add("L001", "李娜", "clerk", OTHER_PIN, actor="technician:cli")
    staff.provision([record("C001"), record("C002")], complete=True)
    staff.provision([record("C002")], complete=True)
    states = {a.staff_id: (a.source, a.enabled) for a in staff.list()}
    assert states == {
        "C001": ("central", False),  # no longer listed by central: off
        "C002": ("central", True),
        "L001": ("local", True),  # a technician's own account is not central's to drop
    }
    assert staff.authenticate("C001", GOOD_PIN).reason == "disabled"
    rows = [(r[1], r[2], json.loads(str(r[4]))) for r in audit_rows(core.paths.store_file)]
    assert rows[-3:-1] == [
        ("system", "staff_provision", {"count": 1, "added": 0, "updated": 1, "disabled": 1}),
        ("system", "staff_disable", {"staff_id": "C001", "reason": "unlisted"}),
    ]
    # Without `complete` (a partial batch), nothing else is touched.
    staff.provision([record("C003")])
    assert staff.get("C002").enabled  # type: ignore[union-attr]


def test_then_commits_with_the_accounts_or_not_at_all(core: TerminalCore) -> None:
    staff = directory(core, FakeClock())
    seen: list[bool] = []

    def remember(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO kv(key, value) VALUES ('test.marker', 'x')")
        seen.append(True)

    staff.provision([record("C001")], complete=True, then=remember)
    assert seen == [True] and staff.get("C001") is not None

    def fail(conn: sqlite3.Connection) -> None:
        raise StaffRuleError("test", "refused after the writes")

    with pytest.raises(StaffRuleError):
        staff.provision([record("C002")], complete=True, then=fail)
    assert staff.get("C002") is None  # rolled back with the hook's failure
    with sqlite3.connect(core.paths.store_file) as conn:
        assert conn.execute("SELECT value FROM kv WHERE key = 'test.marker'").fetchall() == [("x",)]
