"""The operations layer between screens and the core (Anki's CollectionOp/QueryOp idea).

Screens never hold a database session, an HTTP client or a device handle. They
hand a plain function to `Operations.run` with the lane it belongs to:

- ``store``: one worker thread for everything that reads or writes the store;
- ``io``: one worker thread for devices (printer, card reader) and the network.

The function runs off the GUI thread; ``success`` or ``failure`` is then called
on the GUI thread. A callback whose owner widget has been destroyed in the
meantime (the session ended) is dropped. With no ``failure`` handler an
exception takes the default path, `fail`: an environment failure (the store
locked or busy, the disk full, a read-only file, an I/O error; see
terminal/store/trouble.py) becomes ``trouble(kind)``, which the kiosk shows as a
calm banner while the citizen stays on the screen; anything else is a bug and
goes to ``unhandled`` and from there to the crash path. A screen that must tidy
up first (re-enable a button) passes its own ``failure`` and ends with `fail`.
With ``synchronous=True`` (tests, screenshots) the work runs at once, inline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from terminal.store.trouble import store_trouble

log = logging.getLogger(__name__)

LANES = ("store", "io")


@dataclass
class _Ticket:
    lane: str
    success: Callable[[Any], None] | None
    failure: Callable[[BaseException], None] | None
    owner: QObject | None


class Operations(QObject):
    """Runs work on the store or io worker and calls back on the GUI thread."""

    unhandled = Signal(object)  # BaseException: a bug, for the crash path
    trouble = Signal(str)  # a terminal.store.trouble.Trouble: for the calm banner
    _finished = Signal(object, object)  # _Ticket, Future

    def __init__(self, *, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._executors: dict[str, ThreadPoolExecutor] = {}
        self._pending = 0
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        """Whether any work is still running or waiting for its callback."""
        return self._pending > 0

    def run(
        self,
        lane: str,
        work: Callable[[], Any],
        *,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run ``work()`` on ``lane``; then ``success(result)`` or ``failure(exc)``."""
        if lane not in LANES:
            raise ValueError(f"unknown lane {lane!r}")
        ticket = _Ticket(lane, success, failure, owner)
        self._pending += 1
        if self.synchronous:
            future: Future[Any] = Future()
            try:
                future.set_result(work())
            except Exception as exc:  # handed to failure/unhandled like a worker's
                future.set_exception(exc)
            self._deliver(ticket, future)
            return
        executor = self._executors.get(lane)
        if executor is None:
            executor = ThreadPoolExecutor(1, thread_name_prefix=f"ui-{lane}")
            self._executors[lane] = executor
        submitted = executor.submit(work)
        submitted.add_done_callback(lambda done: self._finished.emit(ticket, done))

    def _deliver(self, ticket: _Ticket, future: Future[Any]) -> None:
        self._pending -= 1
        if ticket.owner is not None and not shiboken6.isValid(ticket.owner):
            log.debug("dropped a %s result: its screen is gone", ticket.lane)
            return
        error = future.exception()
        if error is None:
            if ticket.success is not None:
                ticket.success(future.result())
            return
        if ticket.failure is not None:
            ticket.failure(error)
        else:
            self.fail(error)

    def fail(self, error: BaseException) -> None:
        """The default failure path: ``trouble`` for an environment failure, else
        ``unhandled`` (a bug). GUI thread; explicit handlers end with it too."""
        kind = store_trouble(error)
        if kind is None:
            self.unhandled.emit(error)
            return
        log.warning("environment failure (%s): %s", kind.value, type(error).__name__)
        self.trouble.emit(kind.value)

    def quietly(self, what: str) -> Callable[[BaseException], None]:
        """A ``failure`` for background work nobody asked for (a poll, a logout's audit):
        an environment failure is only logged, with ``what`` failed; a bug still crashes."""

        def failed(error: BaseException) -> None:
            kind = store_trouble(error)
            if kind is None:
                self.unhandled.emit(error)
            else:
                log.warning("%s failed (%s): %s", what, kind.value, type(error).__name__)

        return failed

    def shutdown(self, *, wait_for: tuple[str, ...] | None = None) -> None:
        """Wait for running work and stop the workers (at exit, or a test's end).

        ``wait_for`` names the lanes whose running work is waited for (default: all).
        The kiosk's stop waits for the store lane only: a search index still being
        built on the io lane took 6 s on a loaded machine, and it holds nothing that
        must end in order (mashangban/launch.py leaves the process right after)."""
        for lane, executor in self._executors.items():
            wait = wait_for is None or lane in wait_for
            executor.shutdown(wait=wait, cancel_futures=True)
        self._executors.clear()
