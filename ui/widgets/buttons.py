"""Buttons for fingers: never take keyboard focus, always carry words."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from ui.theme.palette import NORMAL, Palette
from ui.widgets.icons import stateful_icon


def icon_colours(role: str, palette: Palette) -> tuple[str, str, str]:
    """The text colour of a ``role`` button (normal, checked, disabled), as the style
    sheet sets it: an icon is drawn in the colour of the words next to it."""
    disabled = palette.disabled_text
    if role == "primary":
        return palette.primary_text, palette.primary_text, disabled
    if role == "danger":
        return palette.danger, palette.danger, disabled
    if role == "bar":
        return palette.secondary_text, palette.primary_text, disabled
    if role == "choice":  # chosen: light on the primary fill
        return palette.text, palette.primary_text, disabled
    if role == "key":
        return palette.text, palette.text, disabled
    return palette.secondary_text, palette.secondary_text, disabled


def checked_icon_name(button: QPushButton, name: str) -> str:
    """What a checkable choice shows when chosen: a filled star for a star, else a
    check mark (never colour alone: kiosk-ux.md)."""
    if button.property("role") != "choice" or not button.isCheckable():
        return ""
    return "star_on" if name == "star" else "choice_on"


def set_button_icon(button: QPushButton, name: str, palette: Palette = NORMAL) -> None:
    """Give ``button`` the icon ``name`` in its text colours; `recolour_icons` redraws it
    when the theme changes."""
    button.setProperty("icon_name", name)
    role = str(button.property("role") or "secondary")
    checked = checked_icon_name(button, name)
    button.setIcon(stateful_icon(name, *icon_colours(role, palette), checked))


def recolour_icons(root: QWidget, palette: Palette) -> None:
    """Redraw the icons of every button under ``root`` (and ``root`` itself) for ``palette``."""
    buttons = root.findChildren(QPushButton)
    if isinstance(root, QPushButton):
        buttons.append(root)
    for button in buttons:
        name = button.property("icon_name")
        if name:
            set_button_icon(button, str(name), palette)


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
    if role == "choice" and checkable and not icon_name:
        icon_name = "choice"  # an empty ring; a check mark in it when chosen
    if icon_name:
        set_button_icon(button, icon_name)
        size = 56 if role in ("primary", "tile") else 36
        button.setIconSize(QSize(size, size))
    if role in ("primary", "tile", "choice"):
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return button
