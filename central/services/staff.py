"""Staff accounts: the admin's changes, and the list each terminal is sent.

An account is for the terminals named when it was added, by terminal id, by
4-digit terminal code (a code also covers a kiosk enrolled later under that code)
or by branch (``branch:<code>``: every terminal enrolled with that site branch
code), or, chosen explicitly, for every terminal. A terminal is sent only the
accounts for it, its code or its branch (and the every-terminal ones), so a kiosk
of one branch never holds the PIN hashes of another's staff. Accounts are never
deleted: a disabled one is still sent (``enabled: false``) so that the disable
reaches the terminals. Only the PIN hash is stored (sync/protocol/staff_rules.py), never a PIN.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError

from central.store.engine import Store
from central.store.models import StaffAccount, StaffAccountTerminal, Terminal
from sync.protocol.staff_list import StaffAccountRecord, StaffListResponse
from sync.protocol.staff_rules import StaffRuleError, check_display_name, check_role, check_staff_id
from sync.protocol.times import rfc3339

_CODE_RE = re.compile(r"[0-9]{4}")
BRANCH_PREFIX = "branch:"
_BRANCH_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,28}")  # fits the 36-character column


@dataclass(frozen=True)
class NewAccount:
    """What ``staff add`` creates (the PIN already hashed)."""

    staff_id: str
    display_name: str
    role: str
    pin_hash: str
    terminals: tuple[str, ...] = ()  # empty: every terminal


def branch_scope(branch_code: str) -> str:
    """The scope entry for every terminal of a branch; StaffRuleError for a bad code."""
    code = branch_code.strip()
    if not _BRANCH_RE.fullmatch(code):
        raise StaffRuleError("bad_branch", "a branch code is 1 to 29 letters, digits, '_' or '-'")
    return BRANCH_PREFIX + code


def normalize_terminal(text: str) -> str:
    """A terminal id (canonical lowercase UUID), a 4-digit code or ``branch:<code>``;
    StaffRuleError else."""
    text = text.strip()
    if text.startswith(BRANCH_PREFIX):
        return branch_scope(text[len(BRANCH_PREFIX) :])
    if _CODE_RE.fullmatch(text):
        return text
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise StaffRuleError(
            "bad_terminal", "a terminal is named by its id (UUID) or its 4-digit code"
        ) from None


def _check_terminals(session: Any, terminals: list[str]) -> list[str]:
    """Refuse an unknown terminal id; notes for codes no terminal has yet."""
    notes = []
    for terminal in terminals:
        if terminal.startswith(BRANCH_PREFIX):
            branch = terminal[len(BRANCH_PREFIX) :]
            known = session.scalars(
                select(Terminal.id).where(Terminal.site_branch_code == branch)
            ).first()
            if known is None:
                notes.append(f"no terminal of branch {branch} yet; they get it once enrolled")
            continue
        is_code = _CODE_RE.fullmatch(terminal) is not None
        column = Terminal.code if is_code else Terminal.id
        known = session.scalars(select(Terminal.id).where(column == terminal)).first()
        if known is None and not is_code:
            raise StaffRuleError("unknown_terminal", f"no terminal with id {terminal}")
        if known is None:
            notes.append(f"no terminal with code {terminal} yet; it gets the account once enrolled")
    return notes


def add_account(store: Store, account: NewAccount, now: datetime) -> list[str]:
    """Create the account; returns notes for the operator (e.g. a code no terminal has yet).

    Refuses an existing id, a bad id, name or role, and an unknown terminal id.
    """
    staff_id = check_staff_id(account.staff_id)
    name = check_display_name(account.display_name)
    role = check_role(account.role)
    terminals = sorted({normalize_terminal(t) for t in account.terminals})
    try:
        with store.transaction() as session:
            if session.get(StaffAccount, staff_id) is not None:
                raise StaffRuleError("exists", "a staff account with this id already exists")
            notes = _check_terminals(session, terminals)
            session.add(
                StaffAccount(
                    staff_id=staff_id,
                    display_name=name,
                    role=role,
                    pin_hash=account.pin_hash,
                    enabled=True,
                    all_terminals=not terminals,
                    created_at=now,
                    updated_at=now,
                )
            )
            session.flush()
            session.add_all(StaffAccountTerminal(staff_id=staff_id, terminal=t) for t in terminals)
    except IntegrityError as exc:  # another admin added the same id meanwhile
        raise StaffRuleError("exists", "a staff account with this id already exists") from exc
    return notes


def assign_terminals(
    store: Store, staff_id: str, terminals: Sequence[str], now: datetime
) -> list[str]:
    """Make the account for exactly these terminals (none: every terminal). A terminal
    it leaves disables the account there at its next sync; one it joins gets it."""
    wanted = sorted({normalize_terminal(t) for t in terminals})
    with store.transaction() as session:
        row = session.get(StaffAccount, staff_id)
        if row is None:
            raise StaffRuleError("unknown", f"no staff account with id {staff_id}")
        notes = _check_terminals(session, wanted)
        session.execute(
            delete(StaffAccountTerminal).where(StaffAccountTerminal.staff_id == staff_id)
        )
        session.add_all(StaffAccountTerminal(staff_id=staff_id, terminal=t) for t in wanted)
        row.all_terminals = not wanted
        row.updated_at = now
    return notes


def account_exists(store: Store, staff_id: str) -> bool:
    with store.transaction() as session:
        return session.get(StaffAccount, staff_id) is not None


def _change(store: Store, staff_id: str, now: datetime, **values: Any) -> None:
    with store.transaction() as session:
        row = session.get(StaffAccount, staff_id)
        if row is None:
            raise StaffRuleError("unknown", f"no staff account with id {staff_id}")
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = now


def set_enabled(store: Store, staff_id: str, enabled: bool, now: datetime) -> None:
    """Switch an account off or on again (every terminal it is for learns it at its next sync)."""
    _change(store, staff_id, now, enabled=enabled)


def set_pin_hash(store: Store, staff_id: str, pin_hash: str, now: datetime) -> None:
    """Replace the PIN hash (the terminal clears the account's failures and lock)."""
    _change(store, staff_id, now, pin_hash=pin_hash)


def list_accounts(store: Store) -> list[dict[str, Any]]:
    """Every account for the admin (never the hash), by staff id."""
    with store.transaction() as session:
        accounts = session.scalars(select(StaffAccount).order_by(StaffAccount.staff_id)).all()
        targets: dict[str, list[str]] = {}
        for link in session.scalars(
            select(StaffAccountTerminal).order_by(StaffAccountTerminal.terminal)
        ):
            targets.setdefault(link.staff_id, []).append(link.terminal)
        return [
            {
                "staff_id": a.staff_id,
                "display_name": a.display_name,
                "role": a.role,
                "enabled": a.enabled,
                "terminals": "all" if a.all_terminals else targets.get(a.staff_id, []),
                "created_at": rfc3339(a.created_at),
                "updated_at": rfc3339(a.updated_at),
            }
            for a in accounts
        ]


def accounts_for_terminal(store: Store, terminal_id: str) -> StaffListResponse:
    """The accounts a terminal is sent: those naming its id, its code or its branch, and
    those for every terminal; disabled ones included. By staff id."""
    with store.transaction() as session:
        terminal = session.get(Terminal, terminal_id)
        names: Sequence[str] = [terminal_id] + (
            [terminal.code, BRANCH_PREFIX + terminal.site_branch_code]
            if terminal is not None
            else []
        )
        assigned = select(StaffAccountTerminal.staff_id).where(
            StaffAccountTerminal.terminal.in_(names)
        )
        rows = session.scalars(
            select(StaffAccount)
            .where(or_(StaffAccount.all_terminals.is_(True), StaffAccount.staff_id.in_(assigned)))
            .order_by(StaffAccount.staff_id)
        ).all()
        # model_construct: a row edited by hand is sent as it is; the terminal checks every
        # record and refuses the whole list (keeping its accounts) when one is bad.
        return StaffListResponse.model_construct(
            accounts=[
                StaffAccountRecord.model_construct(
                    staff_id=row.staff_id,
                    display_name=row.display_name,
                    role=row.role,
                    pin_hash=row.pin_hash,
                    enabled=row.enabled,
                )
                for row in rows
            ]
        )
