"""A scrollable grid of big choice buttons (categories, regions, reasons).

Single choice by default; ``multiple=True`` for the rating's reasons. Items are
``(code, text)``; the list is rebuilt when the language or level changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QPushButton, QScroller, QWidget

from ui.widgets.buttons import touch_button
from ui.widgets.scrolling import KineticScrollArea


class ChoiceList(KineticScrollArea):
    """Big checkable buttons in ``columns`` columns."""

    chosen = Signal(str)  # code of the button just tapped

    def __init__(
        self,
        columns: int = 2,
        *,
        multiple: bool = False,
        scrolls: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """``scrolls=False`` for a list inside a page that scrolls already: it is as tall
        as its buttons (a scroll area in a scroll area hides rows and fights the finger)."""
        self._content = QWidget()
        self._content.setObjectName("Page")
        super().__init__(self._content, parent)
        self._scrolls = scrolls
        if not scrolls:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            QScroller.ungrabGesture(self.viewport())  # the page around it scrolls
            self._content.installEventFilter(self)
        self._grid = QGridLayout(self._content)
        self._grid.setSpacing(14)
        self._grid.setContentsMargins(0, 0, 12, 0)
        self._columns = columns
        self._used_columns = columns
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
            # Often called from one of these buttons' own clicked signal: keep the parent
            # (setParent(None) would hand the button to Python, which could free it while
            # Qt is still inside its click) and let deleteLater remove it afterwards.
            self._group.removeButton(button)
            self._grid.removeWidget(button)
            button.hide()
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

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if not self._scrolls:
            hint.setHeight(self._content.sizeHint().height())
        return hint

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint() if not self._scrolls else super().minimumSizeHint()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._content and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # new texts or a new theme: the height follows
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitting_columns() != self._used_columns:
            self._relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:  # elderly mode: larger words
            self._relayout()

    def _fitting_columns(self) -> int:
        """At most ``columns``, fewer when the longest caption would not fit its column
        (long names, large text, another language): buttons never clip their words."""
        width = self.viewport().width() - self._grid.contentsMargins().right()
        if not self.buttons or width <= 0:
            return self._columns
        need = max(button.sizeHint().width() for button in self.buttons.values())
        spacing = max(0, self._grid.horizontalSpacing())
        for columns in range(self._columns, 1, -1):
            if columns * need + (columns - 1) * spacing <= width:
                return columns
        return 1

    def _relayout(self) -> None:
        columns = self._used_columns = self._fitting_columns()
        # A stretch left from the other column count would make one button's row tall.
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 0)
        for i, button in enumerate(self.buttons.values()):
            self._grid.addWidget(button, i // columns, i % columns)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self._grid.setRowStretch(-(-len(self.buttons) // columns), 1)
        self.updateGeometry()
