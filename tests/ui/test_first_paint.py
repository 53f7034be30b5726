"""FirstPaint: work queued before a widget is painted runs only after that paint."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QLabel

import ui.first_paint as first_paint_module
from ui.first_paint import FirstPaint


def test_callbacks_wait_for_the_first_paint(qtbot: Any) -> None:
    widget = QLabel("首页")
    qtbot.addWidget(widget)
    calls: list[str] = []
    waiter = FirstPaint(widget)
    waiter.then(lambda: calls.append("soon"))
    waiter.then(lambda: calls.append("later"), delay_ms=200)
    QApplication.processEvents()
    assert calls == [] and not waiter.done  # nothing until it is painted
    widget.show()
    qtbot.waitUntil(lambda: calls == ["soon"], timeout=2000)
    assert waiter.done
    qtbot.waitUntil(lambda: calls == ["soon", "later"], timeout=2000)
    waiter.then(lambda: calls.append("after"))  # already painted: runs at once (queued)
    qtbot.waitUntil(lambda: calls[-1] == "after", timeout=2000)
    assert calls == ["soon", "later", "after"]


def test_a_widget_never_painted_still_gets_its_work(qtbot: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(first_paint_module, "FALLBACK_MS", 100)
    widget = QLabel("hidden")
    qtbot.addWidget(widget)
    calls: list[str] = []
    FirstPaint(widget).then(lambda: calls.append("ran"))
    qtbot.waitUntil(lambda: calls == ["ran"], timeout=2000)


def test_a_paint_then_the_fallback_runs_each_callback_once(qtbot: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(first_paint_module, "FALLBACK_MS", 150)
    widget = QLabel("首页")
    qtbot.addWidget(widget)
    calls: list[str] = []
    FirstPaint(widget).then(lambda: calls.append("ran"))
    widget.show()
    qtbot.waitUntil(lambda: calls == ["ran"], timeout=2000)
    qtbot.wait(300)  # past the fallback
    assert calls == ["ran"]
