"""Small secret key files beside the store: created once, private, durable."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def create_key_file(path: Path, length: int = 32) -> bytes:
    """A new random key written to `path` (mode 0600, fsynced); never overwrites one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(length)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


def read_key_file(path: Path, length: int = 32) -> bytes | None:
    """The key in `path`, None when it does not exist; ValueError when it is damaged."""
    if not path.exists():
        return None
    key = path.read_bytes()
    if len(key) != length:
        raise ValueError(f"key file {path} is damaged (wrong length)")
    return key
