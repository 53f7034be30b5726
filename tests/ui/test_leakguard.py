"""The leak guard every test runs in (tests/leakguard.py) names what a test left behind."""

from __future__ import annotations

import threading
from typing import Any

from leakguard import guard
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QWidget


def test_a_thread_still_running_is_named() -> None:
    stop = threading.Event()
    with guard(grace_s=0.1) as leftovers:
        thread = threading.Thread(target=stop.wait, name="left-running")
        thread.start()
    stop.set()
    thread.join(5)
    assert leftovers == ["thread 'left-running' (target Event.wait)"]


def test_a_thread_that_ends_within_the_grace_is_not_a_leak() -> None:
    stop = threading.Event()
    with guard(grace_s=5) as leftovers:
        threading.Thread(target=stop.wait, name="ending").start()
        threading.Timer(0.05, stop.set).start()  # it ends a moment after the test
    assert leftovers == []


def test_a_running_timer_is_named_and_stopped(qapp: Any) -> None:
    with guard(grace_s=0.1) as leftovers:
        timer = QTimer()
        timer.setObjectName("poll")
        timer.start(60_000)
    assert leftovers == ["running QTimer 'poll'"]
    assert not timer.isActive()


def test_a_running_qthread_is_named(qapp: Any) -> None:
    release = threading.Event()

    class Busy(QThread):
        def run(self) -> None:
            release.wait(10)

    with guard(grace_s=0.1) as leftovers:
        worker = Busy()
        worker.setObjectName("busy")
        worker.start()
    release.set()
    assert worker.wait(5000)
    assert leftovers == ["running QThread 'busy'"]


def test_a_top_level_widget_is_named_and_deleted(qapp: Any) -> None:
    with guard(grace_s=0.1) as leftovers:
        widget = QWidget()
        widget.setObjectName("forgotten")
        widget.show()
    assert leftovers == ["widget QWidget 'forgotten'"]
    assert widget not in qapp.topLevelWidgets()


def test_a_window_closed_with_delete_later_is_not_a_leak(qapp: Any) -> None:
    with guard(grace_s=0.1) as leftovers:
        widget = QWidget()
        widget.show()
        widget.close()
        widget.deleteLater()  # processEvents() alone would leave it queued
    assert leftovers == []
