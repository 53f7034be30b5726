"""The bar at the top of every screen: Back, Home, the title, elderly mode, language, voice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QWidget

from ui.widgets.buttons import touch_button
from ui.widgets.icons import icon
from ui.widgets.labels import label


class TopBar(QWidget):
    """Always visible; its buttons are the same on every screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(16, 10, 16, 10)
        self.grid.setSpacing(12)
        self.back = touch_button("", "bar", "back")
        self.home = touch_button("", "bar", "home")
        self.title = label("", "heading", wrap=True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setMinimumWidth(120)
        self.elderly = touch_button("", "bar", "elderly", checkable=True)
        self.language = touch_button("", "bar", "language")
        self.repeat = touch_button("", "bar", "speaker")
        self.mute = touch_button("", "bar", "mute", checkable=True)
        self.compact = False
        self._place()
        self.retranslate()

    def _place(self) -> None:
        """One row in landscape; in portrait the mode buttons get a row of their own."""
        for widget in (
            self.back,
            self.home,
            self.title,
            self.elderly,
            self.language,
            self.repeat,
            self.mute,
        ):
            self.grid.removeWidget(widget)
        self.grid.addWidget(self.back, 0, 0)
        self.grid.addWidget(self.home, 0, 1)
        self.grid.addWidget(self.title, 0, 2, 1, 1 if self.compact else 2)
        modes = (self.elderly, self.language, self.repeat, self.mute)
        for i, button in enumerate(modes):
            if self.compact:
                self.grid.addWidget(button, 1, i)
            else:
                self.grid.addWidget(button, 0, 4 + i)
        for column in range(8):
            self.grid.setColumnStretch(column, 0)
        self.grid.setColumnStretch(2, 1)

    def retranslate(self) -> None:
        self.back.setText(self.tr("Back"))
        self.home.setText(self.tr("Home"))
        self.elderly.setText(self.tr("Large text"))
        self.repeat.setText(self.tr("Read aloud"))
        muted = self.mute.isChecked()
        self.mute.setText(self.tr("Sound: off") if muted else self.tr("Sound: on"))
        self.mute.setIcon(icon("mute" if muted else "speaker"))

    def show_language(self, locale: str) -> None:
        """The language button names the other language, in that language."""
        self.language.setText("English" if locale == "zh_CN" else "中文")

    def set_compact(self, compact: bool) -> None:
        """Portrait: two rows, so that every button keeps its words at 1080 px."""
        if compact != self.compact:
            self.compact = compact
            self._place()
