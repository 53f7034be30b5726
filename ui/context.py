"""What every screen is given: the services it may use, and the way to move on.

Passing this in (rather than reaching for globals) keeps screens testable and
makes their dependencies visible. The context is made once, in the composition
root (`ui.kiosk.build_kiosk`), and never changes: what does change while the kiosk
runs (online, the signed-in clerk) is in `session`, with signals; the catalog in use
is `catalogs.view`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from terminal.runtime import TerminalCore
from terminal.submissions.lookup import LookupLimiter
from ui.catalog_view import CatalogFeed, CatalogView
from ui.i18n import Languages
from ui.operations import Operations
from ui.peripherals import Peripherals
from ui.session import SessionState
from ui.sync_link import SyncLink
from ui.theme import Theme
from ui.voice import VoiceGuide

if TYPE_CHECKING:
    from terminal.catalog import Catalog
    from ui.screens.base import Screen


class Navigator(Protocol):
    """The navigation stack of the kiosk window."""

    def push(self, screen: Screen) -> None: ...

    def replace(self, screen: Screen) -> None: ...

    def go_home(self, *, discard: bool = True) -> None: ...

    def back(self) -> None: ...


@dataclass(frozen=True, eq=False)
class KioskContext:
    """Services for the screens; ``sync`` is always there (`OfflineSync` without sync)."""

    core: TerminalCore
    ops: Operations
    catalogs: CatalogFeed
    devices: Peripherals
    languages: Languages
    theme: Theme
    voice: VoiceGuide
    nav: Navigator
    sync: SyncLink
    session: SessionState
    # Wrong query codes at progress lookup, counted for as long as the kiosk runs.
    lookup_limiter: LookupLimiter = field(default_factory=LookupLimiter)

    @property
    def catalog(self) -> CatalogView:
        """The catalog new screens use (sync may install a newer one at any time)."""
        return self.catalogs.view

    def submitted(self) -> None:
        """A submission was just confirmed: ask sync to send it now, not at the next poll."""
        self.sync.kick()

    def replace_catalog(self, catalog: Catalog) -> None:
        """Safe from any thread (sync's on_catalog): new screens use ``catalog`` from now on."""
        self.catalogs.offer(catalog)

    @property
    def locale(self) -> str:
        """The locale for core messages and catalog texts: ``zh_CN`` or ``en``."""
        return self.languages.content_locale
