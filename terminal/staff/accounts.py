"""What the staff directory hands out: account views, sign-in results, policies.

A view never carries the PIN hash. What an id, name, role or PIN may be is
sync/protocol/staff_rules.py (shared with central). Times are aware UTC datetimes; the screens
show a lock as "locked until HH:MM" in the terminal's own time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, Final

from sync.protocol.times import parse_rfc3339, rfc3339

UNKNOWN: Final = "unknown"
WRONG_PIN: Final = "wrong_pin"
LOCKED: Final = "locked"
DISABLED: Final = "disabled"
LOCAL: Final = "local"  # an account's source: added at this terminal
CENTRAL: Final = "central"  # provisioned by central


def parse_at(text: str | None) -> datetime | None:
    return parse_rfc3339(text) if text else None


@dataclass(frozen=True)
class LockoutPolicy:
    """Failures in a row that lock an account, and for how long.

    The lock grows: each further lockout of the same account within
    ``window_hours`` without a successful sign-in doubles it, up to ``max_minutes``.
    It always ends, so nobody at the screen can lock an account out for good."""

    failures: int = 5
    minutes: int = 15
    max_minutes: int = 240
    window_hours: int = 24

    def lock_minutes(self, earlier_lockouts: int) -> int:
        """How long the next lock lasts after ``earlier_lockouts`` in the window."""
        grown = self.minutes * 2 ** min(earlier_lockouts, 16)
        return max(self.minutes, min(grown, self.max_minutes))


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
