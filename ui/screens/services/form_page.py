"""One page of a form: the editors of its visible fields, and the keypad when a field
takes digits. Rebuilt whenever relevance changes which fields are visible."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from terminal.forms import FieldDefinition, FieldType, FormSession
from ui.catalog_view import CatalogView
from ui.context import KioskContext
from ui.screens.services.field_base import FieldEditor
from ui.screens.services.field_editors import ChoiceEditor, LineEditor
from ui.screens.services.field_pickers import DateEditor, PhotoEditor, RegionEditor
from ui.widgets.numeric_keypad import NumericKeypad
from ui.widgets.scrolling import KineticScrollArea


def make_editor(
    definition: FieldDefinition,
    session: FormSession,
    ctx: KioskContext,
    view: CatalogView,
    photos: dict[str, bytes],
) -> FieldEditor:
    """The editor for a field's type."""
    locale, kind = ctx.locale, definition.type
    if kind in (FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE):
        return ChoiceEditor(definition, session, locale)
    if kind is FieldType.DATE:
        return DateEditor(definition, session, locale)
    if kind is FieldType.REGION:
        return RegionEditor(definition, session, locale, view)
    if kind is FieldType.ATTACHMENT:
        return PhotoEditor(definition, session, locale, ctx, photos)
    return LineEditor(definition, session, locale)


class FormPage(QWidget):
    """Editors in a column; the numeric keypad beside them (below in portrait)."""

    changed = Signal(str)

    def __init__(
        self,
        fields: tuple[FieldDefinition, ...],
        session: FormSession,
        ctx: KioskContext,
        view: CatalogView,
        photos: dict[str, bytes],
        portrait: bool,
    ) -> None:
        super().__init__()
        self.setObjectName("Page")
        box = QBoxLayout(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight, self
        )
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(28)
        content = QWidget()
        content.setObjectName("Page")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(18)
        self.editors: dict[str, FieldEditor] = {}
        for definition in fields:
            editor = make_editor(definition, session, ctx, view, photos)
            editor.changed.connect(self.changed)
            editor.touched.connect(self._touched)
            column.addWidget(editor)
            self.editors[definition.key] = editor
        column.addStretch(1)
        box.addWidget(KineticScrollArea(content), 3)
        self.keypad = NumericKeypad()
        box.addWidget(self.keypad, 2)
        typed = [e for e in self.editors.values() if getattr(e, "uses_keypad", False)]
        self.keypad.setVisible(bool(typed))
        if typed:
            self._touched(typed[0])

    def _touched(self, editor: object) -> None:
        if getattr(editor, "uses_keypad", False):
            self.keypad.bind(editor.edit, allow_x=editor.allow_x)  # type: ignore[attr-defined]

    def show_problems(self) -> bool:
        """Show every field's problem; True when the page may be left."""
        ok = True
        for editor in self.editors.values():
            editor.refresh(force=True)
            ok = ok and not editor.problem(force=True)
        return ok
