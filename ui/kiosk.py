"""Assembling the kiosk window from the core, the devices and (optionally) sync.

The composition root (mashangban/launch.py) calls `build_kiosk`; tests and the
screenshot script call it too, with synchronous operations and no keyboard.
"""

from __future__ import annotations

import logging

from terminal.catalog import Catalog
from terminal.runtime import TerminalCore
from ui.catalog_view import CatalogFeed, active_catalog, view_of
from ui.context import KioskContext
from ui.i18n import Languages
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.navigation import WindowNavigator
from ui.operations import Operations
from ui.peripherals import Peripherals
from ui.session import SessionState
from ui.staff.mode import StaffMode
from ui.sync_link import OfflineSync, SyncLink
from ui.theme import Theme
from ui.voice import VoiceGuide, engine_name

log = logging.getLogger(__name__)
INDEX_DELAY_MS = 1000  # after Home's first paint: the search index is built off-thread


def build_kiosk(
    core: TerminalCore,
    devices: Peripherals | None = None,
    *,
    sync: SyncLink | None = None,
    catalog: Catalog | None = None,
    synchronous: bool = False,
    keyboard: bool = True,
    voice_engine: str | None = None,
) -> MainWindow:
    """The kiosk window, on its Home screen, in the configured language.

    ``sync`` is the kiosk's link to sync (`ui.late_sync.LateSync` in kiosk use);
    without one the kiosk runs offline (`OfflineSync`)."""
    config = core.config
    languages = Languages()
    theme = Theme(config.ui.elderly_scale)
    engine = engine_name(voice_engine or config.ui.voice_engine)
    voice = VoiceGuide(engine, enabled=config.ui.voice)
    ops = Operations(synchronous=synchronous)
    offline: OfflineSync | None = None  # owned here, unlike a link given to us
    if sync is None:
        sync = offline = OfflineSync()
    session = SessionState()
    session.online = sync.online is True  # the state before sync's first signal
    sync.online_changed.connect(session.set_online)
    nav = WindowNavigator()
    ctx = KioskContext(
        core=core,
        ops=ops,
        catalogs=CatalogFeed(view_of(catalog or active_catalog(core.paths.catalog_dir)), ops),
        devices=devices or Peripherals(),
        languages=languages,
        theme=theme,
        voice=voice,
        nav=nav,
        sync=sync,
        session=session,
    )
    languages.set_locale(config.terminal.locale)
    ui = config.ui
    idle = IdleWatcher(ui.idle_timeout_s * 1000, ui.idle_countdown_s * 1000)
    staff = StaffMode(ctx, nav, idle)  # hidden gesture, PIN, staff band (docs/staff-mode.md)
    dock = None
    if keyboard:
        from ui.widgets.keyboard_dock import KeyboardDock

        dock = KeyboardDock()
    window = MainWindow(ctx, idle, staff, dock)
    nav.attach(window)
    for service in (languages, voice, ops, ctx.catalogs, session, staff, offline):
        if service is not None:
            service.setParent(window)  # they live as long as the window
    if synchronous:  # tests and screenshots: the index is there when Home is
        ctx.catalogs.start_indexing()
    else:  # nobody reaches search within a second of Home appearing
        window.first_paint.then(ctx.catalogs.start_indexing, INDEX_DELAY_MS)
    log.info("kiosk window built (voice engine %s)", engine or "none")
    return window
