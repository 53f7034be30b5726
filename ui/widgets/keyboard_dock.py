"""The Qt Virtual Keyboard (pinyin and English) docked at the bottom of the window.

platform-notes.md: with QT_VIRTUALKEYBOARD_DESKTOP_DISABLE=1 and
QT_IM_MODULE=qtvirtualkeyboard (set before the QApplication exists), an
InputPanel in a QQuickWidget types into the focused QLineEdit; the quick
widget itself must never take focus. The dock is hidden until a text field
has focus; digit fields turn the input method off and use the keypad instead.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSizeF, Qt, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

log = logging.getLogger(__name__)

MAX_WIDTH = 1280
LOAD_DELAY_MS = 300
QML = Path(__file__).resolve().parent.parent / "qml" / "keyboard.qml"


class KeyboardDock(QWidget):
    """Shows the pinyin keyboard while a text field has focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        # Made now, before the window is shown, although its QML loads later: a
        # QQuickWidget added to a shown window makes Qt recreate the native window on
        # xcb (the kiosk would vanish and come back ~0.3 s after Home appeared).
        self.view: QQuickWidget = self._make_view()
        self._locale = "zh_CN"
        self.loaded = False
        self.setVisible(False)

    def _make_view(self) -> QQuickWidget:
        view = QQuickWidget()
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        view.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        view.setClearColor(Qt.GlobalColor.transparent)
        # The panel's height follows its width; capped so the screen keeps room above.
        view.setMaximumWidth(MAX_WIDTH)
        self._layout.addWidget(view)
        view.installEventFilter(self)  # its resizes and showings size the root (_fit_root)
        return view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            QTimer.singleShot(0, self, self._fit_root)  # after Qt's own handling of it
        return False

    def load_soon(self, delay_ms: int = LOAD_DELAY_MS) -> None:
        """Load once the window is up and painted: Home needs no keyboard, start-up
        stays quick, and the QML (34–68 ms, more on a busy CPU) is ready well before
        a citizen can reach a text field (two taps away)."""
        QTimer.singleShot(delay_ms, self.load)

    def load(self) -> None:
        if self.loaded:
            return
        self.view.setSource(QUrl.fromLocalFile(str(QML)))
        root = self.view.rootObject()
        if root is None:
            errors = "; ".join(e.toString() for e in self.view.errors())
            log.error("on-screen keyboard unavailable: %s", errors or "no root object")
            return
        self.loaded = True
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        root.activeChanged.connect(self._sync)  # type: ignore[attr-defined]
        root.panelHeightChanged.connect(self._sync)  # type: ignore[attr-defined]
        self.set_locale(self._locale)
        self._sync()

    @property
    def active(self) -> bool:
        root = self.view.rootObject()
        return bool(root is not None and root.property("active"))

    def evaluate(self, expression: str) -> object:
        """A QML expression evaluated in the loaded keyboard's context: the probes
        (tests/ui/keyboard_probe.py, build/bundle_probe.py) drive the pinyin engine with
        ``inputContext.inputEngine.virtualKeyClick(...)`` this way."""
        from PySide6.QtQml import QQmlExpression

        if self.view.rootObject() is None:
            raise RuntimeError("the keyboard is not loaded")
        evaluated = QQmlExpression(self.view.rootContext(), self.view.rootObject(), expression)
        value, _undefined = evaluated.evaluate()
        if evaluated.hasError():
            raise RuntimeError(evaluated.error().toString())
        return value

    def set_locale(self, locale: str) -> None:
        """The keyboard's language (kept until the keyboard is loaded)."""
        self._locale = locale
        root = self.view.rootObject()
        if root is not None:
            root.setProperty("locale", "zh_CN" if locale == "zh_CN" else "en_US")

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A text field taking focus asks for the keyboard; anything else puts it away."""
        wants = (
            isinstance(new, QLineEdit | QPlainTextEdit)
            and new.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
            and not (isinstance(new, QLineEdit) and new.isReadOnly())
        )
        method = QGuiApplication.inputMethod()
        method.show() if wants else method.hide()

    def _sync(self) -> None:
        root = self.view.rootObject()
        if root is None:
            return
        height = int(root.property("panelHeight") or 0)
        self.view.setFixedHeight(max(1, height))
        active = bool(root.property("active"))
        self.setVisible(active)
        if active:
            self._fit_root()

    def _fit_root(self) -> None:
        """The root item as large as the view, and a frame asked for.

        SizeRootObjectToView alone did not do it on the first showing: the view is
        resized while the dock is still hidden, and the root kept its old 1-px height
        until some later event (a hardware key) resized it again (keyboard.qml)."""
        root = self.view.rootObject()
        if root is None:
            return
        size = QSizeF(self.view.size())
        if root.size() != size:
            root.setSize(size)
        self.view.update()
