"""The `doctor` check for the audit trail: does the MAC chain verify?

terminal.doctor is imported inside the function, so doctor may import this
module at the top of its own file, in either import order, without a cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from terminal.audit.head_check import reason
from terminal.audit.key import AuditKeyMissing
from terminal.audit.trail import AuditTrail

if TYPE_CHECKING:
    from terminal.doctor import Check
    from terminal.runtime import TerminalCore

_ADVICE = (
    "Do not delete or edit anything: keep the store and keys/ as they are, run "
    "`mashangban audit verify --json` and report it to the security officer."
)


def check_audit(core: TerminalCore) -> Check:
    """ok when the chain verifies; fail when a record was changed, removed or reordered."""
    from terminal import doctor

    try:
        trail = AuditTrail.for_core(core)
    except AuditKeyMissing as exc:
        return doctor.Check("audit trail", "fail", str(exc), _ADVICE)
    result = trail.verify()
    if not result.ok:
        return doctor.Check(
            "audit trail",
            "fail",
            f"chain broken at record {result.first_bad_seq}: {reason(result.problem)}",
            _ADVICE,
        )
    unsent = trail.unsent_count()
    salvaged = (
        "; the chain restarts after a salvaged store (a recorded break)" if result.breaks else ""
    )
    return doctor.Check(
        "audit trail",
        "ok",
        f"{result.records} records verified from #{result.start_seq}; {unsent} not yet sent"
        + salvaged,
    )
