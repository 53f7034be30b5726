"""The staff directory: accounts, PIN sign-in with lockout, and their audit records.

Every change and every sign-in attempt commits together with its audit record
in one writer transaction. The PIN is derived (scrypt, ~tens of ms) before the
transaction, so the writer thread is never held by a KDF. An unknown id is
checked against a dummy hash, so an attempt takes the same time whether or not
the id exists, and it is audited as actor "unknown" (the typed text could be
anything a citizen typed, so it is never stored or logged).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from sync.protocol import staff_rules as rules
from sync.protocol.staff_rules import (
    DEFAULT_PARAMS,
    PinHashError,
    PinRejected,
    ScryptParams,
    StaffRuleError,
    hash_new_pin,
    hash_pin,
    needs_rehash,
)
from sync.protocol.times import rfc3339
from terminal.audit import actions
from terminal.audit.chain import Clock, utc_now
from terminal.audit.trail import AuditTrail
from terminal.staff import accounts as acc
from terminal.staff.accounts import AuthResult, LockoutPolicy, StaffAccountView
from terminal.staff.provisioning import disable_unlisted_in, provision_in
from terminal.staff.signin import check_pin, settle_in
from terminal.store.models import StaffAccount
from terminal.store.startup import OpenStore

if TYPE_CHECKING:
    from terminal.runtime import TerminalCore

log = logging.getLogger(__name__)


def _view(row: Any) -> StaffAccountView:
    return StaffAccountView(
        staff_id=row.staff_id,
        display_name=row.display_name,
        role=row.role,
        enabled=bool(row.enabled),
        source=row.source,
        failed_count=row.failed_count,
        locked_until=acc.parse_at(row.locked_until),
        last_login_at=acc.parse_at(row.last_login_at),
    )


class StaffDirectory:
    """Staff accounts of this terminal. No account exists until one is added."""

    def __init__(
        self,
        store: OpenStore,
        clock: Clock = utc_now,
        *,
        audit: AuditTrail,
        lockout: LockoutPolicy = acc.DEFAULT_LOCKOUT,
        params: ScryptParams = DEFAULT_PARAMS,
    ) -> None:
        self._store = store
        self._clock = clock
        self._audit = audit
        self._lockout = lockout
        self._params = params

    @classmethod
    def for_core(cls, core: TerminalCore, clock: Clock = utc_now) -> StaffDirectory:
        """The directory of a started core, with its audit trail and lockout settings."""
        staff = core.config.staff
        return cls(
            core.store,
            clock,
            audit=AuditTrail.for_core(core, clock),
            lockout=LockoutPolicy(staff.lockout_failures, staff.lockout_minutes),
        )

    @property
    def audit(self) -> AuditTrail:
        return self._audit

    # -- reading ---------------------------------------------------------------

    def list(self) -> list[StaffAccountView]:
        """Every account, by id."""
        with self._store.reader.connect() as conn:
            rows = conn.execute(select(StaffAccount).order_by(StaffAccount.staff_id)).all()
        return [_view(r) for r in rows]

    def get(self, staff_id: str) -> StaffAccountView | None:
        with self._store.reader.connect() as conn:
            row = conn.execute(
                select(StaffAccount).where(StaffAccount.staff_id == staff_id)
            ).one_or_none()
        return _view(row) if row else None

    # -- changes by a technician or central ------------------------------------

    def _refused(self, actor: str, action: str, staff_id: str, exc: StaffRuleError) -> None:
        """Audit a refused change (its own transaction: the change rolled back)."""
        shown = staff_id if rules.is_staff_id(staff_id) else None
        detail = {"staff_id": shown, "reason": exc.reason}
        self._audit.record(actor, action, "refused", detail)

    def _change(
        self, actor: str, action: str, staff_id: str, fn: Callable[[sqlite3.Connection], None]
    ) -> None:
        """Run `fn` and its audit record in one transaction; audit a refusal too."""

        def apply(conn: sqlite3.Connection) -> None:
            fn(conn)
            self._audit.append_in(conn, actor, action, "ok", {"staff_id": staff_id})

        try:
            self._store.writer.run(apply)
        except StaffRuleError as exc:
            self._refused(actor, action, staff_id, exc)
            raise
        log.info("staff %s: %s by %s", staff_id, action, actor)

    def _update(self, conn: sqlite3.Connection, staff_id: str, sql: str, *args: Any) -> None:
        stamp = rfc3339(self._clock())
        cur = conn.execute(
            f"UPDATE staff_accounts SET {sql}, updated_at = ? WHERE staff_id = ?",
            (*args, stamp, staff_id),
        )
        if cur.rowcount == 0:
            raise StaffRuleError("unknown", "no staff account with this id")

    def add(self, staff_id: str, display_name: str, role: str, pin: str, *, actor: str) -> None:
        """Create a local account; refuses an existing id, a bad role or a trivial PIN."""

        def insert(conn: sqlite3.Connection) -> None:
            if conn.execute(
                "SELECT 1 FROM staff_accounts WHERE staff_id = ?", (staff_id,)
            ).fetchone():
                raise StaffRuleError("exists", "a staff account with this id already exists")
            stamp = rfc3339(self._clock())
            conn.execute(
                "INSERT INTO staff_accounts(staff_id, display_name, role, pin_hash, enabled, "
                "source, failed_count, locked_until, last_login_at, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, 1, 'local', 0, NULL, NULL, ?, ?)",
                (staff_id, name, role, pin_hash, stamp, stamp),
            )

        try:
            rules.check_staff_id(staff_id)
            name = rules.check_display_name(display_name)
            rules.check_role(role)
            pin_hash = hash_new_pin(pin, self._params)
        except StaffRuleError as exc:  # PinRejected included
            self._refused(actor, actions.STAFF_ADD, staff_id, exc)
            raise
        self._change(actor, actions.STAFF_ADD, staff_id, insert)

    def disable(self, staff_id: str, *, actor: str) -> None:
        """Switch an account off; it cannot sign in until enabled again."""
        self._change(
            actor,
            actions.STAFF_DISABLE,
            staff_id,
            lambda c: self._update(c, staff_id, "enabled = 0"),
        )

    def enable(self, staff_id: str, *, actor: str) -> None:
        """Switch an account on again; also clears its failures and any lock."""
        self._change(
            actor,
            actions.STAFF_ENABLE,
            staff_id,
            lambda c: self._update(
                c, staff_id, "enabled = 1, failed_count = 0, locked_until = NULL"
            ),
        )

    def reset_pin(self, staff_id: str, pin: str, *, actor: str) -> None:
        """Set a new PIN (same rules as a new account); clears failures and any lock."""
        try:
            pin_hash = hash_new_pin(pin, self._params)
        except PinRejected as exc:
            self._refused(actor, actions.STAFF_RESET_PIN, staff_id, exc)
            raise
        self._change(
            actor,
            actions.STAFF_RESET_PIN,
            staff_id,
            lambda c: self._update(
                c,
                staff_id,
                "pin_hash = ?, failed_count = 0, locked_until = NULL",
                pin_hash,
            ),
        )

    def provision(
        self,
        accounts: Iterable[Mapping[str, Any]],
        *,
        actor: str = actions.SYSTEM,
        complete: bool = False,
        then: Callable[[sqlite3.Connection], None] | None = None,
    ) -> int:
        """Insert or update accounts sent by central (see terminal/staff/provisioning.py).

        All or nothing; returns how many records were applied. With `complete`, the
        records are central's whole list for this terminal: enabled central accounts
        it leaves out are disabled (each audited as staff_disable, reason "unlisted").
        `then` runs inside the same transaction (e.g. to remember what was applied).
        """
        records = list(accounts)
        stamp = rfc3339(self._clock())

        def apply(conn: sqlite3.Connection) -> int:
            added, updated = provision_in(conn, records, stamp)
            detail = {"count": added + updated, "added": added, "updated": updated}
            gone: list[str] = []
            if complete:
                gone = disable_unlisted_in(conn, {str(r["staff_id"]) for r in records}, stamp)
                detail["disabled"] = len(gone)
            self._audit.append_in(conn, actor, actions.STAFF_PROVISION, "ok", detail)
            for staff_id in gone:
                self._audit.append_in(
                    conn, actor, actions.STAFF_DISABLE, "ok",
                    {"staff_id": staff_id, "reason": "unlisted"},
                )  # fmt: skip
            if then is not None:
                then(conn)
            return added + updated

        try:
            count = self._store.writer.run(apply)
        except StaffRuleError as exc:
            self._audit.record(actor, actions.STAFF_PROVISION, "refused", {"reason": exc.reason})
            raise
        log.info("staff provisioned from central: %d accounts", count)
        return count

    # -- sign-in ------------------------------------------------------------------

    def authenticate(self, staff_id: str, pin: str) -> AuthResult:
        """Check a sign-in attempt; never raises for a wrong id or PIN.

        Always costs one KDF run. Audited as login / login_failed / lockout.
        """
        lookup = staff_id if rules.is_staff_id(staff_id) else None
        stored: str | None = None
        source = acc.LOCAL
        if lookup is not None:
            with self._store.reader.connect() as conn:
                row = conn.execute(
                    select(StaffAccount.pin_hash, StaffAccount.source).where(
                        StaffAccount.staff_id == lookup
                    )
                ).first()
            if row is not None:
                stored, source = row[0], row[1]
        matched = check_pin(stored, pin)
        rehashed = None
        # A central account keeps central's hash: a local rehash would be taken for a new
        # PIN (and clear a lock) at the next list change; central raises it at reset-pin.
        if matched and stored is not None and source != acc.CENTRAL:
            try:
                if needs_rehash(stored, self._params):
                    rehashed = hash_pin(pin, self._params)
            except PinHashError:
                rehashed = None
        result = self._store.writer.run(
            lambda c: settle_in(
                c, self._audit, lookup, matched, self._clock(), self._lockout, rehashed
            )
        )
        log.info("staff sign-in %s: %s", lookup or "(unknown id)", result.reason or "ok")
        return result

    def logout(self, staff_id: str) -> None:
        """Record the end of a staff session (timeout or the sign-out button)."""
        self._audit.record(rules.check_staff_id(staff_id), actions.LOGOUT, "ok")
