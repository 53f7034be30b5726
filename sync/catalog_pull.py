"""The catalog puller (sync-protocol.md §4): ``GET /catalog`` with If-None-Match.

``304`` costs nothing. A ``200`` goes to the core's ``CatalogStore.install``,
which validates the whole catalog before an atomic swap and keeps the ETag
paired with the bytes it describes; a broken catalog is refused there and the
old one stays. The catalog repeats the platform keys; new ones are added to
the store so that sealing follows a key rotation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sync.client import SyncClient
from terminal.catalog import Catalog, CatalogError, CatalogStore
from terminal.crypto.sealing import PlatformKey, SealingError
from terminal.identity import save_platform_keys
from terminal.store.startup import OpenStore

log = logging.getLogger(__name__)
CATALOG_DIRNAME = "catalog"


@dataclass
class CatalogReport:
    changed: bool = False
    version: str | None = None
    rejected: str | None = None


class CatalogPuller:
    """Keeps the terminal's catalog in step with central's."""

    def __init__(
        self,
        client: SyncClient,
        store: OpenStore,
        catalogs: CatalogStore,
        on_installed: Callable[[Catalog], None] | None = None,
    ) -> None:
        self._client = client
        self._store = store
        self._catalogs = catalogs
        self._on_installed = on_installed

    def pull(self) -> CatalogReport:
        """Fetch the catalog unless central says ours is current."""
        etag = self._catalogs.etag
        headers = {"Accept": "application/json"}
        if etag:
            headers["If-None-Match"] = etag
        response = self._client.request("GET", "/catalog", headers=headers, expect=(200, 304))
        if response.status_code == 304:
            return CatalogReport()
        try:
            catalog = self._catalogs.install(response.content, response.headers.get("ETag"))
        except CatalogError as exc:
            log.error("catalog from central not installed: %d problems", len(exc.problems))
            return CatalogReport(rejected=exc.problems[0])
        self._save_keys(catalog)
        if self._on_installed is not None:
            self._on_installed(catalog)
        return CatalogReport(changed=True, version=catalog.version)

    def _save_keys(self, catalog: Catalog) -> None:
        keys = []
        for key in catalog.platform_keys:
            try:
                keys.append(
                    PlatformKey.from_json(
                        {"kid": key.kid, "alg": key.alg, "public_key": key.public_key}
                    )
                )
            except SealingError as exc:
                log.warning("catalog platform key skipped: %s", exc)
        if keys:
            save_platform_keys(self._store, keys)
