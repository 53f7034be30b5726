"""Demo is demo: the embedded demo never stands in for a real enrolment.

Before a real enrolment the terminal runs against the embedded demo central
(terminal code 0000, keys marked DEMO); the kiosk shows a band saying so and every
receipt says 演示. A real enrolment

- writes ``<data_dir>/enrolled.json`` (fsynced, no secret): from then on this data
  directory never falls back to the demo, even if the store loses its identity
  (a damaged or replaced store): no demo identity is made, the embedded central is
  not started, and `doctor` says the enrolment is lost and how to re-enrol;
- purges the demo: submissions sealed to a demo key (the real platform could never
  open them) with their sealed files, and the demo central's folder (its keys and
  its database), audited as ``demo_purge`` with counts only. The purge runs again
  at the owner's next start while anything of the demo is left (the demo central
  may have been running when staff enrolled from the diagnostics screen).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sync.protocol.key_files import KEY_FILE_SUFFIX
from sync.protocol.receipt_numbers import DEMO_TERMINAL_CODE
from terminal.identity import Identity
from terminal.paths import DataPaths
from terminal.store.startup import OpenStore

if TYPE_CHECKING:
    from terminal.runtime import TerminalCore

log = logging.getLogger(__name__)
MARK_FILE = "enrolled.json"
DEMO_KID_PREFIX = "demo-"  # terminal/identity.py: write_demo_platform_key

__all__ = [
    "DEMO_TERMINAL_CODE",
    "DemoPurge",
    "EnrolmentMark",
    "purge_audited",
    "purge_demo",
    "read_mark",
]


@dataclass(frozen=True)
class EnrolmentMark:
    """What the data directory remembers of its real enrolment (never the secret)."""

    terminal_id: str
    terminal_code: str
    server_url: str
    readable: bool = True  # False: the file is there but could not be read


def mark_path(paths: DataPaths) -> Path:
    return paths.root / MARK_FILE


def read_mark(paths: DataPaths) -> EnrolmentMark | None:
    """The enrolment mark, or None when this data directory was never enrolled.

    A file that is there but unreadable still counts as enrolled: the safe side is
    to refuse the demo, not to fall back to it."""
    path = mark_path(paths)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("enrolment mark %s unreadable (%s); treated as enrolled", path, exc)
        return EnrolmentMark("", "", "", readable=False)
    if not isinstance(doc, dict):
        return EnrolmentMark("", "", "", readable=False)
    return EnrolmentMark(
        str(doc.get("terminal_id", "")),
        str(doc.get("terminal_code", "")),
        str(doc.get("server_url", "")),
    )


def write_mark(paths: DataPaths, identity: Identity) -> None:
    """Remember a real enrolment, durably (written whole, fsynced, then renamed)."""
    path = mark_path(paths)
    doc = {
        "terminal_id": identity.terminal_id,
        "terminal_code": identity.terminal_code,
        "server_url": identity.server_url,
    }
    temporary = path.with_name(f".{MARK_FILE}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as fh:
            json.dump(doc, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def demo_allowed(paths: DataPaths, server_url: str) -> bool:
    """The embedded demo may run: no server configured and never really enrolled."""
    return not server_url and read_mark(paths) is None


def demo_kids(paths: DataPaths, store: OpenStore) -> set[str]:
    """Kids of the demo's platform keys: the demo central's key files and any kid the
    terminal named as a demo key."""
    keys_dir = paths.demo_central_dir / "keys"
    kids = set()
    if keys_dir.is_dir():
        kids = {p.name[: -len(KEY_FILE_SUFFIX)] for p in keys_dir.glob(f"*{KEY_FILE_SUFFIX}")}
    like = f"{DEMO_KID_PREFIX}%"
    sql = "SELECT DISTINCT sealed_kid FROM submissions WHERE sealed_kid LIKE ?"
    kids |= store.read(lambda c: {r[0] for r in c.execute(sql, (like,))})
    return kids


@dataclass(frozen=True)
class DemoPurge:
    """What a purge removed: counts only."""

    submissions: int = 0
    attachment_files: int = 0
    central_removed: bool = False

    @property
    def anything(self) -> bool:
        return bool(self.submissions or self.attachment_files or self.central_removed)


def demo_left(paths: DataPaths, store: OpenStore) -> bool:
    """Something of the demo is still here (the owner's start purges it then)."""
    return paths.demo_central_dir.exists() or bool(demo_kids(paths, store))


def purge_demo(paths: DataPaths, store: OpenStore) -> DemoPurge:
    """Remove demo-sealed submissions, their sealed files and the demo central's folder.

    Only for a process that owns the data directory, after a real enrolment. A
    sealed file still named by a row that stays is kept."""
    kids = sorted(demo_kids(paths, store))

    def delete(conn: sqlite3.Connection) -> tuple[int, list[str]]:
        if not kids:
            return 0, []
        marks = ",".join("?" * len(kids))
        ids = [
            r[0]
            for r in conn.execute(f"SELECT id FROM submissions WHERE sealed_kid IN ({marks})", kids)
        ]
        if not ids:
            return 0, []
        id_marks = ",".join("?" * len(ids))
        shas = {
            r[0]
            for r in conn.execute(
                f"SELECT sha256 FROM attachments WHERE submission_id IN ({id_marks})", ids
            )
        }
        conn.execute(f"DELETE FROM attachments WHERE submission_id IN ({id_marks})", ids)
        conn.execute(f"DELETE FROM submissions WHERE id IN ({id_marks})", ids)
        kept = {r[0] for r in conn.execute("SELECT sha256 FROM attachments")}
        return len(ids), sorted(shas - kept)

    count, files = store.writer.run(delete)
    removed_files = 0
    for sha in files:  # after COMMIT: a crash before this leaves orphans the sweep removes
        path = paths.attachments_dir / f"{sha}.sealed"
        if path.exists():
            path.unlink(missing_ok=True)
            removed_files += 1
    central = paths.demo_central_dir
    central_removed = central.exists()
    if central_removed:
        shutil.rmtree(central, ignore_errors=True)
        central_removed = not central.exists()
    purge = DemoPurge(count, removed_files, central_removed)
    if purge.anything:
        log.info(
            "demo purged: %d submissions, %d sealed files, demo central %s",
            count,
            removed_files,
            "removed" if central_removed else "not there",
        )
    return purge


def purge_audited(core: TerminalCore, actor: str = "system") -> DemoPurge:
    """`purge_demo` for a started core, with an audit record of the counts (by
    ``actor``: the system at start, or who enrolled)."""
    from terminal.audit import actions
    from terminal.audit.key import AuditKeyMissing
    from terminal.audit.trail import AuditTrail

    purge = purge_demo(core.paths, core.store)
    if purge.anything:
        detail = {
            "submissions": purge.submissions,
            "files": purge.attachment_files,
            "central": purge.central_removed,
        }
        try:
            AuditTrail.for_core(core).record(actor, actions.DEMO_PURGE, "ok", detail)
        except AuditKeyMissing as exc:
            log.error("demo purge not audited: %s", exc)
    return purge
