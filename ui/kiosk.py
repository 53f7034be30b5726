"""Assembling the kiosk window from the core, the devices and (optionally) sync.

The composition root (mashangban/launch.py) calls `build_kiosk`; tests and the
screenshot script call it too, with synchronous operations and no keyboard.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject

from terminal.catalog import Catalog
from terminal.runtime import TerminalCore
from ui.catalog_view import CatalogFeed, active_catalog, view_of
from ui.context import KioskContext
from ui.i18n import Languages
from ui.main_window import MainWindow
from ui.operations import Operations
from ui.peripherals import Peripherals
from ui.theme import Theme
from ui.voice import VoiceGuide, engine_name

log = logging.getLogger(__name__)
INDEX_DELAY_MS = 1000  # after Home's first paint: the search index is built off-thread


class _NoNavigator:
    """Placeholder until the window takes over navigation."""

    def push(self, screen: Any) -> None: ...

    def replace(self, screen: Any) -> None: ...

    def go_home(self, *, discard: bool = True) -> None: ...

    def back(self) -> None: ...


def build_kiosk(
    core: TerminalCore,
    devices: Peripherals | None = None,
    *,
    sync: QObject | None = None,
    catalog: Catalog | None = None,
    synchronous: bool = False,
    keyboard: bool = True,
    voice_engine: str | None = None,
) -> MainWindow:
    """The kiosk window, on its Home screen, in the configured language."""
    config = core.config
    languages = Languages()
    theme = Theme(config.ui.elderly_scale)
    engine = engine_name(voice_engine or config.ui.voice_engine)
    voice = VoiceGuide(engine, enabled=config.ui.voice)
    ctx = KioskContext(
        core=core,
        ops=Operations(synchronous=synchronous),
        catalog=view_of(catalog or active_catalog(core.paths.catalog_dir)),
        devices=devices or Peripherals(),
        languages=languages,
        theme=theme,
        voice=voice,
        nav=_NoNavigator(),
        sync=sync,
    )
    ctx.catalogs = CatalogFeed(ctx, ctx.ops)  # ctx.replace_catalog: sync's on_catalog
    languages.set_locale(config.terminal.locale)
    dock = None
    if keyboard:
        from ui.widgets.keyboard_dock import KeyboardDock

        dock = KeyboardDock()
    window = MainWindow(ctx, dock)
    languages.setParent(window)
    voice.setParent(window)
    ctx.ops.setParent(window)
    ctx.catalogs.setParent(window)
    from ui.staff.mode import StaffMode

    window.staff = StaffMode(window)  # hidden gesture, PIN, staff band (docs/staff-mode.md)
    if synchronous:  # tests and screenshots: the index is there when Home is
        ctx.catalogs.start_indexing()
    else:  # nobody reaches search within a second of Home appearing
        window.first_paint.then(ctx.catalogs.start_indexing, INDEX_DELAY_MS)
    log.info("kiosk window built (voice engine %s)", engine or "none")
    return window
