"""Sealed attachment bytes on disk: ``<data_dir>/attachments/<ab>/<sha256>``.

Written to a temporary file, fsynced and renamed, so a file that exists is whole.
Files are 0600 and directories 0700 (central/file_modes.py).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class AttachmentFiles:
    """Content-addressed files of sealed attachments."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        """Where the attachment named ``sha256`` lives."""
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        """True when the file is on disk."""
        return self.path_for(sha256).is_file()

    def write(self, sha256: str, data: bytes) -> None:
        """Store ``data`` (already checked to hash to ``sha256``) durably."""
        target = self.path_for(sha256)
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        target.parent.mkdir(exist_ok=True, mode=0o700)
        temporary = target.with_name(f".{sha256}.{secrets.token_hex(4)}.tmp")
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

    def read(self, sha256: str) -> bytes:
        """The sealed bytes."""
        return self.path_for(sha256).read_bytes()
