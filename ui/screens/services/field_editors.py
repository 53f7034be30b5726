"""Editors for typed fields: text (pinyin keyboard), digits (numeric keypad), choices."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLineEdit

from terminal.forms import FieldDefinition, FieldType, FormSession
from ui.screens.services.field_base import FieldEditor
from ui.widgets.choice_list import ChoiceList

#: Field types typed on the numeric keypad, with their length and whether X is a key.
KEYPAD_TYPES = {FieldType.ID_NUMBER: (18, True), FieldType.MOBILE: (11, False)}


class LineEditor(FieldEditor):
    """One line of text; digits-only types switch the pinyin keyboard off."""

    def __init__(self, definition: FieldDefinition, session: FormSession, locale: str) -> None:
        super().__init__(definition, session, locale)
        self.edit = QLineEdit()
        self.uses_keypad = definition.type in KEYPAD_TYPES or definition.type is FieldType.NUMBER
        self.allow_x = KEYPAD_TYPES.get(definition.type, (0, False))[1]
        length = KEYPAD_TYPES.get(definition.type, (definition.max_length or 200, False))[0]
        self.edit.setMaxLength(20 if definition.type is FieldType.NUMBER else length)
        if self.uses_keypad:
            self.edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
            self.edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        if definition.unit:
            self.edit.setPlaceholderText(definition.unit.get(locale))
        self._layout.addWidget(self.edit)
        self.edit.textChanged.connect(lambda text: self.store(text.strip()))
        self.edit.installEventFilter(self)
        self.finish()

    def load(self) -> None:
        raw = self.session.raw_value(self.key)
        self.edit.blockSignals(True)
        self.edit.setText("" if raw is None else str(raw))
        self.edit.blockSignals(False)

    def problem(self, force: bool = False) -> str:
        typed = len(self.edit.text().strip())
        still_typing = 0 < typed < KEYPAD_TYPES.get(self.definition.type, (0, False))[0]
        return "" if still_typing and not force else super().problem(force)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.touched.emit(self)
        return False


class ChoiceEditor(FieldEditor):
    """Large toggle buttons, one column of two; several may be on for multi-choice."""

    def __init__(self, definition: FieldDefinition, session: FormSession, locale: str) -> None:
        super().__init__(definition, session, locale)
        self.multiple = definition.type is FieldType.MULTI_CHOICE
        self.choices = ChoiceList(columns=2, multiple=self.multiple)
        self._layout.addWidget(self.choices)
        self.choices.chosen.connect(self._chosen)
        self.finish()

    def load(self) -> None:
        raw = self.session.raw_value(self.key)
        # Only strings can match a choice's value; anything else was never one of them.
        entered = raw if isinstance(raw, list | tuple) else [raw]
        chosen = {value for value in entered if isinstance(value, str) and value}
        items = [(c.value, c.label.get(self.content_locale)) for c in self.definition.choices]
        self.choices.set_items(items, chosen)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Show every choice without an inner scroll bar (the page scrolls instead);
        # button heights change with elderly mode, so measure them each time.
        super().resizeEvent(event)
        buttons = list(self.choices.buttons.values())
        if buttons:
            # Two columns when the longest choice fits in half the width, else one.
            widest = max(b.sizeHint().width() for b in buttons)
            columns = 2 if widest * 2 + 40 <= event.size().width() else 1
            self.choices.set_columns(columns)
            rows = (len(buttons) + columns - 1) // columns
            needed = rows * (max(b.sizeHint().height() for b in buttons) + 14) + 4
            if needed != self.choices.minimumHeight():
                self.choices.setMinimumHeight(needed)

    def _chosen(self, _value: str) -> None:
        selected = self.choices.selected()
        self.store(selected if self.multiple else (selected[0] if selected else None))
