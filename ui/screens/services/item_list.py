"""A scrolling grid of item cards (a theme's items, or search results)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from terminal.catalog import Catalog, Item
from ui.screens.services.item_card import item_card
from ui.widgets.scrolling import KineticScrollArea


class ItemList(KineticScrollArea):
    """``chosen(item_code)`` when a card is tapped."""

    chosen = Signal(str)

    def __init__(self, columns: int = 2, parent: QWidget | None = None) -> None:
        self._content = QWidget()
        self._content.setObjectName("Page")
        super().__init__(self._content, parent)
        self._grid = QGridLayout(self._content)
        self._grid.setSpacing(14)
        self._grid.setContentsMargins(0, 0, 12, 0)
        self._columns = columns
        self.cards: dict[str, QPushButton] = {}

    def set_items(self, items: Sequence[Item], catalog: Catalog, locale: str) -> None:
        for card in self.cards.values():
            card.setParent(None)
            card.deleteLater()
        self.cards = {}
        for item in items:
            card = item_card(item, catalog, locale)
            card.clicked.connect(lambda _=False, code=item.code: self.chosen.emit(code))
            self.cards[item.code] = card
        self._relayout()

    def set_columns(self, columns: int) -> None:
        self._columns = columns
        self._relayout()

    def _relayout(self) -> None:
        for i, card in enumerate(self.cards.values()):
            self._grid.addWidget(card, i // self._columns, i % self._columns)
        self._grid.setRowStretch(len(self.cards) // self._columns + 1, 1)
