"""A changed configuration is an audited event.

Technicians change a terminal's settings by editing its TOML file or its
environment (docs/configuration.md); the terminal cannot know who did it, but it
can notice. At every start of the kiosk (`mashangban run`; not the other commands,
whose shell environment is a technician's, not the kiosk's) the effective settings
are fingerprinted, key by key (a short SHA-256 of each value, never the value;
`store.data_dir` as the resolved directory), and compared with the fingerprint kept
in `kv`. When keys differ, one `config_change` record names them (actor `system`:
the editor is not known) and the new fingerprint is stored, in one transaction
with the comparison. The first start only stores the fingerprint.

The comparison costs well under a millisecond and plain SQL; the audit trail (and
with it SQLAlchemy) is imported only when something changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from typing import TYPE_CHECKING

from terminal.audit import actions
from terminal.config import SECTION_TYPES, Config

if TYPE_CHECKING:
    from terminal.runtime import TerminalCore

log = logging.getLogger(__name__)

FINGERPRINT_KEY = "config.fingerprint"
KEYS_SHOWN = 64  # the audit detail's value limit (terminal/audit/actions.py)


def fingerprint(config: Config) -> dict[str, str]:
    """``section.key`` → the first 16 hex digits of the SHA-256 of its value."""
    result = {}
    for section in SECTION_TYPES:
        for key, value in config.section(section).items():
            if (section, key) == ("store", "data_dir"):  # "d" and "/srv/d" are one place
                value = str(config.data_dir)
            text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
            result[f"{section}.{key}"] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return result


def changed_keys(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Keys whose value changed, appeared or disappeared (an upgrade adds keys), sorted."""
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


def keys_text(keys: list[str]) -> str:
    """The keys, comma-separated, within the detail's 64 characters: what does not fit
    is counted as ``+N``."""
    text = ",".join(keys)
    if len(text) <= KEYS_SHOWN:
        return text
    shown: list[str] = []
    for key in keys:
        rest = f",+{len(keys) - len(shown) - 1}"
        if len(",".join([*shown, key])) + len(rest) > KEYS_SHOWN:
            break
        shown.append(key)
    return ",".join([*shown, f"+{len(keys) - len(shown)}"])


def _stored(conn: sqlite3.Connection) -> dict[str, str] | None:
    row = conn.execute("SELECT value FROM kv WHERE key = ?", (FINGERPRINT_KEY,)).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(row[0])
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _store(conn: sqlite3.Connection, value: dict[str, str]) -> None:
    conn.execute(
        "INSERT INTO kv(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (FINGERPRINT_KEY, json.dumps(value, sort_keys=True)),
    )


def audit_config_changes(core: TerminalCore) -> list[str]:
    """Record a `config_change` if the settings differ from the last start's; returns
    the changed keys (empty on the first start and when nothing changed)."""
    new = fingerprint(core.config)
    if core.store.read(_stored) == new:  # the every-day case: plain SQL, nothing else
        return []
    from terminal.audit.trail import AuditTrail  # only now: it imports SQLAlchemy

    trail = AuditTrail.for_core(core)

    def compare_and_record(conn: sqlite3.Connection) -> list[str]:
        old = _stored(conn)  # again, inside the writer's transaction
        changed = [] if old is None else changed_keys(old, new)
        if changed:
            detail: dict[str, actions.DetailValue] = {
                "count": len(changed),
                "keys": keys_text(changed),
            }
            trail.append_in(conn, actions.SYSTEM, actions.CONFIG_CHANGE, "ok", detail)
        if old != new:
            _store(conn, new)
        return changed

    changed: list[str] = core.store.writer.run(compare_and_record)
    if changed:
        log.warning("configuration changed since the last start: %s", ", ".join(changed))
    return changed
