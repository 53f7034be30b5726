"""What every screen is given: the services it may use, and the way to move on.

Passing this in (rather than reaching for globals) keeps screens testable and
makes their dependencies visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from terminal.runtime import TerminalCore
from ui.catalog_view import CatalogFeed, CatalogView
from ui.i18n import Languages
from ui.operations import Operations
from ui.peripherals import Peripherals
from ui.theme import Theme
from ui.voice import VoiceGuide

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from ui.screens.base import Screen


class Navigator(Protocol):
    """The navigation stack of the kiosk window."""

    def push(self, screen: Screen) -> None: ...

    def replace(self, screen: Screen) -> None: ...

    def go_home(self, *, discard: bool = True) -> None: ...

    def back(self) -> None: ...


@dataclass
class KioskContext:
    """Services for the screens. ``sync`` is the sync bridge (a QObject) when present."""

    core: TerminalCore
    ops: Operations
    catalog: CatalogView
    devices: Peripherals
    languages: Languages
    theme: Theme
    voice: VoiceGuide
    nav: Navigator
    sync: QObject | None = None
    online: bool = False
    staff_id: str | None = None  # while staff mode is on: submissions are "assisted"
    catalogs: CatalogFeed | None = None

    def submitted(self) -> None:
        """A submission was just confirmed: ask sync to send it now, not at the next poll."""
        kick = getattr(self.sync, "kick", None)
        if callable(kick):
            kick()

    def replace_catalog(self, catalog: object) -> None:
        """Safe from any thread (sync's on_catalog): new screens use ``catalog`` from now on."""
        if self.catalogs is not None:
            self.catalogs.offer(catalog)  # type: ignore[arg-type]

    @property
    def locale(self) -> str:
        """The locale for core messages and catalog texts: ``zh_CN`` or ``en``."""
        return self.languages.content_locale
