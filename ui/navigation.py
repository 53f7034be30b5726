"""The context's navigator, made before the window that does the navigating.

The context (and staff mode) are made first, the window last, since the window
builds Home from the context. `WindowNavigator` is the navigator they are given:
it forwards to the window once `ui.kiosk.build_kiosk` has attached it, which
happens before any screen can be tapped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ui.screens.base import Screen


class ScreenHost(Protocol):
    """What the kiosk window does with screens (ui/main_window.py `MainWindow`)."""

    def current(self) -> Screen: ...

    def push(self, screen: Screen) -> None: ...

    def replace(self, screen: Screen) -> None: ...

    def go_home(self, *, discard: bool = True) -> None: ...

    def back(self) -> None: ...

    def end_session(self) -> None: ...


class WindowNavigator:
    """A `ScreenHost` forwarding to the window attached to it."""

    def __init__(self) -> None:
        self._host: ScreenHost | None = None

    def attach(self, host: ScreenHost) -> None:
        """Once, right after the window is made."""
        if self._host is not None:
            raise RuntimeError("the navigator already has its window")
        self._host = host

    @property
    def host(self) -> ScreenHost:
        if self._host is None:  # a bug in the assembly, never a citizen's doing
            raise RuntimeError("navigation before the kiosk window exists")
        return self._host

    def current(self) -> Screen:
        """The screen on top of the stack."""
        return self.host.current()

    def push(self, screen: Screen) -> None:
        self.host.push(screen)

    def replace(self, screen: Screen) -> None:
        self.host.replace(screen)

    def go_home(self, *, discard: bool = True) -> None:
        self.host.go_home(discard=discard)

    def back(self) -> None:
        self.host.back()

    def end_session(self) -> None:
        """Discard everything the citizen entered and go Home (as the idle timeout does)."""
        self.host.end_session()
