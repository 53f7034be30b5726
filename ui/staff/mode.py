"""Staff mode: who is signed in, the staff band, its own idle timeout, audited actions.

Entered by the corner gesture and a PIN (sign_in.py). While it is on, the
citizen idle timeout is suspended, the band shows who is signed in, and
submissions made with the clerk present are "assisted" (ctx.session.staff_id).
Staff idle timeout (config.staff.idle_timeout_s) or "Exit staff mode" ends it: the
logout is audited and every screen goes back to citizen Home, emptied.

Staff mode is made before the window (ui/kiosk.py) and given what it acts on: the
screens (push, replace, end the session) and the citizen idle timeout (suspend,
resume). The window places `band` under its top bar and sends its corner gesture
to `open_sign_in`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from terminal.audit import actions
from terminal.store.trouble import store_trouble
from ui.lockdown import EXIT_BY_STAFF, Lockdown
from ui.staff.band import StaffBand

if TYPE_CHECKING:
    from terminal.audit.trail import AuditTrail
    from terminal.staff.directory import StaffDirectory
    from ui.context import KioskContext
    from ui.navigation import ScreenHost

log = logging.getLogger(__name__)

_ACTIVITY = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress)


@dataclass(frozen=True)
class StaffSession:
    staff_id: str
    role: str  # clerk | technician


class IdlePolicy(Protocol):
    """The citizen idle timeout, as staff mode needs it (ui/idle.py `IdleWatcher`)."""

    def suspend(self) -> None: ...

    def resume(self) -> None: ...


class StaffMode(QObject):
    """The staff side of one kiosk window."""

    started = Signal(str)
    ended = Signal(str)  # the reason: exit | idle | exit_kiosk

    def __init__(
        self,
        ctx: KioskContext,
        screens: ScreenHost,
        citizen_idle: IdlePolicy,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.screens = screens
        self.citizen_idle = citizen_idle
        self.session: StaffSession | None = None
        self.lockdown: Lockdown | None = None  # set by the launcher in kiosk use
        self._directory: StaffDirectory | None = None
        self.band = StaffBand()
        self.band.hide()
        self.band.screens.clicked.connect(self.show_staff_screens)
        self.band.exit.clicked.connect(lambda: self.end("exit"))
        self.ctx.languages.changed.connect(lambda _locale: self.band.retranslate())
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(self.ctx.core.config.staff.idle_timeout_s * 1000)
        self.idle_timer.timeout.connect(lambda: self.end("idle"))

    @property
    def active(self) -> bool:
        return self.session is not None

    # -- the store side (store lane only) ------------------------------------------
    def directory(self) -> StaffDirectory:
        """The staff directory and its audit trail; call on the store lane."""
        if self._directory is None:
            from terminal.staff.directory import StaffDirectory  # the ORM: after start-up

            self._directory = StaffDirectory.for_core(self.ctx.core)
        return self._directory

    def audit(self) -> AuditTrail:
        return self.directory().audit

    def record(
        self,
        action: str,
        result: str = "ok",
        detail: Mapping[str, Any] | None = None,
        *,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        """Audit a staff action of the signed-in account (store lane)."""
        if self.session is None:
            return
        actor = self.session.staff_id
        self.ctx.ops.run(
            "store", lambda: self.audit().record(actor, action, result, detail), success=then
        )

    # -- entering and leaving --------------------------------------------------------
    def open_sign_in(self) -> None:
        """The gesture: the PIN screen, or the staff screens when already signed in."""
        if self.active:
            self.show_staff_screens()
            return
        from ui.staff.sign_in import SignInScreen

        if not isinstance(self.screens.current(), SignInScreen):
            self.screens.push(SignInScreen(self.ctx, self))

    def begin(self, staff_id: str, role: str) -> None:
        """A successful sign-in (already audited by the directory)."""
        self.session = StaffSession(staff_id, role)
        self.ctx.session.staff_id = staff_id
        self.citizen_idle.suspend()
        self.band.show_session(staff_id)
        self.band.show()
        self.idle_timer.start()
        self._watch_activity(True)
        log.info("staff mode on (%s)", role)
        self.started.emit(staff_id)
        self.show_staff_screens(replace=True)

    def show_staff_screens(self, *, replace: bool = False) -> None:
        from ui.staff.outbox_screen import OutboxScreen

        if not self.active or isinstance(self.screens.current(), OutboxScreen):
            return
        screen = OutboxScreen(self.ctx, self)
        self.screens.replace(screen) if replace else self.screens.push(screen)

    def end(self, reason: str = "exit") -> None:
        """Back to citizen mode: audit the logout, empty every screen, Home."""
        session = self.session
        if session is None:
            return
        self.ctx.ops.run(
            "store",
            lambda: self.audit().record(session.staff_id, actions.LOGOUT, "ok", {"reason": reason}),
            failure=self.ctx.ops.quietly("logout audit"),  # the clerk has gone: no banner
        )
        self.session = None
        self.ctx.session.staff_id = None
        self.idle_timer.stop()
        self._watch_activity(False)
        self.band.hide()
        self.citizen_idle.resume()
        self.screens.end_session()
        log.info("staff mode off (%s)", reason)
        self.ended.emit(reason)

    def exit_kiosk(self) -> None:
        """Technicians only: leave the kiosk application (audited), systemd keeps it down."""
        session = self.session
        if session is None or session.role != "technician":
            return
        lockdown = self.lockdown

        def leave(_: object = None) -> None:
            if lockdown is not None:
                lockdown.authorise_exit()
            QApplication.exit(EXIT_BY_STAFF)

        def not_audited(error: BaseException) -> None:
            # A full or failing disk is just what a technician leaves the kiosk to
            # repair: the exit goes ahead, with the missing record in the log.
            if store_trouble(error) is None:
                self.ctx.ops.fail(error)
                return
            log.error("exit from the kiosk not audited: %s", type(error).__name__)
            leave()

        self.ctx.ops.run(
            "store",
            lambda: self.audit().record(session.staff_id, actions.EXIT_KIOSK, "ok"),
            success=leave,
            failure=not_audited,
        )

    def _watch_activity(self, on: bool) -> None:
        """Any touch or key anywhere restarts the staff idle timer, while signed in.

        Installed at sign-in, so this filter comes first (Qt calls the newest one
        first) and also sees the corner taps the gesture swallows."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            if on:
                app.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.session is not None and event.type() in _ACTIVITY:
            self.idle_timer.start()
        return False

    def close(self) -> None:
        """Stop the staff idle timer and stop watching for activity (at shutdown)."""
        self.idle_timer.stop()
        self._watch_activity(False)
