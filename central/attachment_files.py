"""Sealed attachment bytes on disk: ``<data_dir>/attachments/<ab>/<sha256>.enc``.

The bytes a terminal uploads (sealed to the platform key) are encrypted once more at
rest under the attachment's own data key (central/data_keys.py, kind ``attachment``,
bound to the sha256), so a copy of the directory alone gives nothing away.

Written to a temporary file, fsynced and renamed, so a file that exists is whole.
Files are 0600 and directories 0700 (central/file_modes.py).
"""

from __future__ import annotations

import logging
import os
import secrets
from datetime import datetime
from pathlib import Path

from central.data_keys import KIND_ATTACHMENT, DataKeys
from central.store.engine import Store

log = logging.getLogger(__name__)
SUFFIX = ".enc"


class AttachmentFiles:
    """Content-addressed files of sealed attachments, encrypted at rest."""

    def __init__(self, root: Path, store: Store, data_keys: DataKeys) -> None:
        self.root = root
        self._store = store
        self._keys = data_keys

    def path_for(self, sha256: str) -> Path:
        """Where the attachment named ``sha256`` lives."""
        return self.root / sha256[:2] / f"{sha256}{SUFFIX}"

    def exists(self, sha256: str) -> bool:
        """True when the file is on disk."""
        return self.path_for(sha256).is_file()

    def write(self, sha256: str, data: bytes, now: datetime) -> None:
        """Store ``data`` (already checked to hash to ``sha256``) encrypted, durably."""
        key = self._keys.ensure(self._store, KIND_ATTACHMENT, sha256, now)
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_durably(self.path_for(sha256), key.encrypt(data))

    def read(self, sha256: str) -> bytes:
        """The sealed bytes as uploaded; AtRestError when the file was altered."""
        blob = self.path_for(sha256).read_bytes()
        with self._store.transaction() as session:
            return self._keys.open(session, KIND_ATTACHMENT, sha256, blob)

    def purge_clear(self) -> int:
        """Scrub and delete files of the clear layout (``<ab>/<sha256>``, before
        encryption at rest) that have an encrypted copy; how many."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for path in self.root.glob("??/*"):
            if path.suffix or path.name.startswith(".") or not path.is_file():
                continue
            if self.exists(path.name):
                scrub(path)
                removed += 1
        if removed:
            log.info("removed %d attachment files of the clear layout", removed)
        return removed


def write_durably(target: Path, data: bytes) -> None:
    """Temporary file (0600), fsync, rename, directory fsync."""
    target.parent.mkdir(exist_ok=True, mode=0o700)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def scrub(path: Path) -> None:
    """Overwrite a file with zeros, fsync, delete it: best effort against its old
    blocks (a copy-on-write file system or an SSD may keep them; docs/security.md)."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.write(b"\0" * size)
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
