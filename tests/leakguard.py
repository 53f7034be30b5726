"""What a test must not leave behind: threads, running QThreads or QTimers, top-level widgets.

``tests/conftest.py`` wraps every test in :func:`guard`. A test that leaks fails at
teardown with a list of what it left, so the next test (on the same xdist worker)
does not inherit a timer firing into a closed store or a window that slows every
later locale change.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# Threads that may outlive a test, by name prefix, each with the reason. None needed so
# far: a session or module fixture's threads start before a test's snapshot (pytest sets
# up wider scopes first) and every other thread ends with its test.
LONG_LIVED_THREADS: dict[str, str] = {}

# How long a thread, QThread or timer that was told to stop may take to finish.
GRACE_S = 3.0

_qt_started: list[weakref.ref[Any]] = []  # QTimers and QThreads started during the test


def _track_qt_starts() -> None:
    """Record every QTimer and QThread started from Python (once per process)."""
    from PySide6.QtCore import QThread, QTimer

    if getattr(QTimer, "_leakguard", False):
        return

    def wrap(cls: Any) -> None:
        original = cls.start

        def start(self: Any, *args: Any, **kwargs: Any) -> Any:
            _qt_started.append(weakref.ref(self))
            return original(self, *args, **kwargs)

        cls.start = start

    wrap(QTimer)
    wrap(QThread)
    QTimer._leakguard = True  # type: ignore[attr-defined]


def _running(obj: Any) -> bool:
    """An active QTimer or a running QThread."""
    return bool(obj.isActive() if hasattr(obj, "isActive") else obj.isRunning())


def _alive(obj: Any, check: Callable[[Any], bool]) -> bool:
    try:
        return check(obj)
    except RuntimeError:  # the C++ object is gone: deleted, so not running
        return False


def _qt_app() -> Any:
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return None
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app if isinstance(app, QApplication) else None  # widgets need a QApplication


def _flush_deletes() -> None:
    """Run pending deleteLater()s, which processEvents() alone leaves queued."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def _top_levels() -> set[int]:
    from PySide6.QtWidgets import QApplication

    return {id(w) for w in QApplication.topLevelWidgets()}


def _describe_widgets(before: set[int], *, dispose: bool) -> list[str]:
    """New top-level widgets; with ``dispose`` they are closed and deleted once named, so
    one leak does not slow or confuse every later test on the worker."""
    from PySide6.QtWidgets import QApplication

    left = []
    for widget in QApplication.topLevelWidgets():
        if id(widget) in before:
            continue
        # Qt's own popups (tooltips, the combo box list) are reused across the process.
        if type(widget).__module__.startswith("PySide6") and widget.isHidden():
            continue
        left.append(f"widget {type(widget).__name__} {widget.objectName()!r}")
        if dispose:
            widget.close()
            widget.deleteLater()
    if left and dispose:
        _flush_deletes()
    return left


def _new_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    return [
        t
        for t in threading.enumerate()
        if t not in before
        and t.is_alive()
        and not any(t.name.startswith(prefix) for prefix in LONG_LIVED_THREADS)
    ]


def _wait(condition: Callable[[], bool], timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        app = _qt_app()
        if app is not None:
            app.processEvents()
        time.sleep(0.02)  # polling a condition with a deadline
    return True


@contextmanager
def guard(grace_s: float = GRACE_S) -> Iterator[list[str]]:
    """Around one test; after it, the list names what the test left behind (what is
    still there ``grace_s`` after the test ended)."""
    _track_qt_starts()
    threads = set(threading.enumerate())
    app = _qt_app()
    widgets = _top_levels() if app is not None else set()
    del _qt_started[:]
    leftovers: list[str] = []
    yield leftovers

    def running_qt() -> list[Any]:
        found = []
        for ref in list(_qt_started):
            obj = ref()
            if obj is None or _owned_by(obj, widgets):
                continue
            if _alive(obj, _running):
                found.append(obj)
        return found

    if _qt_app() is not None:
        _flush_deletes()
    _wait(lambda: not _new_threads(threads) and not running_qt(), grace_s)
    leftovers += [f"thread {t.name!r} (target {_target(t)})" for t in _new_threads(threads)]
    for obj in running_qt():
        kind = "QTimer" if hasattr(obj, "isActive") else "QThread"
        leftovers.append(f"running {kind} {_qt_name(obj)}")
        if kind == "QTimer":
            obj.stop()  # reported once; it must not fire into the next test
    if _qt_app() is not None:
        _flush_deletes()
        leftovers += _describe_widgets(widgets, dispose=True)
    del _qt_started[:]


def _owned_by(obj: Any, widgets: set[int]) -> bool:
    """True when ``obj`` belongs to a window that was there before the test (a window a
    module-scoped fixture shares): its timers are that fixture's business."""
    try:
        root = obj
        while root.parent() is not None:
            root = root.parent()
    except RuntimeError:
        return False
    return root is not obj and id(root) in widgets


def _target(thread: threading.Thread) -> str:
    target = getattr(thread, "_target", None)
    return getattr(target, "__qualname__", repr(target))


def _qt_name(obj: Any) -> str:
    try:
        parent = obj.parent()
        owner = f" of {type(parent).__name__}" if parent is not None else ""
        return f"{obj.objectName()!r}{owner}"
    except RuntimeError:
        return "(deleted)"
