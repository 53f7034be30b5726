"""The crash path: an unexpected exception is logged without personal data, the
citizen sees a calm screen with "call staff", and the terminal goes on.

Only the exception's type and the code locations (file, line, function) are
logged: an exception's message or a frame's variables may hold what a citizen
typed. What is already confirmed is in the store and stays there.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("ui.crash")


def describe(exc: BaseException) -> str:
    """Type and stack of ``exc`` with no message and no values."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(
        f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in frames[::-1]
    )
    return f"{type(exc).__module__}.{type(exc).__qualname__} at {where or 'unknown'}"


class CrashGuard(QObject):
    """Receives unexpected exceptions (excepthook, operations) and raises ``crashed``."""

    crashed = Signal(str)  # the logged description (no personal data)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self._previous: Callable[..., object] | None = None

    def install(self) -> None:
        """Take over sys.excepthook (exceptions in Qt slots and event handlers end there)."""
        self._previous = sys.excepthook
        sys.excepthook = self._hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def _hook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            if self._previous is not None:
                self._previous(kind, exc, tb)
            return
        self.handle(exc)

    def handle(self, exc: BaseException) -> None:
        """Log ``exc`` safely and tell the window to show the calm screen."""
        self.count += 1
        description = describe(exc)
        log.error("unexpected error (crash path #%d): %s", self.count, description)
        self.crashed.emit(description)
