"""A map of what is on screen and where, for the touch suite (tests/touch/); off by default.

With ``MASHANGBAN_SCREEN_MAP=/some/file.json`` in the environment, ``mashangban run``
writes that file each time it receives SIGUSR1: the window's and the screen's
geometry, the focused widget, and every visible button, label, text field and
on-screen keyboard key with its screen rectangle; for buttons and labels also what
their text needs against the room they give it (``need``, ``room``, ``fits``: the
accessibility audit's clipping check); while the window's overlay ("Still there?") is
up, what lies under it is marked ``covered``. A test finds where to tap from it
and then taps with real pointer events; nothing here clicks or types.

Personal data stays out of the file: text fields give only their length and a
SHA-256 of their text (a test compares it with the digest of what it typed), and
the file is written owner-only. Labels and buttons give their text (the screens
show personal data masked; this is a test aid, never enabled on a kiosk).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import signal
from pathlib import Path
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import QObject, QPoint, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtQuick import QQuickItem
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

log = logging.getLogger(__name__)

ENV = "MASHANGBAN_SCREEN_MAP"


def _rect(widget: QWidget) -> list[int]:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def _visible_rect(widget: QWidget) -> list[int] | None:
    """The part of ``widget`` not clipped by its ancestors (scroll areas), on screen."""
    region = widget.visibleRegion()
    if region.isEmpty():
        return None
    box = region.boundingRect()
    top_left = widget.mapToGlobal(box.topLeft())
    return [top_left.x(), top_left.y(), box.width(), box.height()]


def _in_scroll_area(widget: QWidget) -> bool:
    """Whether ``widget`` sits in a scroll area's viewport (it may be scrolled out of view)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def _box(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def _digest(text: str) -> dict[str, Any]:
    return {"text_len": len(text), "text_sha256": hashlib.sha256(text.encode()).hexdigest()}


def _button_fit(button: QAbstractButton) -> dict[str, Any]:
    """What the button's text, icon and padding need (its style's size hint) against
    its size: ``fits`` is False when the words would be cut."""
    if not button.text():
        return {}
    hint = button.sizeHint()
    metrics = QFontMetrics(button.font())
    need = [
        max(hint.width(), metrics.horizontalAdvance(button.text())),
        metrics.height() * max(1, button.text().count("\n") + 1),
    ]
    room = [button.width(), button.height()]
    return {"need": need, "room": room, "fits": need[0] <= room[0] and need[1] <= room[1]}


def _label_fit(label: QLabel) -> dict[str, Any]:
    """What the label's text needs against its contents rectangle: for a wrapping label
    the height it needs at its width, else its one-line size (rich text included)."""
    if not label.text():
        return {}
    box = label.contentsRect()
    margin = label.margin() * 2
    room = [box.width() - margin, box.height() - margin]
    if label.wordWrap():
        need = [room[0], label.heightForWidth(label.width()) - (label.height() - room[1])]
    elif label.textFormat() == Qt.TextFormat.PlainText or not QtGui.Qt.mightBeRichText(
        label.text()
    ):
        metrics = QFontMetrics(label.font())
        lines = label.text().split("\n")
        need = [max(metrics.horizontalAdvance(line) for line in lines), metrics.height()]
        need[1] *= len(lines)
    else:
        hint = label.sizeHint()
        need = [hint.width() - margin, hint.height() - margin]
    fits = need[0] <= room[0] + 1 and need[1] <= room[1] + 2
    return {"need": need, "room": room, "fits": fits}


def _widget_entry(widget: QWidget) -> dict[str, Any] | None:
    visible = _visible_rect(widget)
    if visible is None:
        return None
    entry: dict[str, Any] = {
        "kind": type(widget).__name__,
        "name": widget.objectName(),
        "rect": _rect(widget),
        "visible_rect": visible,
        "enabled": widget.isEnabled(),
        "focus": widget.hasFocus(),
        "scrolled": _in_scroll_area(widget),
    }
    if isinstance(widget, QAbstractButton):
        entry["role"] = "button"
        entry["text"] = widget.text()
        entry["checked"] = widget.isChecked()
        entry["checkable"] = widget.isCheckable()
        entry.update(_button_fit(widget))
    elif isinstance(widget, QLabel):
        entry["role"] = "label"
        entry["text"] = widget.text()
        entry["pixmap"] = widget.pixmap() is not None and not widget.pixmap().isNull()
        entry.update(_label_fit(widget))
    elif isinstance(widget, QLineEdit):
        entry["role"] = "field"
        entry["placeholder"] = widget.placeholderText()
        entry["input_method"] = widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
        entry.update(_digest(widget.text()))
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        entry["role"] = "field"
        entry["placeholder"] = widget.placeholderText()
        entry["input_method"] = widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
        entry.update(_digest(widget.toPlainText()))
    elif isinstance(widget, QScrollArea):
        entry["role"] = "scroll"
        bar = widget.verticalScrollBar()
        entry["scroll"] = [bar.value(), bar.maximum()]
    elif isinstance(widget, QQuickWidget):
        entry["role"] = "quick"
    else:
        return None
    return entry


def _item_visible(item: QQuickItem) -> bool:
    while item is not None:
        if not item.isVisible() or item.opacity() <= 0.0:
            return False
        item = item.parentItem()
    return True


