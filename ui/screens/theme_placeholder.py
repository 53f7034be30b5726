"""A life-event theme, until the service-item screens arrive: says so plainly
and offers what the terminal can already do."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from ui.context import KioskContext
from ui.screens.base import Screen
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label


class ThemePlaceholderScreen(Screen):
    """Names the theme and points to the counter or an appeal."""

    def __init__(self, ctx: KioskContext, theme_code: str) -> None:
        super().__init__(ctx)
        self.node = next((t for t in ctx.catalog.themes if t.code == theme_code), None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.setSpacing(28)
        self.heading = label("", "title")
        self.message = label("", "")
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.appeal = touch_button("", "secondary", "chat")
        self.home = touch_button("", "primary", "home")
        row.addWidget(self.appeal, 1)
        row.addWidget(self.home, 1)
        layout.addLayout(row)
        self.appeal.clicked.connect(self._appeal)
        self.home.clicked.connect(lambda: ctx.nav.go_home())
        self.retranslate()

    def title(self) -> str:
        return self.node.name.get(self.ctx.locale) if self.node else ""

    def instruction(self) -> str:
        return self.tr("These services are not yet available on this terminal.")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.message.setText(
            self.tr(
                "These services are not yet available on this terminal. "
                "Please ask at the service counter; the staff will be glad to help."
            )
        )
        self.appeal.setText(self.tr("File an appeal instead"))
        self.home.setText(self.tr("Back to home"))

    def _appeal(self) -> None:
        from ui.screens.appeal.wizard import AppealWizard

        self.ctx.nav.replace(AppealWizard(self.ctx))
