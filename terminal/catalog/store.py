"""The terminal's active catalog on disk, replaced atomically when central sends a new one.

Layout of the store's directory::

    catalog.json        the active catalog, exactly the bytes central sent
    catalog.meta.json   {"sha256", "etag", "version", "installed_at"} of that file
    catalog.checked.json  {"schema": <digest>, "catalogs": [<digest>, ...]}: catalog
                        bytes (installed or bundled) that passed this JSON Schema
    catalog.refused.json  {"at", "reason", "problems", "sha256"} of central's last
                        catalog that failed validation (until one installs; doctor)
    .catalog-*.tmp      a write in progress (left behind only by a crash; removed at load)

A catalog whose exact bytes (by SHA-256) already passed the current JSON Schema is not
checked against the schema again at the next start (~0.1 s saved); its forms and
semantic rules are, as they build the model. A changed byte or another schema means
the full check. ``install`` validates the new bytes completely before touching the disk, then writes
them to a temporary file in the same directory, fsyncs it, swaps it in with
``os.replace`` and fsyncs the directory. At every instant ``catalog.json`` is either
the whole old catalog or the whole new one. Until central has sent one, the terminal
uses the bundled demo catalog.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from sync.protocol.times import rfc3339
from terminal.catalog.catalog import Catalog
from terminal.catalog.errors import CatalogError
from terminal.catalog.loader import parse_catalog
from terminal.catalog.resources import demo_catalog_path, schema_digest

log = logging.getLogger(__name__)

ACTIVE_NAME = "catalog.json"
META_NAME = "catalog.meta.json"
CHECKED_NAME = "catalog.checked.json"
REFUSED_NAME = "catalog.refused.json"
CHECKED_KEPT = 4  # digests remembered: the installed catalog, the bundled one, spares
TEMP_PREFIX = ".catalog-"
TEMP_SUFFIX = ".tmp"


class CatalogSource(StrEnum):
    """Where the catalog in use came from."""

    INSTALLED = "installed"  # sent by central and installed in the store
    BUNDLED = "bundled"  # the demo catalog shipped with the application


class CatalogStore:
    """Keeps the active catalog file in ``directory``; one instance per terminal.

    ``load`` and ``install`` may be called from different threads (the GUI at start,
    the sync worker later); a lock keeps two installs from interleaving.
    """

    def __init__(self, directory: Path, bundled: Path | None = None) -> None:
        self.directory = Path(directory)
        self.bundled_path = bundled or demo_catalog_path()
        self.source: CatalogSource | None = None
        self._lock = threading.Lock()

    @property
    def active_path(self) -> Path:
        """The active catalog file (it may not exist yet)."""
        return self.directory / ACTIVE_NAME

    def load(self) -> Catalog:
        """The catalog to use now: the installed one, else the bundled demo catalog.

        An installed file that fails validation (a damaged disk; the swap itself never
        leaves a partial file) is moved aside as ``catalog.damaged-<time>.json`` and
        reported in the log, never silently deleted. Leftover temporary files from an
        interrupted install are removed.
        """
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._remove_stale_temp_files()
            if self.active_path.exists():
                try:
                    catalog = self._load_checked(self.active_path)
                except CatalogError as exc:
                    aside = self._move_aside()
                    log.error("installed catalog is damaged, moved to %s: %s", aside, exc)
                else:
                    self.source = CatalogSource.INSTALLED
                    return catalog
            catalog = self._load_checked(self.bundled_path)
            self.source = CatalogSource.BUNDLED
            log.info("using the bundled catalog %s", catalog.version)
            return catalog

    def install(self, raw: bytes, etag: str | None = None) -> Catalog:
        """Validate a catalog from central and make it the active one.

        Raises CatalogError (nothing written; the previous catalog stays active) when the
        bytes are not a valid catalog, and OSError when the disk refuses the write (the
        previous catalog stays active; temporary files are removed).
        """
        try:
            catalog = parse_catalog(raw, source="catalog from central")
        except CatalogError as exc:
            self._remember_refusal(raw, exc)
            raise
        meta = {
            "sha256": catalog.sha256,
            "etag": etag,
            "version": catalog.version,
            "installed_at": rfc3339(datetime.now(UTC)),
        }
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._write_atomically(self.active_path, raw)
            # The meta names the catalog's digest, so an ETag is never paired with a
            # catalog it does not describe, even if a crash falls between the two swaps.
            meta_bytes = json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8")
            self._write_atomically(self.directory / META_NAME, meta_bytes)
            self._remember_checked(catalog.sha256)
            self.source = CatalogSource.INSTALLED
            (self.directory / REFUSED_NAME).unlink(missing_ok=True)
        log.info("installed catalog %s (etag %s)", catalog.version, etag)
        return catalog

    def refusal(self) -> dict[str, object] | None:
        """Central's last catalog that was refused and why (``at``, ``reason``,
        ``problems``, ``sha256``), or None once a catalog from central installed."""
        try:
            record = json.loads((self.directory / REFUSED_NAME).read_bytes())
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) else None

    def _remember_refusal(self, raw: bytes, exc: CatalogError) -> None:
        """Best effort, for doctor: the old catalog stays in use either way."""
        record = {
            "at": rfc3339(datetime.now(UTC)),
            "reason": (exc.problems[0] if exc.problems else str(exc))[:300],
            "problems": len(exc.problems),
            "sha256": hashlib.sha256(raw).hexdigest(),
        }
        try:
            with self._lock:
                self.directory.mkdir(parents=True, exist_ok=True)
                self._write_atomically(self.directory / REFUSED_NAME, json.dumps(record).encode())
        except OSError as exc2:
            log.warning("could not record the refused catalog: %s", exc2)

    @property
    def etag(self) -> str | None:
        """The ETag central sent with the active catalog (for If-None-Match), if known."""
        try:
            meta = json.loads((self.directory / META_NAME).read_bytes())
            active = hashlib.sha256(self.active_path.read_bytes()).hexdigest()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("sha256") != active:
            return None
        etag = meta.get("etag")
        return etag if isinstance(etag, str) else None

    def _load_checked(self, path: Path) -> Catalog:
        """Parse ``path``, skipping the schema gate for bytes that passed it before."""
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        known = digest in self._checked_digests()
        catalog = parse_catalog(raw, source=str(path), schema_checked=known)
        if not known:
            self._remember_checked(digest)
        return catalog

    def _checked_digests(self) -> list[str]:
        """Digests of catalogs that passed the current schema; empty when unknown."""
        try:
            record = json.loads((self.directory / CHECKED_NAME).read_bytes())
        except (OSError, ValueError):
            return []
        if not isinstance(record, dict) or record.get("schema") != schema_digest():
            return []
        digests = record.get("catalogs")
        return [d for d in digests if isinstance(d, str)] if isinstance(digests, list) else []

    def _remember_checked(self, digest: str) -> None:
        """Best effort: a record that cannot be written only means checking again."""
        digests = [digest, *(d for d in self._checked_digests() if d != digest)]
        record = {"schema": schema_digest(), "catalogs": digests[:CHECKED_KEPT]}
        try:
            self._write_atomically(self.directory / CHECKED_NAME, json.dumps(record).encode())
        except OSError as exc:
            log.warning("could not record the checked catalog: %s", exc)

    def _write_atomically(self, target: Path, data: bytes) -> None:
        fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=self.directory)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync_directory(self.directory)

    def _remove_stale_temp_files(self) -> None:
        for leftover in self.directory.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            log.warning("removing %s left by an interrupted catalog install", leftover.name)
            leftover.unlink(missing_ok=True)

    def _move_aside(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.directory / f"catalog.damaged-{stamp}.json"
        os.replace(self.active_path, aside)
        _fsync_directory(self.directory)
        return aside


def _fsync_directory(directory: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
