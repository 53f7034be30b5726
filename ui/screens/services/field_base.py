"""What every form field editor has: a caption, help or a plain message, and the session.

An editor writes what the citizen enters into the `FormSession` at once and shows the
field's first problem in the session's words (live, once the field has been touched,
or for every field when Next is tapped).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from terminal.forms import FieldDefinition, FormSession
from ui.widgets.labels import label, set_role


class FieldEditor(QWidget):
    """Base of the editors; ``changed`` after each entry (relevance may change)."""

    changed = Signal(str)  # the field key
    touched = Signal(object)  # the editor, when a finger lands on its input

    def __init__(self, definition: FieldDefinition, session: FormSession, locale: str) -> None:
        super().__init__()
        self.definition = definition
        self.session = session
        self.content_locale = locale  # not `locale`: that would hide QWidget.locale()
        self.shown_problem = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.caption = label(definition.label.get(locale), "heading")
        self._layout.addWidget(self.caption)
        self.message = label("", "small")

    def finish(self) -> None:
        """Subclasses call this after adding their input widgets."""
        self._layout.addWidget(self.message)
        self.load()
        self.refresh()

    @property
    def key(self) -> str:
        return self.definition.key

    def load(self) -> None:
        """Show the session's current value (on open, and after Back)."""

    def store(self, value: object) -> None:
        self.session.set(self.key, value)
        self.shown_problem = True
        self.refresh()
        self.changed.emit(self.key)

    def problem(self, force: bool = False) -> str:
        """The first problem in plain words; ``force`` even while still typing."""
        problems = self.session.problems(self.key)
        return problems[0].message.get(self.content_locale) if problems else ""

    def refresh(self, force: bool = False) -> None:
        """Show the problem (if the field was touched or ``force``), else the help."""
        self.shown_problem = self.shown_problem or force
        problem = self.problem(force) if self.shown_problem else ""
        if problem:
            self.message.setText(problem)
            set_role(self.message, "error")
        else:
            help_field = self.definition.help
            help_text = help_field.get(self.content_locale) if help_field else ""
            ok = self.shown_problem and self.session.value(self.key) is not None
            done = self.tr("✓ Filled in")  # never a bare mark: words with it
            self.message.setText(done if ok and not help_text else help_text)
            set_role(self.message, "ok" if ok else "small")
        self.message.setVisible(bool(self.message.text()))
