"""Showing one tour scene on the running kiosk, for the accessibility audit; off by default.

With ``MASHANGBAN_TOUR_CHANNEL=/some/file.json`` in the environment, ``mashangban run``
reads that file each time it receives SIGUSR2 — ``{"id": 3, "scene": "appeal-4-who"}``
— ends whatever session is on screen as the idle timeout would (staff mode left too),
so the branch defaults return, and plays the scene of ui/tour.py (demo data, fictional
names) on the real window. Then it writes ``FILE.done``: the request's ``id``, the
current screen's class and an ``error`` (the exception) if the scene failed (a request
without a scene is answered with the names of all: ``scenes``); a signal
repeated for the same ``id`` (a test asks again when no answer came) replays nothing.
tests/touch/audit.py then takes an X screenshot and the screen map (ui/screen_map.py).

A test aid like the screen map: never set on a kiosk. The scenes run with the
operations layer synchronous (as in the screenshots), so a scene's submission has
its receipt before the scene goes on.
"""

from __future__ import annotations

import json
import logging
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

ENV = "MASHANGBAN_TOUR_CHANNEL"


def end_everything(window: MainWindow) -> None:
    """Back to a fresh Home with the branch defaults: staff mode left, the session ended."""
    if window.staff.active:
        window.staff.end("tour")
    printer = window.ctx.devices.printer
    if printer is not None and hasattr(printer, "clear"):
        printer.clear()
    window.overlay.hide()
    window.end_session()
    window.idle.restart()


def play(window: MainWindow, name: str) -> None:
    """End the session on screen, then play tour scene ``name`` on ``window``."""
    from ui.tour import SCENES

    end_everything(window)
    ops = window.ctx.ops
    was = ops.synchronous
    ops.synchronous = True
    try:
        SCENES[name](window)
    finally:
        ops.synchronous = was
    for _ in range(3):  # as the screenshots: wrapped heights settle in later passes
        QCoreApplication.processEvents()


class TourChannel(QObject):
    """Plays the scene named in ``path`` on SIGUSR2; answers in ``path.done``."""

    def __init__(self, window: MainWindow, path: Path) -> None:
        super().__init__(window)
        self._window = window
        self._path = path
        self._served: object = None  # the last request's id: a repeated signal replays nothing

    def install(self) -> None:
        signal.signal(signal.SIGUSR2, lambda _n, _f: QTimer.singleShot(0, self, self.serve))
        log.info("tour channel enabled (tests only)")

    def serve(self) -> None:
        answer: dict[str, Any] = {"id": None}
        try:
            request = json.loads(self._path.read_text(encoding="utf-8"))
            answer["id"] = request.get("id")
            answer["scene"] = request.get("scene")
            if request.get("scene") is None:  # which scenes there are
                from ui.tour import SCENES

                answer["scenes"] = list(SCENES)
            elif answer["id"] != self._served:
                self._served = answer["id"]
                play(self._window, str(request["scene"]))
        except Exception as exc:  # a test aid: it never stops the kiosk
            log.warning("tour scene failed: %s", type(exc).__name__, exc_info=True)
            answer["error"] = f"{type(exc).__name__}: {exc}"
        answer["screen_class"] = type(self._window.current()).__name__
        done = self._path.with_name(self._path.name + ".done")
        temp = done.with_name(done.name + ".tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(answer, out, ensure_ascii=False)
        os.replace(temp, done)


def install_from_env(window: MainWindow) -> TourChannel | None:
    """The channel when ``MASHANGBAN_TOUR_CHANNEL`` names a file, else None (a kiosk)."""
    target = os.environ.get(ENV, "").strip()
    if not target:
        return None
    channel = TourChannel(window, Path(target))
    channel.install()
    return channel
