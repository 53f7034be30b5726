"""呼叫工作人员 (Call staff): the top bar's button on every citizen screen.

A tap pushes the calm help screen over the citizen's screen (which stays exactly as
it was: Back returns to it), plays a chime, and records the call in the terminal's
audit trail (actor ``citizen``, detail: the screen's name; nothing about the person).
Sync is kicked: the next cycle sends a heartbeat at once, whose ``help_calls`` carry
the call to central (time and screen; docs/sync.md).

While the help screen is up the citizen idle timeout is held (waiting for staff is
not walking away); `HELP_WAIT_MS` later the session ends as an idle one would. A
clerk who signs in meanwhile answers the call (audited as ``help_answered``), and
the staff band shows it until the help screen is gone.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, QUrl

from terminal.audit import actions
from ui.screens.help import HelpScreen

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.screens.base import Screen

log = logging.getLogger(__name__)

HELP_WAIT_MS = 10 * 60 * 1000  # then the session ends, as after any idle timeout
CHIME = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "chime.wav"
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def _snake(name: str) -> str:
    return _CAMEL.sub("_", name).lower()


def screen_name(screen: Screen) -> str:
    """A short ASCII name of where the citizen is: ``home``, ``appeal_wizard.who``,
    ``application.page2``, ``application.review`` (names code, never content)."""
    name = _snake(type(screen).__name__).removesuffix("_screen") or "screen"
    steps = getattr(screen, "steps", None)
    index = getattr(screen, "index", None)
    if isinstance(steps, list) and isinstance(index, int) and 0 <= index < len(steps):
        step = _snake(type(steps[index]).__name__).removesuffix("_step")
        return f"{name}.{step}"[:64]
    if getattr(screen, "on_review", False):
        return f"{name}.review"
    if isinstance(index, int):
        return f"{name}.page{index + 1}"
    return name[:64]


class HelpDesk(QObject):
    """The window's help calls: at most one waiting at a time."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.waiting: tuple[str, datetime] | None = None  # (screen name, when called)
        self.calls = 0  # taps that made a call (tests)
        self.chimes = 0  # chimes asked for (tests; the sound itself may be absent)
        self._effect: Any = None
        self.wait_timer = QTimer(self)
        self.wait_timer.setSingleShot(True)
        self.wait_timer.setInterval(HELP_WAIT_MS)
        self.wait_timer.timeout.connect(self._waited_too_long)
        window.top_bar.help.clicked.connect(self.call)
        window.stack.currentChanged.connect(self._follow)
        window.staff.started.connect(self._staff_came)
        window.staff.ended.connect(lambda _reason: window.top_bar.help.show())

    @property
    def open(self) -> bool:
        return any(isinstance(s, HelpScreen) for s in self.window.screens)

    def call(self) -> None:
        """The citizen tapped "Call staff"."""
        if self.open:
            return
        where = screen_name(self.window.current())
        now = datetime.now(UTC)
        self.waiting = (where, now)
        self.calls += 1
        self.window.idle.hold(True)
        self.wait_timer.start()
        self.window.push(HelpScreen(self.ctx, now))
        self.chime()
        log.info("a citizen called for staff (%s)", where)
        staff = self.window.staff
        self.ctx.ops.run(
            "store",
            lambda: staff.audit().record(
                actions.CITIZEN, actions.HELP_CALL, "ok", {"screen": where}
            ),
            success=lambda _seq: self.ctx.sync.kick(),  # central hears of it at once
            failure=self.ctx.ops.quietly("help call audit"),
        )

    def chime(self) -> None:
        """A calm chime; silently nothing without QtMultimedia or an audio output."""
        self.chimes += 1
        try:
            if self._effect is None:
                from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

                if not QMediaDevices.audioOutputs():
                    log.info("no audio output: the help chime is silent")
                    return
                self._effect = QSoundEffect(self)
                self._effect.setSource(QUrl.fromLocalFile(str(CHIME)))
                self._effect.setVolume(0.6)
            self._effect.play()
        except Exception:  # sound is a courtesy: the call itself has been made
            log.warning("help chime unavailable", exc_info=True)

    def _follow(self, _index: int = 0) -> None:
        """The help screen went (Back, Home, the session's end): the wait is over."""
        on_help = isinstance(self.window.current(), HelpScreen)
        self.window.top_bar.help.setEnabled(not on_help)
        if self.waiting is not None and not self.open:
            self.waiting = None
            self.wait_timer.stop()
            self.window.idle.hold(False)
            self.window.staff.band.show_help("")

    def _staff_came(self, staff_id: str) -> None:
        """A clerk signed in: the staff band names the waiting call; it is answered."""
        self.window.top_bar.help.hide()  # staff screens are not the citizen's
        if self.waiting is None:
            return
        where, at = self.waiting
        waited = int((datetime.now(UTC) - at).total_seconds())
        self.window.staff.band.show_help(
            self.tr("Call for staff at {time} ({screen})").format(
                time=at.astimezone().strftime("%H:%M"), screen=where
            )
        )
        staff = self.window.staff
        self.ctx.ops.run(
            "store",
            lambda: staff.audit().record(
                staff_id, actions.HELP_ANSWERED, "ok", {"screen": where, "waited_s": waited}
            ),
            failure=self.ctx.ops.quietly("help answered audit"),
        )

    def _waited_too_long(self) -> None:
        if self.open:
            log.info("help call not answered in time: the session ends")
            self.window.end_session()
