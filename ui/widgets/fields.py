"""Labelled input fields with a plain-words message underneath.

`TextField` takes text from the on-screen pinyin keyboard; `DigitField` takes
digits from the `NumericKeypad` only (the input method is off for it, so the
pinyin keyboard stays down). Both run a checker as the citizen types and show
what it says; a checker returns ``(ok, message)`` with ``ok`` None while the
entry is still incomplete.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ui.widgets.labels import label, set_role

Checker = Callable[[str], tuple[bool | None, str]]


class _Field(QWidget):
    """A caption, a line edit and a message line."""

    touched = Signal(object)  # self, when the citizen puts a finger on the field
    changed = Signal()

    def __init__(self, max_length: int, checker: Checker | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.checker = checker
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.caption = label("", "heading")
        self.edit = QLineEdit()
        self.edit.setMaxLength(max_length)
        self.message = label("", "small")
        layout.addWidget(self.caption)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.edit.textChanged.connect(self._on_text)
        self.edit.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and event.type() in (
            QEvent.Type.FocusIn,
            QEvent.Type.MouseButtonPress,
        ):
            self.touched.emit(self)
        return False

    def text(self) -> str:
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def clear(self) -> None:
        self.edit.clear()
        self.message.clear()

    def verdict(self) -> bool | None:
        """True valid, False invalid, None incomplete (or no checker)."""
        if self.checker is None:
            return bool(self.text()) or None
        return self.checker(self.text())[0]

    def recheck(self) -> None:
        self._on_text(self.edit.text())

    def _on_text(self, _text: str) -> None:
        if self.checker is not None:
            ok, message = self.checker(self.text())
            self.message.setText(message)
            set_role(self.message, "error" if ok is False else "ok" if ok else "small")
            self.edit.setProperty("invalid", ok is False)
            self.edit.style().unpolish(self.edit)
            self.edit.style().polish(self.edit)
        self.changed.emit()


class TextField(_Field):
    """Text from the on-screen keyboard (pinyin or English)."""

    def __init__(
        self, max_length: int = 60, checker: Checker | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(max_length, checker, parent)


class DigitField(_Field):
    """Digits (and X where allowed) from the numeric keypad; no pinyin keyboard."""

    def __init__(
        self,
        max_length: int,
        checker: Checker | None = None,
        *,
        allow_x: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(max_length, checker, parent)
        self.allow_x = allow_x
        self.edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.edit.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhNoPredictiveText
        )
