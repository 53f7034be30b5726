"""The bar at the top of every screen: Back, Home, Call staff, the title, elderly mode,
language, voice."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from ui.theme.palette import NORMAL
from ui.widgets.buttons import set_button_icon, touch_button
from ui.widgets.labels import label

TITLE_MIN_PX = 240  # below this the title wraps into too many lines


class TopBar(QWidget):
    """Always visible; its buttons are the same on every screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(16, 10, 16, 10)
        self.grid.setSpacing(12)
        self.modes_grid = QGridLayout()  # portrait only; empty (no space) in landscape
        self.modes_grid.setSpacing(12)
        self.grid.addLayout(self.modes_grid, 1, 0, 1, 9)
        self.back = touch_button("", "bar", "back")
        self.home = touch_button("", "bar", "home")
        # Beside Home, never in the top-right corner (the staff gesture swallows taps there).
        self.help = touch_button("", "bar", "bell")
        self.help.setObjectName("CallStaff")
        self.title = label("", "heading", wrap=True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setMinimumWidth(120)
        self.elderly = touch_button("", "bar", "elderly", checkable=True)
        self.language = touch_button("", "bar", "language")
        self.repeat = touch_button("", "bar", "speaker")
        self.mute = touch_button("", "bar", "mute", checkable=True)
        self.compact = False
        self.portrait = False
        self.per_row = 4
        self.palette_now = NORMAL  # the window's theme sets it; icons follow it
        self.voice_available = True
        self._place()
        self.retranslate()

    def _place(self) -> None:
        """One row in landscape; in portrait the mode buttons get a row (or two) of their
        own, in a grid of their own so that Back and Home do not set their widths."""
        for widget in (self.back, self.home, self.help, self.title, *self._modes()):
            self.grid.removeWidget(widget)
            self.modes_grid.removeWidget(widget)
        self.grid.addWidget(self.back, 0, 0)
        self.grid.addWidget(self.home, 0, 1)
        self.grid.addWidget(self.help, 0, 2)
        self.grid.addWidget(self.title, 0, 3, 1, 6 if self.compact else 1)
        self.per_row = self._modes_per_row(self.compact)
        for i, button in enumerate(self._modes()):
            if self.compact:
                self.modes_grid.addWidget(button, i // self.per_row, i % self.per_row)
            else:
                self.grid.addWidget(button, 0, 4 + i)
        for column in range(9):
            self.grid.setColumnStretch(column, 0)
        self.grid.setColumnStretch(3, 1)

    def _modes(self) -> tuple[QPushButton, ...]:
        return (self.elderly, self.language, self.repeat, self.mute)

    def _room(self) -> int:
        margins = self.grid.contentsMargins()
        return self.width() - margins.left() - margins.right()

    def _modes_per_row(self, compact: bool) -> int:
        """Portrait: four mode buttons in a row, or two rows of two when their words
        (large text, a longer language) would not fit in one."""
        need = sum(b.sizeHint().width() for b in self._modes()) + 3 * self.modes_grid.spacing()
        return 4 if not compact or self._room() <= 0 or need <= self._room() else 2

    def _one_row_fits(self) -> bool:
        buttons = (self.back, self.home, self.help, *self._modes())
        need = sum(b.sizeHint().width() for b in buttons) + TITLE_MIN_PX
        return self._room() <= 0 or need + 7 * self.grid.spacing() <= self._room()

    def _refit(self) -> None:
        """Two rows in portrait, and in landscape too when one row would clip words."""
        compact = self.portrait or not self._one_row_fits()
        if compact != self.compact or self._modes_per_row(compact) != self.per_row:
            self.compact = compact
            self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:
            self._refit()

    def retranslate(self) -> None:
        self.back.setText(self.tr("Back"))
        self.home.setText(self.tr("Home"))
        self.help.setText(self.tr("Call staff"))
        self.elderly.setText(self.tr("Large text"))
        self.repeat.setText(self.tr("Read aloud"))
        muted = self.mute.isChecked() or not self.voice_available
        if not self.voice_available:  # disabled, and the reason in its words
            self.mute.setText(self.tr("No voice here"))
        else:
            self.mute.setText(self.tr("Sound: off") if muted else self.tr("Sound: on"))
        set_button_icon(self.mute, "mute" if muted else "speaker", self.palette_now)
        self._refit()

    def set_voice_available(self, available: bool) -> None:
        """Without a speech engine “Read aloud” and “Sound” do nothing: they are shown
        disabled, the sound button saying why."""
        self.voice_available = available
        self.repeat.setEnabled(available)
        self.mute.setEnabled(available)
        self.retranslate()

    def show_language(self, locale: str) -> None:
        """The language button names the other language, in that language."""
        self.language.setText("English" if locale == "zh_CN" else "中文")
        self._refit()

    def set_compact(self, portrait: bool) -> None:
        """Portrait: two rows, so that every button keeps its words at 1080 px."""
        self.portrait = portrait
        self._refit()