def _first_text(item: QQuickItem) -> str:
    for child in item.childItems():
        if child.metaObject().className().startswith("QQuickText"):
            return str(child.property("text") or "")
        found = _first_text(child)
        if found:
            return found
    return ""


def _plain(text: str) -> str:
    """A candidate's label without the markup the style adds (an underlined completion)."""
    return re.sub(r"<[^>]*>", "", text)


def _quick_keys(view: QQuickWidget) -> list[dict[str, Any]]:
    """The keyboard's keys and word candidates, with their screen rectangles."""
    root = view.rootObject()
    if root is None:
        return []
    origin = view.mapToGlobal(QPoint(0, 0))
    bounds = [origin.x(), origin.y(), view.width(), view.height()]
    found: list[dict[str, Any]] = []

    def walk(item: QQuickItem) -> None:
        for child in item.childItems():
            walk(child)
        meta = item.metaObject()
        names = {meta.property(i).name() for i in range(meta.propertyCount())}
        if "key" in names and "displayText" in names and "keyType" in names:
            kind, text = "key", str(item.property("displayText") or item.property("text") or "")
        elif meta.className().startswith("SelectionListItem"):
            kind, text = "candidate", _plain(_first_text(item))
        else:
            return
        if not _item_visible(item) or item.width() <= 0 or item.height() <= 0:
            return
        top_left = item.mapToScene(QPointF(0, 0))
        x, y = origin.x() + round(top_left.x()), origin.y() + round(top_left.y())
        w, h = round(item.width()), round(item.height())
        inside = x + w > bounds[0] and y + h > bounds[1] and x < bounds[0] + bounds[2]
        if not inside or y >= bounds[1] + bounds[3]:
            return
        entry: dict[str, Any] = {"kind": kind, "text": text, "rect": [x, y, w, h]}
        entry["class"] = meta.className()
        entry["enabled"] = bool(item.isEnabled())
        if kind == "key":
            entry["key"] = int(item.property("key") or 0)
        found.append(entry)

    walk(root)
    return found


def screen_map(window: QWidget) -> dict[str, Any]:
    """What is on screen now (see the module's docstring)."""
    app = QApplication.instance()
    focus = app.focusWidget() if isinstance(app, QApplication) else None
    handle = window.windowHandle()
    screen = handle.screen() if handle is not None else QGuiApplication.primaryScreen()
    widgets = [window, *window.findChildren(QWidget)]
    overlay = getattr(window, "overlay", None)  # "Still there?", "Leave?": over everything
    modal = overlay if isinstance(overlay, QWidget) and overlay.isVisible() else None
    entries = []
    for widget in widgets:
        entry = _widget_entry(widget) if widget.isVisible() else None
        if entry is None:
            continue
        if modal is not None and widget is not modal and not modal.isAncestorOf(widget):
            entry["covered"] = True  # dimmed under the overlay, out of reach
        entries.append(entry)
    keyboard = getattr(window, "keyboard", None)
    view = getattr(keyboard, "view", None)
    quick = _quick_keys(view) if isinstance(view, QQuickWidget) and view.isVisible() else []
    frame = window.frameGeometry()
    current = getattr(window, "current", None)
    return {
        "platform": QGuiApplication.platformName(),
        "window": {
            "rect": [frame.x(), frame.y(), frame.width(), frame.height()],
            "full_screen": window.isFullScreen(),
            "active": window.isActiveWindow(),
            "flags": int(window.windowFlags().value),
        },
        "screen": _box(screen.geometry()) if screen is not None else None,
        "screen_class": type(current()).__name__ if callable(current) else "",
        "focus": {"kind": type(focus).__name__, "name": focus.objectName()} if focus else None,
        "keyboard": {
            "visible": bool(keyboard is not None and keyboard.isVisible()),
            "rect": _rect(keyboard) if keyboard is not None and keyboard.isVisible() else None,
            "input_method_visible": QGuiApplication.inputMethod().isVisible(),
        },
        "widgets": entries,
        "keys": quick,
    }


class ScreenMapWriter(QObject):
    """Writes the map to ``path`` on SIGUSR1 (atomically; ``seq`` counts the writes)."""

    def __init__(self, window: QWidget, path: Path) -> None:
        super().__init__(window)
        self._window = window
        self._path = path
        self._seq = 0

    def install(self) -> None:
        signal.signal(signal.SIGUSR1, lambda _n, _f: QTimer.singleShot(0, self, self.write))
        self._dump({"seq": 0})  # the handler is in place: a test may ask from now on
        log.info("screen map enabled (tests only)")

    def write(self) -> None:
        self._seq += 1
        try:
            data = screen_map(self._window)
        except Exception as exc:  # the map is a test aid: it never stops the kiosk
            data = {"error": f"{type(exc).__name__}: {exc}"}
        data["seq"] = self._seq
        self._dump(data)

    def _dump(self, data: dict[str, Any]) -> None:
        temp = self._path.with_name(self._path.name + ".tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(temp, self._path)


def install_from_env(window: QWidget) -> ScreenMapWriter | None:
    """The writer when ``MASHANGBAN_SCREEN_MAP`` names a file, else None (a kiosk)."""
    target = os.environ.get(ENV, "").strip()
    if not target:
        return None
    writer = ScreenMapWriter(window, Path(target))
    writer.install()
    return writer
