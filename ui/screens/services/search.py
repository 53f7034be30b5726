"""Finding a service item by hanzi, full pinyin or initials (社保 = shebao = sb).

Results follow every key. The letter keypad types pinyin and initials (big keys
are easier than a full keyboard); hanzi arrive through the input method when the
pinyin keyboard is in use. The index is built once per catalog, off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLineEdit, QVBoxLayout

from ui.context import KioskContext
from ui.screens.base import Screen
from ui.screens.services.item_list import ItemList
from ui.screens.services.letter_keypad import LetterKeypad
from ui.widgets.labels import label


class SearchScreen(Screen):
    """A field, the results under it, the letter keypad beside or below."""

    def __init__(self, ctx: KioskContext) -> None:
        super().__init__(ctx)
        self.view = ctx.catalog
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        outer.setSpacing(16)
        self.query = QLineEdit()
        self.query.setMaxLength(32)
        self.query.setObjectName("SearchField")
        self.query.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText)
        outer.addWidget(self.query)
        self.status = label("", "muted")
        outer.addWidget(self.status)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(24)
        self.results = ItemList(columns=1)
        self.keypad = LetterKeypad(columns=7)
        self.keypad.bind(self.query)
        self.body.addWidget(self.results, 1)
        self.body.addWidget(self.keypad, 1)
        outer.addLayout(self.body, 1)
        self.query.textChanged.connect(self._search)
        self.results.chosen.connect(self._open_item)
        if self.view.index is None:
            ctx.catalogs.indexed.connect(self._index_ready)
            ctx.catalogs.start_indexing()  # usually under way since Home was painted
        self.retranslate()

    def title(self) -> str:
        return self.tr("Search services")

    def instruction(self) -> str:
        return self.tr("Type the first letters of the pinyin, for example sb for 社保.")

    def retranslate(self) -> None:
        self.query.setPlaceholderText(self.tr("e.g. sb, shebao or 社保"))
        self.keypad.retranslate()
        self._search(self.query.text())

    def has_entries(self) -> bool:
        return False  # a search is nothing to lose

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def _search(self, text: str) -> None:
        catalog = self.view.catalog
        hits = self.view.search(text)
        items = [catalog.items[h.item_code] for h in hits if h.item_code in catalog.items]
        self.results.set_items(items, catalog, self.ctx.locale)
        if not text.strip():
            self.status.setText(self.instruction())
        elif self.view.index is None:
            self.status.setText(self.tr("Getting the list of services ready…"))
        elif not items:
            self.status.setText(self.tr("Nothing found. Try fewer letters, or ask the staff."))
        else:
            self.status.setText(self.tr("{n} services found. Tap one.").format(n=len(items)))

    def _index_ready(self) -> None:
        self._search(self.query.text())

    def _open_item(self, code: str) -> None:
        from ui.screens.services.item_detail import ItemDetailScreen

        self.ctx.nav.push(ItemDetailScreen(self.ctx, code, self.view))
