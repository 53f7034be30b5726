"""A scrollable grid of big choice buttons (categories, regions, reasons).

Single choice by default; ``multiple=True`` for the rating's reasons. Items are
``(code, text)``; the list is rebuilt when the language or level changes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QPushButton, QWidget

from ui.widgets.buttons import touch_button
from ui.widgets.scrolling import KineticScrollArea


class ChoiceList(KineticScrollArea):
    """Big checkable buttons in ``columns`` columns."""

    chosen = Signal(str)  # code of the button just tapped

    def __init__(
        self, columns: int = 2, *, multiple: bool = False, parent: QWidget | None = None
    ) -> None:
        self._content = QWidget()
        self._content.setObjectName("Page")
        super().__init__(self._content, parent)
        self._grid = QGridLayout(self._content)
        self._grid.setSpacing(14)
        self._grid.setContentsMargins(0, 0, 12, 0)
        self._columns = columns
        self._multiple = multiple
        self._group = QButtonGroup(self)
        self._group.setExclusive(not multiple)
        self.buttons: dict[str, QPushButton] = {}

    def set_columns(self, columns: int) -> None:
        if columns != self._columns:
            self._columns = columns
            self._relayout()

    def set_items(self, items: list[tuple[str, str]], selected: set[str] | None = None) -> None:
        """Replace the buttons; ``selected`` codes start checked."""
        for button in self.buttons.values():
            self._group.removeButton(button)
            button.setParent(None)
            button.deleteLater()
        self.buttons = {}
        for code, text in items:
            button = touch_button(text, "choice", checkable=True)
            button.clicked.connect(lambda _=False, c=code: self.chosen.emit(c))
            button.setChecked(code in (selected or set()))
            self._group.addButton(button)
            self.buttons[code] = button
        self._relayout()

    def set_texts(self, texts: dict[str, str]) -> None:
        """New captions for existing buttons (after a language change)."""
        for code, text in texts.items():
            if code in self.buttons:
                self.buttons[code].setText(text)

    def selected(self) -> list[str]:
        return [code for code, button in self.buttons.items() if button.isChecked()]

    def clear_selection(self) -> None:
        self._group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self._group.setExclusive(not self._multiple)

    def _relayout(self) -> None:
        for i, button in enumerate(self.buttons.values()):
            self._grid.addWidget(button, i // self._columns, i % self._columns)
        self._grid.setRowStretch(len(self.buttons) // self._columns + 1, 1)
