"""A core opened for looking only: `doctor`, `queue`, `audit verify|list`.

It takes no lock and changes nothing: the store is opened with SQLite's
``mode=ro`` (store/readonly.py), nothing is migrated, recovered, swept, purged or
created (not the local key, not the demo identity), and its writer refuses every
transaction. So these commands are safe beside the kiosk that owns the data
directory, and on a store that is damaged or unreadable they report, never repair.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from terminal.config import Config
from terminal.crypto.key_protection import KeyProtection, KeyUnavailable, load_key
from terminal.crypto.local_key import LocalKey
from terminal.crypto.sealing import Sealer
from terminal.identity import Identity, load_identity, load_platform_keys
from terminal.paths import DataPaths
from terminal.runtime import TerminalCore
from terminal.store.readonly import open_store_readonly
from terminal.submissions.confirm import Confirmer

log = logging.getLogger(__name__)


def open_core_readonly(config: Config) -> TerminalCore:
    """The store, identity and keys for reading; StoreUnavailable when the store cannot
    be read (nothing is moved or created)."""
    paths = DataPaths(config.data_dir)
    store = open_store_readonly(paths)
    notes: list[str] = []
    try:  # sealed to the TPM: unsealing changes nothing on disk
        key_bytes = load_key(paths.local_key_file, 32, KeyProtection.of(config), create=False)
    except (OSError, ValueError, KeyUnavailable) as exc:
        key_bytes = None
        notes.append(f"local key unreadable: {exc}")
    identity: Identity | None = None
    local_key = LocalKey(key_bytes or bytes(32))  # a stand-in only; it unwraps nothing
    if key_bytes is not None:
        try:
            identity = load_identity(store, local_key)
        except Exception as exc:  # a damaged row or a replaced key: a finding, not a crash
            notes.append(f"identity unreadable: {type(exc).__name__}")
    keys = []
    try:
        keys = load_platform_keys(store)
    except Exception as exc:
        notes.append(f"platform keys unreadable: {type(exc).__name__}")
    confirmer = None
    if identity is not None and keys:  # never confirms (the writer refuses); doctor reads it
        confirmer = Confirmer(
            store, Sealer(keys[0]), identity.terminal_code, ZoneInfo(config.terminal.timezone)
        )
    for note in notes:
        log.info("read-only open: %s", note)  # doctor reports the store itself
    return TerminalCore(config, paths, store, local_key, identity, confirmer, notes=notes)
