"""Home: the big "File an appeal" button, progress lookup, rating, a search bar for
service items and the catalog's life-event themes. Elderly mode, language and voice
are in the top bar. A catalog installed by sync replaces the theme tiles at once
(Home holds nothing the citizen entered)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.catalog_view import CatalogView
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.screens.services.search_bar import search_bar
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label
from ui.widgets.scrolling import KineticScrollArea


class HomeScreen(Screen):
    """The screen every session starts from and returns to."""

    idle_exempt = True

    def __init__(self, ctx: KioskContext) -> None:
        super().__init__(ctx)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 28, 40, 28)
        outer.setSpacing(24)
        self.greeting = label("", "title")
        outer.addWidget(self.greeting)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(32)
        outer.addLayout(self.body, 1)

        tasks = QVBoxLayout()
        tasks.setSpacing(24)
        self.appeal = touch_button("", "primary", "chat")
        self.appeal.setMinimumHeight(220)
        self.appeal_hint = label("", "muted")
        row = QHBoxLayout()
        row.setSpacing(24)
        self.lookup = touch_button("", "tile", "search")
        self.rating = touch_button("", "tile", "star")
        row.addWidget(self.lookup)
        row.addWidget(self.rating)
        tasks.addWidget(self.appeal, 3)
        tasks.addWidget(self.appeal_hint)
        tasks.addLayout(row, 2)
        self.body.addLayout(tasks, 1)

        themes = QVBoxLayout()
        themes.setSpacing(16)
        self.themes_heading = label("", "heading")
        themes.addWidget(self.themes_heading)
        self.search = search_bar(ctx)
        themes.addWidget(self.search)
        grid_page = QWidget()
        grid_page.setObjectName("Page")
        self.theme_grid = QGridLayout(grid_page)
        self.theme_grid.setSpacing(16)
        self.theme_grid.setContentsMargins(0, 0, 12, 0)
        themes.addWidget(KineticScrollArea(grid_page), 1)
        self.body.addLayout(themes, 1)
        self.theme_buttons: dict[str, QPushButton] = {}
        self._catalog: CatalogView | None = None  # the one the theme tiles were built from
        self._build_themes()
        ctx.catalogs.replaced.connect(self._build_themes)

        self.appeal.clicked.connect(self._open_appeal)
        self.lookup.clicked.connect(self._open_lookup)
        self.rating.clicked.connect(self._open_rating)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Mashangban self-service")

    def instruction(self) -> str:
        return self.tr("Tap the big blue button to tell us about a problem.")

    def retranslate(self) -> None:
        self.greeting.setText(self.tr("Hello! What would you like to do today?"))
        self.appeal.setText(self.tr("File an appeal"))
        self.appeal_hint.setText(
            self.tr("Report a problem or make a suggestion: roads, noise, pensions, anything.")
        )
        self.lookup.setText(self.tr("Check progress"))
        self.rating.setText(self.tr("Rate our service"))
        self.themes_heading.setText(self.tr("Services for life events"))
        self.search.setText(self.tr("Search services, e.g. type sb for 社保"))
        locale = self.ctx.locale
        for theme in self.ctx.catalog.themes:
            if theme.code in self.theme_buttons:
                self.theme_buttons[theme.code].setText(theme.names.get(locale))

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self._place_themes()

    def opened(self) -> None:
        if self._catalog is not self.ctx.catalog:
            self._build_themes()

    def _build_themes(self) -> None:
        """One tile per theme of the catalog in use (again after a new one arrives)."""
        self._catalog = self.ctx.catalog
        for button in self.theme_buttons.values():
            button.setParent(None)
            button.deleteLater()
        self.theme_buttons = {}
        for theme in self.ctx.catalog.themes:
            button = touch_button(theme.names.get(self.ctx.locale), "theme", "tile")
            button.clicked.connect(lambda _=False, code=theme.code: self._open_theme(code))
            self.theme_buttons[theme.code] = button
        self._place_themes()

    def _place_themes(self) -> None:
        columns = 2  # long English names at 1.3× need the width, even in portrait
        for i, button in enumerate(self.theme_buttons.values()):
            self.theme_grid.addWidget(button, i // columns, i % columns)

    def _open_appeal(self) -> None:
        from ui.screens.appeal.wizard import AppealWizard

        self.ctx.nav.push(AppealWizard(self.ctx))

    def _open_lookup(self) -> None:
        from ui.screens.lookup import LookupScreen

        self.ctx.nav.push(LookupScreen(self.ctx))

    def _open_rating(self) -> None:
        from ui.screens.rating import RatingScreen

        self.ctx.nav.push(RatingScreen(self.ctx))

    def _open_theme(self, code: str) -> None:
        from ui.screens.services.theme import ThemeScreen

        self.ctx.nav.push(ThemeScreen(self.ctx, code))
