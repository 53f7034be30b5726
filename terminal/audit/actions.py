"""What an audit record may say: the actions, results, actors and detail allowed.

The audit trail records who did what, never about whom: a detail is a small
mapping of short ASCII values (a receipt number, a count, a setting's name).
Anything shaped like a resident ID number or a mobile number is refused, and so
is any non-ASCII text, which keeps names and free text out by construction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Final

from sync.protocol.staff_rules import STAFF_ID_RE
from terminal.logging_setup import redact

LOGIN: Final = "login"
LOGIN_FAILED: Final = "login_failed"
LOCKOUT: Final = "lockout"
LOGOUT: Final = "logout"
EXIT_KIOSK: Final = "exit_kiosk"  # a technician left the kiosk application
REPRINT: Final = "reprint"
FORCE_SYNC: Final = "force_sync"
CONFIG_CHANGE: Final = "config_change"
ENROLMENT: Final = "enrolment"
EXPORT: Final = "export"
PURGE: Final = "purge"
DEMO_PURGE: Final = "demo_purge"  # a real enrolment removed the demo's data
STAFF_ADD: Final = "staff_add"
STAFF_DISABLE: Final = "staff_disable"
STAFF_ENABLE: Final = "staff_enable"
STAFF_RESET_PIN: Final = "staff_reset_pin"
STAFF_PROVISION: Final = "staff_provision"
CHECKPOINT: Final = "audit_checkpoint"  # written by retention only
SALVAGE_BREAK: Final = "audit_salvage_break"  # written by store salvage only (audit/breaks.py)
HELP_CALL: Final = "help_call"  # a citizen tapped "Call staff" (detail: the screen)
HELP_ANSWERED: Final = "help_answered"  # a clerk signed in while a call was waiting

ACTIONS: Final = frozenset(
    {
        LOGIN,
        LOGIN_FAILED,
        LOCKOUT,
        LOGOUT,
        EXIT_KIOSK,
        REPRINT,
        FORCE_SYNC,
        CONFIG_CHANGE,
        ENROLMENT,
        EXPORT,
        PURGE,
        DEMO_PURGE,
        STAFF_ADD,
        STAFF_DISABLE,
        STAFF_ENABLE,
        STAFF_RESET_PIN,
        STAFF_PROVISION,
        CHECKPOINT,
        SALVAGE_BREAK,
        HELP_CALL,
        HELP_ANSWERED,
    }
)
RESULTS: Final = frozenset({"ok", "refused", "failed"})

TECHNICIAN_CLI: Final = "technician:cli"
SYSTEM: Final = "system"
CITIZEN: Final = "citizen"  # someone at the screen, never identified (help calls)
UNKNOWN_ACTOR: Final = "unknown"  # an id typed at sign-in that matches no account

_ACTOR_RE = re.compile(r"technician:[a-z0-9_-]{1,32}")
_KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_VALUE_RE = re.compile(r"[\x20-\x7e]{0,64}")
MAX_DETAIL_BYTES: Final = 512
MAX_DETAIL_KEYS: Final = 8

DetailValue = str | int | bool | None


class AuditRefused(ValueError):
    """A record that would break the audit rules (unknown action, personal data…)."""


def check_actor(actor: str) -> None:
    if actor in (SYSTEM, CITIZEN, UNKNOWN_ACTOR):
        return
    if not (STAFF_ID_RE.fullmatch(actor) or _ACTOR_RE.fullmatch(actor)):
        raise AuditRefused(
            "actor must be a staff id, technician:<channel>, system, citizen or unknown"
        )


def canonical_detail(detail: Mapping[str, DetailValue] | None) -> str:
    """The detail as canonical JSON text, after checking it holds nothing personal."""
    detail = dict(detail or {})
    if len(detail) > MAX_DETAIL_KEYS:
        raise AuditRefused("too many detail keys")
    for key, value in detail.items():
        if not _KEY_RE.fullmatch(key):
            raise AuditRefused(f"bad detail key {key!r}")
        if isinstance(value, str):
            if not _VALUE_RE.fullmatch(value):
                raise AuditRefused(f"detail {key!r} must be short printable ASCII")
            if redact(value) != value:
                raise AuditRefused(f"detail {key!r} looks like an ID number or a phone number")
        elif isinstance(value, int):  # bool is an int too
            if redact(str(value)) != str(value):
                raise AuditRefused(f"detail {key!r} looks like an ID number or a phone number")
        elif value is not None:
            raise AuditRefused(f"detail {key!r} must be text, a number, a flag or null")
    text = json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    if len(text) > MAX_DETAIL_BYTES:
        raise AuditRefused("detail too large")
    return text


def check_record(actor: str, action: str, result: str) -> None:
    """Raise AuditRefused unless actor, action and result are in the vocabulary."""
    check_actor(actor)
    if action not in ACTIONS:
        raise AuditRefused(f"unknown audit action {action!r}")
    if result not in RESULTS:
        raise AuditRefused(f"unknown audit result {result!r}")
