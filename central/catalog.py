"""The catalog central serves (§4) and the index used to validate payloads against it.

Every version served is kept (catalog_versions.py): a submission is judged by the
catalog version it names, so one filed offline under an older catalog stays valid.

The file is read at start and re-read when it changes on disk; the platform keys are
added to it as ``platform_keys`` so that terminals learn rotated keys. The ETag is a
hash of the exact bytes served, so it changes with the file and with the keys.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from central.catalog_versions import CatalogVersions
from central.keys import KeyRing
from sync.protocol.schemas import CatalogDocument

log = logging.getLogger(__name__)
SECTIONS = ("themes", "items", "forms", "appeal_categories", "regions")


class CatalogError(Exception):
    """The catalog file is missing or not a catalog."""


def _codes(section: Any) -> dict[str, dict[str, Any]]:
    """Every entry with a string ``code`` at any depth (categories nest), by code.

    A section given as an object keyed by code is accepted too.
    """
    found: dict[str, dict[str, Any]] = {}
    if isinstance(section, dict) and "code" not in section:
        for key, value in section.items():
            if isinstance(value, dict):
                found.setdefault(str(key), value)
    stack: list[Any] = [section]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("code"), str):
                found.setdefault(node["code"], node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _display_name(entry: dict[str, Any]) -> str | None:
    for key in ("names", "name"):
        value = entry.get(key)
        if isinstance(value, dict):
            value = value.get("zh_CN") or value.get("en")
        if isinstance(value, str) and value:
            return value
    return None


def _department(entry: dict[str, Any] | None, departments: dict[str, dict[str, Any]]) -> str | None:
    """The department an entry names: a code of the catalog's ``departments`` becomes
    that department's Chinese name; any other string is taken as the name."""
    value = (entry or {}).get("department")
    if isinstance(value, dict):
        value = _display_name(value)
    if isinstance(value, str) and value in departments:
        value = _display_name(departments[value]) or value
    return value[:200] if isinstance(value, str) and value else None


@dataclass(frozen=True)
class CatalogIndex:
    """What payload validation needs: the known codes of the served catalog."""

    version: str
    categories: dict[str, dict[str, Any]] = field(default_factory=dict)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    regions: dict[str, dict[str, Any]] = field(default_factory=dict)
    departments: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Earlier versions central has served (catalog_versions.py), by version.
    older: dict[str, CatalogIndex] = field(default_factory=dict)

    def for_version(self, version: str | None) -> CatalogIndex:
        """The index of the version a submission names; this one when it is the
        current version or one central never served."""
        if version is None or version == self.version:
            return self
        return self.older.get(version, self)

    def department_for(self, kind: str, code: str | None) -> str | None:
        """The department named by the category or item, if the catalog names one."""
        table = self.categories if kind == "appeal" else self.items
        return _department(table.get(code or ""), self.departments)


@dataclass(frozen=True)
class CatalogSnapshot:
    """One served version: the exact body bytes, their ETag and the index."""

    body: bytes
    etag: str
    index: CatalogIndex


def index_of(
    document: dict[str, Any], older: dict[str, CatalogIndex] | None = None
) -> CatalogIndex:
    """The codes of one catalog document; ``older`` are the other versions served."""
    version = str(document.get("version"))
    return CatalogIndex(
        version=version,
        categories=_codes(document.get("appeal_categories")),
        items=_codes(document.get("items")),
        regions=_codes(document.get("regions")),
        departments=_codes(document.get("departments")),
        older={v: i for v, i in (older or {}).items() if v != version},
    )


def read_catalog(path: Path) -> dict[str, Any]:
    """Parse and check a catalog file (CatalogError when it is not one)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        CatalogDocument.model_validate(document)
    except (OSError, ValueError, ValidationError) as exc:
        raise CatalogError(f"{path}: not a readable catalog ({type(exc).__name__})") from exc
    if not isinstance(document, dict):
        raise CatalogError(f"{path}: a catalog is a JSON object")
    return document


class CatalogStore:
    """Serves the catalog file, re-reading it and the keys when either changes."""

    def __init__(
        self, path: Path, keyring: KeyRing, archive: CatalogVersions | None = None
    ) -> None:
        self.path = path
        self._keyring = keyring
        self._lock = threading.Lock()
        self._archive = archive
        self._older: dict[str, CatalogIndex] = {}
        if archive is not None:
            for document in archive.documents():
                index = index_of(document)
                self._older[index.version] = index
        self._document = read_catalog(path)
        self._keep(self._document)
        self._mtime = path.stat().st_mtime_ns
        self._keys = self._published_keys()
        self._snapshot = self._build()

    def _published_keys(self) -> list[dict[str, str]]:
        return [key.model_dump() for key in self._keyring.published()]

    def _build(self) -> CatalogSnapshot:
        document = dict(self._document)
        document["platform_keys"] = self._keys
        body = json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        index = index_of(document, older=self._older)
        return CatalogSnapshot(body=body, etag=etag, index=index)

    def _keep(self, document: dict[str, Any]) -> None:
        """Archive a version being served, so later submissions filed under it are
        judged by it even after the file has moved on."""
        if self._archive is not None:
            self._archive.keep(document)
        index = index_of(document)
        self._older = {**self._older, index.version: index}

    def snapshot(self) -> CatalogSnapshot:
        """The current catalog, rebuilt if the file or the keys changed."""
        self._keyring.refresh()
        keys = self._published_keys()
        with self._lock:
            changed = keys != self._keys
            self._keys = keys
            try:
                mtime = self.path.stat().st_mtime_ns
            except OSError:
                mtime = self._mtime  # keep serving what we have
            if mtime != self._mtime:
                try:
                    self._document = read_catalog(self.path)
                    self._keep(self._document)
                    log.info("catalog reloaded from %s", self.path)
                except CatalogError as exc:
                    log.error("keeping the previous catalog: %s", exc)
                self._mtime = mtime
                changed = True
            if changed:
                self._snapshot = self._build()
            return self._snapshot
