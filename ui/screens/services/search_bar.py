"""The search bar on Home and the theme screens: one big tap opens the search screen."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from ui.context import KioskContext
from ui.widgets.buttons import touch_button


def search_bar(ctx: KioskContext) -> QPushButton:
    """A wide button that looks like a search box; the caller sets its text."""
    button = touch_button("", "choice", "search")
    button.setObjectName("SearchBar")

    def open_search() -> None:
        from ui.screens.services.search import SearchScreen

        ctx.nav.push(SearchScreen(ctx))

    button.clicked.connect(open_search)
    return button
