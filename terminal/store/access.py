"""What is damage and what is not: only a real integrity failure moves a store aside.

SQLite reports many things as a "database error". Only three mean the file's bytes
are wrong: ``quick_check`` answering anything but ``ok``, SQLITE_NOTADB ("file is not a
database") and SQLITE_CORRUPT ("malformed"). Everything else, a permission denied, an
I/O error, "database is locked", a full disk, a missing -wal or -shm, a store file
missing from a directory that has been used, is a condition of the machine: the store
is left exactly where it is, and the process says what is wrong and what to do
(StoreUnavailable). docs/store.md has the table.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from terminal.paths import DataPaths

# Primary result codes (the low byte of an extended code) that mean damaged bytes.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_DAMAGE_WORDS = ("malformed", "not a database")

ADVICE = {
    "permission": "Give the kiosk's user read and write access to the data directory and "
    "every file in it (chown -R / chmod u+rw), then wait: the kiosk retries by itself.",
    "io": "The disk reported an error or a file changed under SQLite. Check the disk "
    "(dmesg, SMART) and that nothing else touches the data directory; the kiosk retries.",
    "locked": "Another process holds the store. Wait for it to finish; the kiosk retries.",
    "full": "Free space on the disk that holds the data directory; the kiosk retries.",
    "missing": "Restore the store file (see backups/ and damaged/) or, to start with an "
    "empty store on purpose, move the whole data directory aside first.",
    "fresh": "The kiosk creates the store when it first starts (systemctl start mashangban).",
    "keys": "The terminal's keys are sealed to a TPM that cannot give them here. If this "
    "data directory was copied from another machine, it cannot sign as that terminal: "
    "move it aside and enrol afresh. Otherwise switch the TPM on in the firmware and "
    "check store.tpm_tcti; `mashangban doctor` says which (docs/deployment.md, TPM).",
    "other": "Look at the kiosk's log; nothing was moved or changed.",
}


class StoreUnavailable(RuntimeError):
    """The store cannot be used now, for a reason that is not damage; nothing was moved."""

    def __init__(self, kind: str, path: Path, what: str) -> None:
        self.kind = kind  # permission | io | locked | full | missing | fresh | keys | other
        self.path = path
        self.what = what
        self.advice = ADVICE.get(kind, ADVICE["other"])
        super().__init__(f"the store {path} cannot be used: {what} (nothing was moved)")


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    """True only for SQLite errors that say the file's bytes are wrong."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    return any(word in str(exc).lower() for word in _DAMAGE_WORDS)


def unavailable(exc: sqlite3.Error | OSError, path: Path) -> StoreUnavailable:
    """The plain-words StoreUnavailable for an error that is not damage."""
    if isinstance(exc, OSError):
        kind = {13: "permission", 1: "permission", 28: "full", 30: "permission"}.get(
            exc.errno or 0, "io"
        )
        where = f": {exc.filename}" if exc.filename else ""
        return StoreUnavailable(kind, path, f"{exc.strerror or exc}{where}")
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    kind = "other"
    if name.startswith(("SQLITE_PERM", "SQLITE_READONLY", "SQLITE_AUTH")):
        kind = "permission"
    elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        kind = "locked"
    elif name.startswith("SQLITE_FULL"):
        kind = "full"
    elif name.startswith("SQLITE_IOERR"):
        kind = "io"
    elif name.startswith("SQLITE_CANTOPEN"):
        kind = "permission" if not _accessible(path, write=False) else "io"
    return StoreUnavailable(kind, path, f"{exc} ({name or 'sqlite error'})")


def _accessible(path: Path, *, write: bool) -> bool:
    mode = os.R_OK | (os.W_OK if write else 0)
    return os.access(path, mode) and os.access(path.parent, mode | os.X_OK)


def check_access(path: Path, *, write: bool) -> None:
    """Raise StoreUnavailable('permission') when this user cannot open the store
    (and its directory) as it needs to; says which one is refused."""
    for target in (path.parent, path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if not target.exists():
            continue
        mode = os.R_OK | (os.W_OK if write else 0)
        if target.is_dir():
            mode |= os.X_OK
        if not os.access(target, mode):
            needs = "read and write" if mode & os.W_OK else "read"
            raise StoreUnavailable(
                "permission", path, f"this user ({os.getuid()}) may not {needs} {target}"
            )


def used_before(paths: DataPaths) -> bool:
    """True when the data directory has been used although the store file is missing:
    its local key, a leftover -wal, or sealed attachments are there, and no damaged
    copy explains the missing file (a store moved into damaged/ is replaced afresh)."""
    store = paths.store_file
    if store.exists():
        return False
    if paths.damaged_dir.is_dir() and any(paths.damaged_dir.glob("store-*.sqlite3")):
        return False
    key = paths.local_key_file
    leftovers = [key, key.with_name(key.name + ".tpm"), Path(f"{store}-wal")]
    if any(p.exists() for p in leftovers):
        return True
    return paths.attachments_dir.is_dir() and any(paths.attachments_dir.glob("*.sealed"))


def check_present(paths: DataPaths, *, creating: bool) -> None:
    """Raise StoreUnavailable when the store file is missing and that is not a fresh
    start (``creating``: this process would create a fresh store)."""
    if paths.store_file.exists():
        return
    if used_before(paths):
        raise StoreUnavailable(
            "missing",
            paths.store_file,
            "the store file is missing, but this data directory has been used before",
        )
    if not creating:
        raise StoreUnavailable(
            "fresh", paths.store_file, "there is no store yet (a fresh data directory)"
        )
