"""What the staff directory hands out: account views, sign-in results, policies.

A view never carries the PIN hash. Times are aware UTC datetimes; the screens
show a lock as "locked until HH:MM" in the terminal's own time zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, Final

from sync.protocol.times import parse_rfc3339, rfc3339
from terminal.audit import actions
from terminal.logging_setup import redact

CLERK: Final = "clerk"
TECHNICIAN: Final = "technician"
ROLES: Final = (CLERK, TECHNICIAN)

UNKNOWN: Final = "unknown"
WRONG_PIN: Final = "wrong_pin"
LOCKED: Final = "locked"
DISABLED: Final = "disabled"

_NAME_RE = re.compile(r"[^\x00-\x1f\x7f]{1,64}")


class StaffError(ValueError):
    """A staff change the directory refuses; `reason` is a stable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def check_staff_id(staff_id: str) -> str:
    """Raise StaffError unless `staff_id` is a well-formed, unreserved staff id."""
    reserved = staff_id.lower() in (actions.SYSTEM, actions.UNKNOWN_ACTOR)
    if reserved or not actions.STAFF_ID_RE.fullmatch(staff_id) or redact(staff_id) != staff_id:
        raise StaffError("bad_id", "a staff id is 1 to 32 letters, digits, '_' or '-'")
    return staff_id


def is_staff_id(staff_id: str) -> bool:
    try:
        check_staff_id(staff_id)
    except StaffError:
        return False
    return True


def check_display_name(name: str) -> str:
    name = name.strip()
    if not _NAME_RE.fullmatch(name):
        raise StaffError("bad_name", "a display name is 1 to 64 printable characters")
    return name


def parse_at(text: str | None) -> datetime | None:
    return parse_rfc3339(text) if text else None


@dataclass(frozen=True)
class LockoutPolicy:
    """Failures in a row that lock an account, and for how long."""

    failures: int = 5
    minutes: int = 15


DEFAULT_LOCKOUT: Final = LockoutPolicy()


@dataclass(frozen=True)
class StaffAccountView:
    """One account as the screens and the command line may see it."""

    staff_id: str
    display_name: str
    role: str
    enabled: bool
    source: str  # local | central
    failed_count: int
    locked_until: datetime | None
    last_login_at: datetime | None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def as_json(self, now: datetime) -> dict[str, Any]:
        def iso(moment: datetime | None) -> str | None:
            return rfc3339(moment) if moment else None

        return {
            "id": self.staff_id,
            "name": self.display_name,
            "role": self.role,
            "enabled": self.enabled,
            "source": self.source,
            "locked_until": iso(self.locked_until) if self.is_locked(now) else None,
            "last_login_at": iso(self.last_login_at),
        }


@dataclass(frozen=True)
class AuthResult:
    """The outcome of a sign-in attempt.

    `reason` is None when ok, else unknown | wrong_pin | locked | disabled.
    `remaining_tries` is set for wrong_pin; `locked_until` for locked.
    """

    ok: bool
    reason: str | None = None
    account: StaffAccountView | None = None
    remaining_tries: int | None = None
    locked_until: datetime | None = None

    def locked_until_text(self, tz: tzinfo) -> str:
        """ "HH:MM" in the terminal's time zone, for "locked until HH:MM"."""
        if self.locked_until is None:
            return ""
        return self.locked_until.astimezone(tz).strftime("%H:%M")
