"""The audit key: a random 32-byte key beside local.key, kept like it (sealed to the
TPM where one answers, else a 0600 file: crypto/key_protection.py).

Why a separate file and not a derivation from local.key: LocalKey deliberately
does not expose its raw key, and the audit chain must not break if that file's
format changes. A copy of the database alone cannot forge or re-chain records.

The key is created on first use, but never silently replaced: if the file is
missing while audit records exist, AuditKeyMissing is raised, because a new
key would make every old record unverifiable. Restore the file from a backup.
"""

from __future__ import annotations

from pathlib import Path

from terminal.crypto.key_protection import KeyProtection, KeyUnavailable, load_key

KEY_LEN = 32
FILE_NAME = "audit.key"


class AuditKeyMissing(RuntimeError):
    """Audit records exist but their key file is gone or damaged."""


def audit_key_path(local_key_file: Path) -> Path:
    """Where the audit key lives: beside the terminal's local.key."""
    return local_key_file.with_name(FILE_NAME)


def load_or_create_audit_key(
    path: Path,
    *,
    records_exist: bool,
    create: bool = True,
    protection: KeyProtection | None = None,
) -> bytes:
    """Read the audit key; create it only when no record needs the old one.

    ``create=False`` (a read-only command): a missing key with no records gives a
    stand-in that verifies the empty trail and is never written anywhere. A key
    sealed to a TPM that cannot give it back is AuditKeyMissing too, in plain words."""
    protection = protection or KeyProtection()
    try:
        key = load_key(path, KEY_LEN, protection, create=False)
    except ValueError as exc:
        raise AuditKeyMissing(f"audit key file {path} is damaged (wrong length)") from exc
    except KeyUnavailable as exc:
        raise AuditKeyMissing(f"{exc}. {exc.advice}") from exc
    if key is not None:
        return key
    if records_exist:
        raise AuditKeyMissing(
            f"audit key file {path} is missing but audit records exist; restore it from a backup"
        )
    if not create:
        return bytes(KEY_LEN)
    made = load_key(path, KEY_LEN, protection, create=True)
    assert made is not None
    return made
