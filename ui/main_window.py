"""The kiosk window: top bar, the navigation stack of screens, the on-screen keyboard,
the status strip; idle timeout, elderly mode, language, voice and the crash path.

Built by `ui.kiosk.build_kiosk`, which makes the idle watcher and staff mode first and
hands them in; screens reach the window only as the context's `nav`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ui.context import KioskContext
from ui.crash import CrashGuard
from ui.elderly_offer import ElderlyOffer
from ui.first_paint import FirstPaint
from ui.help_call import HelpDesk
from ui.idle import IdleWatcher
from ui.screens.base import Screen
from ui.session_reset import ends_session, restore_defaults
from ui.staff.gesture import CornerTapGesture
from ui.status_feed import StatusFeed
from ui.theme import apply_spacing
from ui.widgets.buttons import recolour_icons
from ui.widgets.demo_band import DemoBand
from ui.widgets.overlay import Overlay
from ui.widgets.repair_notice import RepairNotice
from ui.widgets.status_strip import StatusStrip
from ui.widgets.top_bar import TopBar
from ui.widgets.trouble_banner import TroubleBanner

log = logging.getLogger(__name__)


if TYPE_CHECKING:
    from ui.staff.mode import StaffMode


def in_demo(ctx: KioskContext) -> bool:
    """The terminal runs the embedded demo: its identity is the demo's."""
    identity = ctx.core.identity
    return identity is not None and identity.demo


