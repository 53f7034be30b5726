"""The catalog as the screens see it: a thin view over terminal.catalog's `Catalog`.

There is one catalog: the active one from `CatalogStore(core.paths.catalog_dir).load()`
(which falls back to the bundled demo). This view adds what the widgets want — trees
of `Node` for the appeal categories and the region picker, and the search index —
and `CatalogFeed` hands a new catalog (installed by sync, on its own thread) to the
GUI thread through a queued signal. Screens keep the view they started with; Home and
the theme screens pick up the new one the next time they open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

from terminal.catalog import Catalog, CatalogStore
from terminal.forms.text import LocalizedText

if TYPE_CHECKING:
    from terminal.search import SearchHit, SearchIndex
    from ui.operations import Operations

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Node:
    """One appeal category or region, as the tree widgets walk it."""

    code: str
    name: LocalizedText
    children: tuple[Node, ...] = ()
    level: str = ""

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(eq=False)
class CatalogView:
    """One catalog version plus the trees and the search index built from it."""

    catalog: Catalog
    appeal_categories: tuple[Node, ...]
    regions: tuple[Node, ...]
    index: SearchIndex | None = field(default=None, repr=False)

    @property
    def version(self) -> str:
        return self.catalog.version

    @property
    def themes(self) -> tuple[Any, ...]:
        """The catalog's themes (``code``, ``names``, ``item_codes``), in display order."""
        return self.catalog.themes

    def category(self, code: str) -> Node | None:
        """The appeal category with this code, at any depth."""
        return _find(self.appeal_categories, code)

    def region_path(self, code: str) -> list[Node]:
        """Regions from the province down to ``code``; empty when unknown."""
        if code not in self.catalog.regions:
            return []
        path, nodes = [], self.regions
        for region in self.catalog.region_path(code):
            node = next(n for n in nodes if n.code == region.code)
            path.append(node)
            nodes = node.children
        return path

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Items matching hanzi, pinyin or initials; nothing until the index is built."""
        return list(self.index.search(query, limit=limit)) if self.index else []


def _find(nodes: tuple[Node, ...], code: str) -> Node | None:
    for node in nodes:
        if node.code == code:
            return node
        found = _find(node.children, code)
        if found is not None:
            return found
    return None


def view_of(catalog: Catalog, *, with_index: bool = False) -> CatalogView:
    """The view of a catalog; ``with_index`` builds the search index now (~45 ms)."""

    def category(code: str) -> Node:
        c = catalog.category(code)
        return Node(c.code, c.names, tuple(category(k) for k in c.child_codes))

    def region(code: str) -> Node:
        r = catalog.region(code)
        return Node(r.code, r.names, tuple(region(k) for k in r.child_codes), str(r.level))

    return CatalogView(
        catalog=catalog,
        appeal_categories=tuple(category(c.code) for c in catalog.root_categories),
        regions=tuple(region(r.code) for r in catalog.root_regions),
        index=build_index(catalog) if with_index else None,
    )


def active_catalog(catalog_dir: Path) -> Catalog:
    """The installed catalog, or the bundled demo until sync installs one."""
    return CatalogStore(catalog_dir).load()


class CatalogFeed(QObject):
    """The catalog view in use (``view``), and its replacement by a newer one.

    ``offer`` (from any thread: sync's worker) builds the new view and its index on
    the calling thread, then a queued signal installs it as ``view`` on the GUI
    thread and emits ``replaced``.
    """

    replaced = Signal()
    indexed = Signal()  # the first catalog's search index is ready
    _offered = Signal(object)

    def __init__(self, view: CatalogView, ops: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._ops = ops
        self._indexing = False
        self._offered.connect(self._install, Qt.ConnectionType.QueuedConnection)

    def start_indexing(self) -> None:
        """Build the first catalog's search index off the GUI thread (pypinyin's
        dictionaries take ~0.3 s to load), once: the kiosk calls this after Home is
        painted, and the search screen when it opens."""
        view = self.view
        if self._indexing or view.index is not None:
            return
        self._indexing = True
        self._ops.run(
            "io",
            lambda: build_index(view.catalog),
            success=self._indexed(view),
            failure=self._index_failed,
        )

    def _index_failed(self, exc: BaseException) -> None:
        """Logged; the next search screen to open tries again."""
        log.error("search index not built: %s", type(exc).__name__)
        self._indexing = False

    def _indexed(self, view: CatalogView) -> Callable[[SearchIndex], None]:
        def done(index: SearchIndex) -> None:
            view.index = index
            self.indexed.emit()

        return done

    def offer(self, catalog: Catalog) -> None:
        """Safe from any thread: the screens get ``catalog`` from their next opening on."""
        self._offered.emit(view_of(catalog, with_index=True))

    def _install(self, view: CatalogView) -> None:
        if view.version != self.view.version:
            log.info("catalog %s in use for new screens", view.version)
        self.view = view
        self.replaced.emit()


def build_index(catalog: Catalog) -> SearchIndex:
    """The pinyin search index; pypinyin is imported here, off the path to the first paint."""
    from terminal.search import SearchIndex

    return SearchIndex.build(catalog)
