"""Buttons for fingers: never take keyboard focus, always carry words."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from ui.widgets.icons import icon

_ICON_COLOURS = {"primary": "#ffffff", "danger": "#a8231b"}


def touch_button(
    text: str = "",
    role: str = "secondary",
    icon_name: str | None = None,
    *,
    checkable: bool = False,
    parent: QWidget | None = None,
) -> QPushButton:
    """A button with a ``role`` for the style sheet; it never steals focus from a field."""
    button = QPushButton(text, parent)
    button.setProperty("role", role)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setCheckable(checkable)
    button.setAutoDefault(False)
    if icon_name:
        button.setIcon(icon(icon_name, _ICON_COLOURS.get(role, "#0b3d91")))
        size = 56 if role in ("primary", "tile") else 36
        button.setIconSize(QSize(size, size))
    if role in ("primary", "tile", "choice"):
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return button