class MainWindow(QMainWindow):
    """Frameless in kiosk use; the stack's bottom is always the Home screen.

    ``idle`` is the citizen idle timeout (staff mode suspends it); the window shows
    ``staff.band`` under the top bar and sends its corner gesture to ``staff``."""

    def __init__(
        self,
        ctx: KioskContext,
        idle: IdleWatcher,
        staff: StaffMode,
        keyboard: QWidget | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.staff = staff
        self.setWindowTitle("马上办")
        body = QWidget()
        body.setObjectName("KioskBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.top_bar = TopBar()
        self.stack = QStackedWidget()
        self.strip = StatusStrip()
        self.strip.set_branch(ctx.core.config.terminal.branch_name)
        self.keyboard = keyboard
        self._keyboard_scheduled = False
        column.addWidget(self.top_bar)
        column.addWidget(staff.band)  # hidden until a clerk signs in
        self.demo_band = DemoBand(lambda: in_demo(ctx))  # not enrolled: nothing forwarded
        column.addWidget(self.demo_band)
        self.repair_notice = RepairNotice(ctx.core.store.events)  # staff: store repaired
        column.addWidget(self.repair_notice)
        self.trouble = TroubleBanner(ctx.voice.say)  # store locked, disk full: calm words
        column.addWidget(self.trouble)
        column.addWidget(self.stack, 1)
        if keyboard is not None:
            column.addWidget(keyboard)
        column.addWidget(self.strip)
        self.setCentralWidget(body)
        # Turning the panel to portrait must not be refused because of the landscape
        # layout's minimum width: the layout turns compact in resizeEvent, just after.
        window_layout = self.layout()  # a QMainWindow always has one; typed QLayout | None
        if window_layout is not None:
            window_layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.overlay = Overlay(self)
        self._overlay_purpose = ""
        self.overlay.primary.clicked.connect(self._overlay_primary)
        self.overlay.secondary.clicked.connect(self._overlay_secondary)
        self.screens: list[Screen] = []
        self.portrait = False

        self.idle = idle
        idle.setParent(self)
        self.idle.idle.connect(self._ask_still_there)
        self.idle.tick.connect(self._countdown_tick)
        self.idle.expired.connect(self.end_session)
        self.gesture = CornerTapGesture(self)  # the hidden way into staff mode
        self.gesture.triggered.connect(staff.open_sign_in)
        self.crash_guard = CrashGuard(self)
        self.crash_guard.crashed.connect(self._show_crash)
        ctx.ops.unhandled.connect(self.crash_guard.handle)
        ctx.ops.trouble.connect(self.trouble.show_trouble)
        ctx.languages.changed.connect(self.trouble.retranslate)
        self.stack.currentChanged.connect(self.trouble.clear)
        self.feed = StatusFeed(ctx, self.strip, self)

        bar = self.top_bar
        bar.back.clicked.connect(self.back)
        bar.home.clicked.connect(self._home_tapped)
        bar.elderly.toggled.connect(self.set_elderly)
        bar.language.clicked.connect(self._toggle_language)
        bar.repeat.clicked.connect(self.speak_guidance)
        bar.mute.toggled.connect(self._mute_toggled)
        bar.mute.setChecked(ctx.voice.muted)
        bar.set_voice_available(ctx.voice.available)  # no engine: disabled, with the reason
        ctx.voice.available_changed.connect(bar.set_voice_available)
        ctx.languages.changed.connect(self._language_changed)
        ctx.voice.set_locale(ctx.locale)
        bar.show_language(ctx.languages.locale)
        self.apply_theme()

        from ui.screens.home import HomeScreen

        self.home = HomeScreen(ctx)
        self.first_paint = FirstPaint(self.home)  # what waits for Home to be on screen
        self._add(self.home)
        self._show_current()
        self.help_desk = HelpDesk(self)  # "Call staff" in the top bar (ui/help_call.py)
        self.elderly_offer = ElderlyOffer(self)  # a card read says 60 or older
        if ctx.core.config.ui.large_text:  # the branch's default for every session
            self.set_elderly(True)
        self.feed.start()

    # navigation -----------------------------------------------------------
    def current(self) -> Screen:
        return self.screens[-1]

    def push(self, screen: Screen) -> None:
        """Open ``screen`` on top; Back returns to what is underneath, unchanged."""
        self._add(screen)
        self._show_current()

    def replace(self, screen: Screen) -> None:
        """Open ``screen`` in place of the current one (which is destroyed)."""
        old = self.screens.pop() if len(self.screens) > 1 else None
        self._add(screen)
        if old is not None:
            self._destroy(old)
        self._show_current()

    def back(self) -> None:
        if self.overlay.isVisible():
            return
        if self.current().handle_back():
            self._refresh_bar()
            return
        if len(self.screens) > 1:
            self._destroy(self.screens.pop())
            self._show_current()

    def go_home(self, *, discard: bool = True) -> None:
        """Back to Home; every other screen (and what it holds) is destroyed. After a
        submission that ends the session: the branch defaults return (ui/session_reset.py)."""
        ended = ends_session(self.screens)
        while len(self.screens) > 1:
            screen = self.screens.pop()
            if discard:
                screen.discard()
            self._destroy(screen)
        self.overlay.hide()
        self._show_current()
        if ended:
            restore_defaults(self)

    def end_session(self) -> None:
        """The idle countdown ran out: discard everything the citizen entered."""
        log.info("session ended by the idle timeout")
        self.ctx.voice.stop()
        self.go_home(discard=True)
        self.home.discard()
        restore_defaults(self)

    def _add(self, screen: Screen) -> None:
        screen.set_portrait(self.portrait)
        recolour_icons(screen, self.ctx.theme.palette)
        screen.guidance_changed.connect(self._guidance_changed)
        self.screens.append(screen)
        self.stack.addWidget(screen)

    def _destroy(self, screen: Screen) -> None:
        self.stack.removeWidget(screen)  # hidden, still parented: Qt deletes it later
        screen.deleteLater()

    def _show_current(self) -> None:
        screen = self.current()
        self.stack.setCurrentWidget(screen)
        self.repair_notice.follow(len(self.screens) == 1)
        self.demo_band.follow()
        citizen = not screen.idle_exempt or len(self.screens) > 1
        self.idle.set_enabled(citizen)  # staff mode may have suspended it meanwhile
        screen.opened()
        self.feed.refresh_queue()
        if screen.objectName() == "Screen" and hasattr(screen, "receipt"):
            self.ctx.sync.kick()  # a receipt means a new submission: send it now if online
        self._refresh_bar()
        self.speak_guidance()

    def _refresh_bar(self) -> None:
        screen = self.current()
        self.top_bar.title.setText(screen.title())
        self.top_bar.back.setEnabled(len(self.screens) > 1)
        self.top_bar.home.setEnabled(len(self.screens) > 1)

    def _guidance_changed(self) -> None:
        if self.sender() is self.current():
            self._refresh_bar()
            self.speak_guidance()

    def speak_guidance(self) -> None:
        screen = self.current()
        parts = [p for p in (screen.spoken_heading(), screen.instruction()) if p]
        self.ctx.voice.say("。".join(parts) if self.ctx.locale == "zh_CN" else ". ".join(parts))

    # overlay: "still there?" and "leave?" -----------------------------------
    def _home_tapped(self) -> None:
        if any(s.has_entries() for s in self.screens[1:]):
            self._overlay_purpose = "leave"
            self.overlay.open(
                self.tr("Leave this and go home?"),
                self.tr("What you have entered so far will be deleted."),
                self.tr("Stay here"),
                self.tr("Delete and go home"),
            )
        else:
            self.go_home()

    def _ask_still_there(self) -> None:
        self._overlay_purpose = "idle"
        self.overlay.open(
            self.tr("Are you still there?"),
            self.tr(
                "Nobody has touched the screen for a while. To protect your privacy, "
                "everything entered will be deleted when the count reaches zero."
            ),
            self.tr("Yes, continue"),
        )
        self.overlay.countdown.show()
        self.ctx.voice.say(self.overlay.title.text())

    def _countdown_tick(self, seconds: int) -> None:
        self.overlay.countdown.setText(str(seconds))

    def _overlay_primary(self) -> None:
        self.overlay.hide()
        self.idle.restart()

    def _overlay_secondary(self) -> None:
        self.overlay.hide()
        if self._overlay_purpose == "leave":
            self.go_home(discard=True)

    # modes ----------------------------------------------------------------
    def set_elderly(self, on: bool) -> None:
        """Elderly mode: larger text and targets, higher contrast, wider spacing, voice on."""
        if self.top_bar.elderly.isChecked() != on:
            self.top_bar.elderly.setChecked(on)  # re-enters through toggled
            return
        self.ctx.theme.elderly = on
        if on:
            self.top_bar.mute.setChecked(False)
        self.apply_theme()
        self.speak_guidance()

    def apply_theme(self) -> None:
        theme = self.ctx.theme
        self.setStyleSheet(theme.stylesheet())
        self.top_bar.palette_now = theme.palette
        recolour_icons(self, theme.palette)
        apply_spacing(self, (theme.elderly_scale + 0.2) if theme.elderly else 1.0)

    def _toggle_language(self) -> None:
        self.ctx.languages.set_locale("en" if self.ctx.languages.locale == "zh_CN" else "zh_CN")

    def _language_changed(self, locale: str) -> None:
        self.ctx.voice.set_locale(self.ctx.locale)
        self.top_bar.retranslate()
        self.top_bar.show_language(locale)
        self.strip.retranslate()
        for screen in self.screens:
            screen.retranslate()
        self._refresh_bar()
        self.speak_guidance()

    def _mute_toggled(self, muted: bool) -> None:
        self.ctx.voice.set_muted(muted)
        self.top_bar.retranslate()

    # crash path -----------------------------------------------------------
    def _show_crash(self, _description: str) -> None:
        from ui.screens.crash_screen import CrashScreen

        if isinstance(self.current(), CrashScreen):
            return
        self.overlay.hide()
        self.push(CrashScreen(self.ctx))

    # layout ---------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.keyboard is not None and not self._keyboard_scheduled:  # Home needs none
            self._keyboard_scheduled = True
            self.keyboard.load_soon()  # type: ignore[attr-defined]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        setting = self.ctx.core.config.ui.orientation
        size = event.size()
        portrait = setting == "portrait" or (setting == "auto" and size.height() > size.width())
        if portrait != self.portrait:
            self.portrait = portrait
            self.top_bar.set_compact(portrait)
            self.strip.set_compact(portrait)
            for screen in self.screens:
                screen.set_portrait(portrait)

    def shutdown(self) -> None:
        """Stop timers and workers (at exit, and at a test's end)."""
        self.staff.close()  # its idle timer must not fire on a closed store
        self.gesture.close()
        self.idle.close()
        self.feed.stop()
        self.ctx.voice.stop()
        self.ctx.ops.shutdown()
        self.crash_guard.uninstall()
        self.ctx.languages.uninstall()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.ctx.core.config.ui.fullscreen is False:
            self.back()
            return
        super().keyPressEvent(event)
