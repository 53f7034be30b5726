"""Writing a file so that it survives a power cut: all or nothing, then on disk.

The bytes go to ``temp`` (created 0600), are fsynced, renamed over ``target`` and
the directory is fsynced. On any failure (a full disk mid-write) the temporary
file is removed, so nothing half-written is left behind.
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durably(target: Path, data: bytes, temp: Path) -> None:
    """Replace ``target`` with ``data`` through ``temp`` (same directory), durably."""
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
