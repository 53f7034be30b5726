"""Symmetric keys central keeps as files of random bytes (mode 0600), created on first use.

Several central processes sharing one database must share these files.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def load_or_create_key(path: Path, length: int) -> bytes:
    """The ``length`` random bytes in ``path``, written (0600, fsynced) when absent."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(length))
                handle.flush()
                os.fsync(handle.fileno())
    key = path.read_bytes()
    if len(key) != length:
        raise ValueError(f"{path} is not a {length}-byte key")
    return key
