"""What the citizen screens need from the catalog: themes, appeal categories, regions.

Read from the catalog's JSON shape (resources/catalog/catalog.schema.json):
nodes with ``code``, ``names`` ({zh_CN, en}) and ``children``. The terminal's
current catalog is used when one is given; otherwise the bundled demo catalog
(resources/catalog/demo-catalog.json); and if even that is missing, a small
built-in one, so that a fresh terminal can still take appeals.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from terminal.forms.text import LocalizedText
from ui.catalog_fallback import FALLBACK_CATALOG

log = logging.getLogger(__name__)

DEMO_CATALOG = (
    Path(__file__).resolve().parent.parent / "resources" / "catalog" / "demo-catalog.json"
)


@dataclass(frozen=True)
class Node:
    """One theme, appeal category or region."""

    code: str
    name: LocalizedText
    children: tuple[Node, ...] = ()
    icon: str = ""
    level: str = ""

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class CatalogView:
    """The citizen-facing parts of one catalog version."""

    version: str
    themes: tuple[Node, ...]
    appeal_categories: tuple[Node, ...]
    regions: tuple[Node, ...]

    def category(self, code: str) -> Node | None:
        """The appeal category with this code, at any depth."""
        return _find(self.appeal_categories, code)

    def region_path(self, code: str) -> list[Node]:
        """Regions from the province down to ``code``; empty when unknown."""
        return _path(self.regions, code) or []


def _find(nodes: Iterable[Node], code: str) -> Node | None:
    for node in nodes:
        if node.code == code:
            return node
        found = _find(node.children, code)
        if found is not None:
            return found
    return None


def _path(nodes: Iterable[Node], code: str) -> list[Node] | None:
    for node in nodes:
        if node.code == code:
            return [node]
        below = _path(node.children, code)
        if below is not None:
            return [node, *below]
    return None


def _node(raw: Mapping[str, Any]) -> Node:
    names = raw.get("names") or raw.get("name") or {}
    return Node(
        code=str(raw["code"]),
        name=LocalizedText.from_json(names),
        children=tuple(_node(c) for c in raw.get("children") or ()),
        icon=str(raw.get("icon") or ""),
        level=str(raw.get("level") or ""),
    )


def catalog_view_from_json(document: Mapping[str, Any]) -> CatalogView:
    """Parse the parts we show; raises KeyError/ValueError on a malformed document."""
    themes = sorted(document.get("themes") or (), key=lambda t: int(t.get("order", 0)))
    return CatalogView(
        version=str(document["version"]),
        themes=tuple(_node(t) for t in themes),
        appeal_categories=tuple(_node(c) for c in document["appeal_categories"]),
        regions=tuple(_node(r) for r in document["regions"]),
    )


def load_catalog_view(document: Mapping[str, Any] | None = None) -> CatalogView:
    """The given catalog, else the bundled demo catalog, else the built-in fallback."""
    if document is not None:
        try:
            return catalog_view_from_json(document)
        except (KeyError, ValueError, TypeError) as exc:
            log.error("catalog unusable for the screens (%s); using the demo", type(exc).__name__)
    if DEMO_CATALOG.is_file():
        try:
            return catalog_view_from_json(json.loads(DEMO_CATALOG.read_text(encoding="utf-8")))
        except (OSError, KeyError, ValueError, TypeError) as exc:
            log.error("demo catalog unusable (%s); using the built-in one", type(exc).__name__)
    return catalog_view_from_json(FALLBACK_CATALOG)
