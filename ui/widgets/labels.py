"""Labels with a style role; long text wraps rather than clips."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def label(
    text: str = "", role: str = "", *, wrap: bool = True, parent: QWidget | None = None
) -> QLabel:
    """A QLabel with ``role`` (title, heading, muted, small, error, ok, number, notice, banner)."""
    widget = QLabel(text, parent)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def set_role(widget: QWidget, role: str) -> None:
    """Change a widget's style role and re-apply the style sheet to it."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def show_text(widget: QLabel, text: str) -> None:
    """Set a line's words, and show it only while it has some."""
    widget.setText(text)
    widget.setVisible(bool(text))
