"""Every catalog version central has served, kept so submissions are judged by theirs.

A terminal that was offline files appeals under the catalog it last received. When
central's catalog has moved on meanwhile (a category dropped), such an appeal is
still valid: it is checked against the version it names (``catalog_version`` of the
batch item) when central has served that version, and against the current one only
when it has not.

Each version is kept as ``<data_dir>/catalogs/<sha256 of the version>.json`` (the
version is a name the catalog chooses, so it is not used as a file name), written
atomically; all of them are read at start. Only the codes are held in memory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def _file_name(version: str) -> str:
    return hashlib.sha256(version.encode("utf-8")).hexdigest()[:40] + ".json"


class CatalogVersions:
    """The archive directory: ``keep`` a served document, ``documents`` to read back."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()

    def keep(self, document: dict[str, Any]) -> None:
        """Store ``document`` under its version (the newest content of a version wins).

        Best effort: a write that fails is logged; serving the catalog goes on.
        """
        version = str(document.get("version"))
        body = json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")
        target = self.directory / _file_name(version)
        with self._lock:
            try:
                if target.exists() and target.read_bytes() == body:
                    return
                self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
                os.chmod(self.directory, 0o700)  # private as the rest (mkdir's mode meets umask)
                fd, name = tempfile.mkstemp(prefix=".catalog-", suffix=".tmp", dir=self.directory)
                try:
                    with os.fdopen(fd, "wb") as handle:
                        handle.write(body)
                        handle.flush()
                        os.fsync(handle.fileno())
                    os.replace(name, target)
                except BaseException:
                    Path(name).unlink(missing_ok=True)
                    raise
            except OSError as exc:
                log.error("catalog %s not archived: %s", version, type(exc).__name__)
                return
        log.info("catalog %s archived", version)

    def documents(self) -> list[dict[str, Any]]:
        """Every archived catalog document (unreadable files are skipped and logged)."""
        found = []
        for path in sorted(self.directory.glob("*.json")):
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                log.error("archived catalog %s unreadable: %s", path.name, type(exc).__name__)
                continue
            if isinstance(document, dict) and "version" in document:
                found.append(document)
        return found
