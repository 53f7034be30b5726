"""Accounts provisioned by central, inside the directory's writer transaction.

Each record is a mapping::

    {"staff_id": "S001", "display_name": "王敏", "role": "clerk",
     "pin_hash": "scrypt$16384$8$1$<salt b64>$<dk b64>", "enabled": true}

`pin_hash` is in the format of sync/protocol/staff_rules.py (never a PIN in clear);
hashes weaker than n=2**14, r=8, p=1 are refused. `enabled` is optional
(default true). Provisioning is an upsert: an id already here (local or
central) takes central's values and becomes a central account; a changed hash
clears the account's failures and lock. Accounts central leaves out are not
touched: central disables an account by sending it with "enabled": false.
The whole batch is validated before anything is written.

When the records are central's complete list for this terminal (the sync
puller's case), `disable_unlisted_in` also switches off the central accounts
the list no longer names (e.g. an account central moved to other terminals).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from sync.protocol import staff_rules as rules
from sync.protocol.staff_rules import PinHashError, StaffRuleError, parse_hash


def _validated(record: Mapping[str, Any]) -> tuple[str, str, str, str, int]:
    staff_id = record.get("staff_id")
    if not isinstance(staff_id, str) or not rules.is_staff_id(staff_id):
        raise StaffRuleError("bad_id", "a provisioned account has a malformed staff id")
    name = rules.check_display_name(str(record.get("display_name", "")))
    role = record.get("role")
    if role not in rules.ROLES:
        raise StaffRuleError("bad_role", f"account {staff_id}: unknown role")
    pin_hash = record.get("pin_hash")
    try:
        parse_hash(pin_hash if isinstance(pin_hash, str) else "")
    except PinHashError as exc:
        raise StaffRuleError("bad_hash", f"account {staff_id}: {exc}") from exc
    enabled = record.get("enabled", True)
    if not isinstance(enabled, bool):
        raise StaffRuleError("bad_enabled", f"account {staff_id}: enabled must be true or false")
    return staff_id, name, str(role), str(pin_hash), int(enabled)


def provision_in(
    conn: sqlite3.Connection, records: Sequence[Mapping[str, Any]], stamp: str
) -> tuple[int, int]:
    """Upsert `records`; returns (added, updated). Raises StaffRuleError before any write."""
    rows = [_validated(r) for r in records]
    if len({r[0] for r in rows}) != len(rows):
        raise StaffRuleError("duplicate_id", "the same staff id appears twice")
    added = updated = 0
    for staff_id, name, role, pin_hash, enabled in rows:
        old = conn.execute(
            "SELECT pin_hash FROM staff_accounts WHERE staff_id = ?", (staff_id,)
        ).fetchone()
        if old is None:
            conn.execute(
                "INSERT INTO staff_accounts(staff_id, display_name, role, pin_hash, enabled, "
                "source, failed_count, locked_until, last_login_at, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, 'central', 0, NULL, NULL, ?, ?)",
                (staff_id, name, role, pin_hash, enabled, stamp, stamp),
            )
            added += 1
            continue
        reset = ", failed_count = 0, locked_until = NULL" if old[0] != pin_hash else ""
        conn.execute(
            "UPDATE staff_accounts SET display_name = ?, role = ?, pin_hash = ?, enabled = ?, "
            f"source = 'central', updated_at = ?{reset} WHERE staff_id = ?",
            (name, role, pin_hash, enabled, stamp, staff_id),
        )
        updated += 1
    return added, updated


def disable_unlisted_in(conn: sqlite3.Connection, listed: set[str], stamp: str) -> list[str]:
    """Disable the enabled central accounts not in `listed`; their ids, sorted."""
    rows = conn.execute(
        "SELECT staff_id FROM staff_accounts WHERE source = 'central' AND enabled = 1"
    ).fetchall()
    gone = sorted(str(r[0]) for r in rows if r[0] not in listed)
    for staff_id in gone:
        conn.execute(
            "UPDATE staff_accounts SET enabled = 0, updated_at = ? WHERE staff_id = ?",
            (stamp, staff_id),
        )
    return gone
