"""Big letter keys a–z for pinyin or initials, with delete and clear.

Easier than a full keyboard for someone who types 社保 as ``sb``; like the numeric
keypad it types into a bound field and never takes focus.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from ui.widgets.buttons import touch_button

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class LetterKeypad(QWidget):
    """a–z in ``columns`` columns, then Delete and Clear."""

    typed = Signal()

    def __init__(self, columns: int = 9, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target: QLineEdit | None = None
        self._grid = QGridLayout(self)
        self._grid.setSpacing(8)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, QPushButton] = {}
        for letter in _LETTERS:
            self.keys[letter] = touch_button(letter, "key")
        self.keys["⌫"] = touch_button("", "key")
        self.keys["clear"] = touch_button("", "key")
        for key, button in self.keys.items():
            button.clicked.connect(lambda _=False, k=key: self.press(k))
        self.set_columns(columns)
        self.retranslate()

    def set_columns(self, columns: int) -> None:
        for i, letter in enumerate(_LETTERS):
            self._grid.addWidget(self.keys[letter], i // columns, i % columns)
        row = (len(_LETTERS) - 1) // columns + 1
        half = max(1, columns // 2)
        self._grid.addWidget(self.keys["⌫"], row, 0, 1, half)
        self._grid.addWidget(self.keys["clear"], row, half, 1, columns - half)

    def retranslate(self) -> None:
        self.keys["⌫"].setText(self.tr("⌫ Delete"))
        self.keys["clear"].setText(self.tr("Clear"))

    def bind(self, field: QLineEdit | None) -> None:
        self._target = field

    def press(self, key: str) -> None:
        """What a key does; also the way tests type."""
        field = self._target
        if field is None:
            return
        if key == "⌫":
            field.setText(field.text()[:-1])
        elif key == "clear":
            field.clear()
        elif len(field.text()) < field.maxLength():
            field.setText(field.text() + key)
        self.typed.emit()
