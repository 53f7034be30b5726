"""A large on-screen keypad for digits, phone numbers, ID and receipt numbers.

It types into whichever `QLineEdit` it is bound to (the field the citizen
last touched) and never takes focus itself. The extra key shows ``X`` for ID
and receipt numbers and is hidden for phone numbers.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from ui.widgets.buttons import touch_button

_ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("X", "0", "⌫"))


class NumericKeypad(QWidget):
    """Digits 0–9, an optional X, backspace and clear."""

    typed = Signal()  # after any key changed the bound field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target: QLineEdit | None = None
        grid = QGridLayout(self)
        grid.setSpacing(12)
        grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, QPushButton] = {}
        for r, row in enumerate(_ROWS):
            for c, key in enumerate(row):
                button = touch_button(key, "key")
                button.clicked.connect(lambda _=False, k=key: self.press(k))
                grid.addWidget(button, r, c)
                self.keys[key] = button
        self.clear_button = touch_button("", "key")
        self.clear_button.clicked.connect(lambda: self.press("clear"))
        grid.addWidget(self.clear_button, len(_ROWS), 0, 1, 3)
        self.retranslate()

    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("Clear all"))
        self.keys["⌫"].setAccessibleName(self.tr("Delete one"))

    def bind(self, field: QLineEdit | None, *, allow_x: bool = False) -> None:
        """Type into ``field`` from now on; show the X key only when it is allowed."""
        self._target = field
        self.keys["X"].setEnabled(allow_x)
        self.keys["X"].setText("X" if allow_x else "")

    @property
    def target(self) -> QLineEdit | None:
        return self._target

    def press(self, key: str) -> None:
        """What a key does; also the way tests type on the keypad."""
        field = self._target
        if field is None:
            return
        text = field.text()
        if key == "⌫":
            field.setText(text[:-1])
        elif key == "clear":
            field.clear()
        elif len(text) < field.maxLength():
            field.setText(text + key)
        field.setCursorPosition(len(field.text()))
        self.typed.emit()
