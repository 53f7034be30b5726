"""A life-event theme (我要办社保 …): its items as large cards, and a search bar.

Keeps the catalog view it opened with, so a catalog installed meanwhile never
changes a screen under the citizen's finger.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from ui.context import KioskContext
from ui.screens.base import Screen
from ui.screens.services.item_list import ItemList
from ui.screens.services.search_bar import search_bar
from ui.widgets.labels import label


class ThemeScreen(Screen):
    """The theme's items; tapping one opens its guide."""

    def __init__(self, ctx: KioskContext, theme_code: str) -> None:
        super().__init__(ctx)
        self.view = ctx.catalog
        self.theme = self.view.catalog.theme(theme_code)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(18)
        self.hint = label("", "muted")
        self.search = search_bar(ctx)
        self.items = ItemList(columns=2)
        layout.addWidget(self.hint)
        layout.addWidget(self.search)
        layout.addWidget(self.items, 1)
        self.items.chosen.connect(self._open_item)
        self.retranslate()

    def title(self) -> str:
        return self.theme.names.get(self.ctx.locale)

    def instruction(self) -> str:
        return self.tr("Tap a service to see what it needs and how to apply.")

    def retranslate(self) -> None:
        self.hint.setText(self.instruction())
        self.search.setText(self.tr("Search services, e.g. type sb for 社保"))
        catalog = self.view.catalog
        self.items.set_items(catalog.items_of_theme(self.theme.code), catalog, self.ctx.locale)

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.items.set_columns(1 if portrait else 2)

    def _open_item(self, code: str) -> None:
        from ui.screens.services.item_detail import ItemDetailScreen

        self.ctx.nav.push(ItemDetailScreen(self.ctx, code, self.view))
