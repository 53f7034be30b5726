"""Sign-in: check a PIN at constant cost, then settle the attempt in one transaction.

`check_pin` always runs exactly one scrypt derivation: against the account's
hash, or against a dummy hash when the id is unknown (or its hash unusable),
so the time taken does not reveal whether an id exists. `settle_in` then
re-reads the account inside the writer transaction (so two attempts cannot
race past the limit), applies the lockout rule and writes the audit records:

- unknown id          → login_failed (actor "unknown")
- disabled            → login_failed, reason disabled
- locked              → login_failed, reason locked
- right PIN           → login; failures cleared, last login set
- wrong PIN           → login_failed with the tries left; at the limit the
                        account locks for the configured minutes, doubled for each
                        earlier lockout in the last 24 hours without a sign-in, at
                        most 4 hours (lockout record); its failure count starts again.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
from datetime import datetime, timedelta
from functools import cache

from sync.protocol.staff_rules import PinHashError, hash_pin, verify_pin
from sync.protocol.times import rfc3339
from terminal.audit import actions
from terminal.audit.trail import AuditTrail
from terminal.staff import accounts as acc
from terminal.staff.accounts import AuthResult, LockoutPolicy, StaffAccountView

log = logging.getLogger(__name__)

_SELECT = (
    "SELECT staff_id, display_name, role, enabled, source, failed_count, locked_until, "
    "last_login_at FROM staff_accounts WHERE staff_id = ?"
)


@cache
def dummy_hash() -> str:
    """A hash of a random PIN nobody knows, made once per process.

    Unknown staff ids are checked against it so that the time an attempt takes
    does not tell whether the id exists.
    """
    return hash_pin(secrets.token_hex(8))


def check_pin(stored_hash: str | None, pin: str) -> bool:
    """True when `pin` matches; one KDF run whatever the input."""
    if stored_hash is not None:
        try:
            return verify_pin(pin, stored_hash)
        except PinHashError:
            log.error("a staff account has an unusable PIN hash; reset its PIN")
    verify_pin(pin, dummy_hash())
    return False


def _view(row: tuple[object, ...]) -> StaffAccountView:
    staff_id, name, role, enabled, source, failed, locked, last = row
    return StaffAccountView(
        str(staff_id),
        str(name),
        str(role),
        bool(enabled),
        str(source),
        int(str(failed)),
        acc.parse_at(str(locked) if locked else None),
        acc.parse_at(str(last) if last else None),
    )


def _earlier_lockouts(
    conn: sqlite3.Connection, staff_id: str, now: datetime, policy: LockoutPolicy
) -> int:
    """Lockouts of this account in the window since its last successful sign-in (from
    the audit trail, which holds both)."""
    since = rfc3339(now - timedelta(hours=policy.window_hours))
    row = conn.execute(
        "SELECT count(*) FROM audit_log WHERE actor = ? AND action = ? AND at >= ? AND seq > "
        "coalesce((SELECT max(seq) FROM audit_log WHERE actor = ? AND action = ?), 0)",
        (staff_id, actions.LOCKOUT, since, staff_id, actions.LOGIN),
    ).fetchone()
    return int(row[0])


def settle_in(
    conn: sqlite3.Connection,
    audit: AuditTrail,
    staff_id: str | None,
    matched: bool,
    now: datetime,
    policy: LockoutPolicy,
    rehashed: str | None = None,
) -> AuthResult:
    """Apply one attempt's outcome; `staff_id` is None when the typed id is malformed."""
    row = conn.execute(_SELECT, (staff_id,)).fetchone() if staff_id else None
    if row is None:
        audit.append_in(
            conn, actions.UNKNOWN_ACTOR, actions.LOGIN_FAILED, "refused", {"reason": acc.UNKNOWN}
        )
        return AuthResult(False, acc.UNKNOWN)
    assert staff_id is not None
    account = _view(row)

    def failed(reason: str, **extra: int | str) -> None:
        audit.append_in(
            conn, staff_id, actions.LOGIN_FAILED, "refused", {"reason": reason, **extra}
        )

    if not account.enabled:
        failed(acc.DISABLED)
        return AuthResult(False, acc.DISABLED, account)
    if account.is_locked(now):
        failed(acc.LOCKED)
        return AuthResult(False, acc.LOCKED, account, locked_until=account.locked_until)
    stamp = rfc3339(now)
    if matched:
        conn.execute(
            "UPDATE staff_accounts SET failed_count = 0, locked_until = NULL, last_login_at = ?, "
            "pin_hash = coalesce(?, pin_hash) WHERE staff_id = ?",
            (stamp, rehashed, staff_id),
        )
        audit.append_in(conn, staff_id, actions.LOGIN, "ok", {"role": account.role})
        return AuthResult(True, None, _view(conn.execute(_SELECT, (staff_id,)).fetchone()))
    failures = account.failed_count + 1
    if failures < policy.failures:
        conn.execute(
            "UPDATE staff_accounts SET failed_count = ? WHERE staff_id = ?", (failures, staff_id)
        )
        remaining = policy.failures - failures
        failed(acc.WRONG_PIN, remaining=remaining)
        return AuthResult(False, acc.WRONG_PIN, account, remaining_tries=remaining)
    minutes = policy.lock_minutes(_earlier_lockouts(conn, staff_id, now, policy))
    until = now + timedelta(minutes=minutes)
    conn.execute(
        "UPDATE staff_accounts SET failed_count = 0, locked_until = ? WHERE staff_id = ?",
        (rfc3339(until), staff_id),
    )
    failed(acc.WRONG_PIN, remaining=0)
    audit.append_in(conn, staff_id, actions.LOCKOUT, "ok", {"minutes": minutes})
    log.warning("staff account %s locked for %d minutes", staff_id, minutes)
    return AuthResult(False, acc.LOCKED, account, locked_until=until.replace(microsecond=0))
