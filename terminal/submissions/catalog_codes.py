"""The codes of the catalog a citizen used, for the checks before a receipt.

A draft names the catalog version its screens showed. Sync may install a newer
catalog while a citizen is still typing, so the codes of every version seen in
this process are kept (a few; they are small); a version this terminal never
held gives None and central judges the codes against its own copy of it.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from sync.protocol.payload_rules import CatalogCodes
from terminal.catalog import Catalog, CatalogError, demo_catalog_path, parse_catalog
from terminal.catalog.store import ACTIVE_NAME

log = logging.getLogger(__name__)
_KEPT = 8


def catalog_codes(catalog: Catalog) -> CatalogCodes:
    """The codes payloads may name in ``catalog``."""
    return CatalogCodes(
        catalog.version,
        frozenset(catalog.categories),
        frozenset(catalog.items),
        frozenset(catalog.regions),
    )


class CatalogCodesSource:
    """Codes per catalog version, read from the terminal's catalog directory."""

    def __init__(self, catalog_dir: Path) -> None:
        self._active = Path(catalog_dir) / ACTIVE_NAME
        self._lock = threading.Lock()
        self._by_version: dict[str, CatalogCodes] = {}
        self._seen_file: tuple[int, int] | None = None

    def remember(self, catalog: Catalog) -> None:
        """Keep the codes of a catalog the screens were given."""
        with self._lock:
            self._keep(catalog_codes(catalog))

    def _keep(self, codes: CatalogCodes) -> None:
        self._by_version.pop(codes.version, None)
        self._by_version[codes.version] = codes
        while len(self._by_version) > _KEPT:
            self._by_version.pop(next(iter(self._by_version)))

    def _file_state(self) -> tuple[int, int] | None:
        try:
            stat = self._active.stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def _read(self) -> Catalog:
        """The active catalog, read only: CatalogStore.load would also tidy the
        directory, which is sync's to do (an install may be under way)."""
        path = self._active if self._active.exists() else demo_catalog_path()
        # Installed bytes passed the whole schema before they were swapped in.
        return parse_catalog(path.read_bytes(), source=str(path), schema_checked=True)

    def for_version(self, version: str) -> CatalogCodes | None:
        """The codes of ``version``, or None when this terminal does not hold it."""
        with self._lock:
            if version in self._by_version:
                return self._by_version[version]
            state = self._file_state()
            if self._seen_file is None or state != self._seen_file:
                self._seen_file = state
                try:
                    self._keep(catalog_codes(self._read()))
                except (CatalogError, OSError) as exc:
                    log.warning("catalog unreadable for the checks before a receipt: %s", exc)
            return self._by_version.get(version)
