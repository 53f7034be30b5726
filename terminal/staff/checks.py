"""The `doctor` check for staff accounts: can anyone sign in at this terminal?

terminal.doctor is imported inside the function, so doctor may import this
module at the top of its own file, in either import order, without a cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sync.protocol.staff_rules import ROLES
from terminal.audit.chain import utc_now
from terminal.staff.directory import StaffDirectory

if TYPE_CHECKING:
    from terminal.doctor import Check
    from terminal.runtime import TerminalCore


def check_staff(core: TerminalCore) -> Check:
    """ok with at least one enabled account; warn with none on an enrolled terminal.

    A terminal on the embedded demo central (a fresh install, a trial) needs no
    staff yet, so there the missing account is a note, not a warning.
    """
    from terminal import doctor

    accounts = StaffDirectory.for_core(core).list()
    now = utc_now()
    enabled = [a for a in accounts if a.enabled]
    by_role = ", ".join(f"{sum(a.role == r for a in enabled)} {r}" for r in ROLES)
    locked = sum(a.is_locked(now) for a in accounts)
    summary = (
        f"{len(enabled)} enabled ({by_role}), {len(accounts) - len(enabled)} disabled, "
        f"{locked} locked"
    )
    if not enabled:
        demo = core.identity is None or core.identity.demo
        return doctor.Check(
            "staff",
            "ok" if demo else "warn",
            summary + ": nobody can sign in to staff mode",
            "Create one with `mashangban staff add --id ID --name NAME`.",
        )
    return doctor.Check("staff", "ok", summary)
