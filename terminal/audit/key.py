"""The audit key: a random 32-byte key in its own file beside local.key (mode 0600).

Why a separate file and not a derivation from local.key: LocalKey deliberately
does not expose its raw key, and the audit chain must not break if that file's
format changes. A copy of the database alone cannot forge or re-chain records.

The key is created on first use, but never silently replaced: if the file is
missing while audit records exist, AuditKeyMissing is raised, because a new
key would make every old record unverifiable. Restore the file from a backup.
"""

from __future__ import annotations

from pathlib import Path

from terminal.crypto.key_file import create_key_file, read_key_file

KEY_LEN = 32
FILE_NAME = "audit.key"


class AuditKeyMissing(RuntimeError):
    """Audit records exist but their key file is gone or damaged."""


def audit_key_path(local_key_file: Path) -> Path:
    """Where the audit key lives: beside the terminal's local.key."""
    return local_key_file.with_name(FILE_NAME)


def load_or_create_audit_key(path: Path, *, records_exist: bool, create: bool = True) -> bytes:
    """Read the audit key; create it (0600, fsynced) only when no record needs the old one.

    ``create=False`` (a read-only command): a missing key with no records gives a
    stand-in that verifies the empty trail and is never written anywhere."""
    try:
        key = read_key_file(path, KEY_LEN)
    except ValueError as exc:
        raise AuditKeyMissing(f"audit key file {path} is damaged (wrong length)") from exc
    if key is not None:
        return key
    if records_exist:
        raise AuditKeyMissing(
            f"audit key file {path} is missing but audit records exist; restore it from a backup"
        )
    if not create:
        return bytes(KEY_LEN)
    return create_key_file(path, KEY_LEN)
