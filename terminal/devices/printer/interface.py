"""The receipt printer as the kiosk sees it, whatever is behind it.

Every backend (simulator, ESC/POS, system printer, none) implements
`ReceiptPrinter`. Faults (paper out, cover open, offline, timeout) come back
as a `DeviceState` in the result, never as exceptions. Calls may block for up
to the configured timeout per step, so screens call them from a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from terminal.devices.state import DeviceState, DeviceStatus
from terminal.receipts.model import Receipt


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to one print request.

    ``printed`` is True only when the whole receipt went to a printer that
    reported no fault; otherwise the receipt stays in the reprint list.
    ``detail`` is for the technician's log (never personal data).
    """

    printed: bool
    state: DeviceState
    detail: str = ""


@runtime_checkable
class ReceiptPrinter(Protocol):
    """A receipt printer: report its state, print one receipt."""

    def state(self) -> DeviceState:
        """The printer's state now (may block up to the timeout)."""
        ...

    def print_receipt(self, receipt: Receipt) -> PrintOutcome:
        """Print ``receipt``; faults are reported in the outcome, not raised."""
        ...


class NoPrinter:
    """The printer of a terminal configured without one (backend "none")."""

    _STATE = DeviceState(DeviceStatus.ABSENT, "no printer configured (printer.backend = none)")

    def state(self) -> DeviceState:
        """Always absent."""
        return self._STATE

    def print_receipt(self, receipt: Receipt) -> PrintOutcome:
        """Never prints; the screen shows the receipt number and QR instead."""
        return PrintOutcome(False, self._STATE, "no printer configured")
