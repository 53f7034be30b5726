"""An ESC/POS receipt printer over any transport, reporting faults as states.

A print request: open the link, ask the printer's real-time status (where the
link can carry it), send the receipt only if the printer is ready, ask again
afterwards (a roll that ran out mid-receipt shows up here), close. Serial and
network links carry status; on a file, device node or USB link the printer is
"ok" when the link can be opened and written.
"""

from __future__ import annotations

import logging
import threading

from terminal.devices.printer.escpos_renderer import EscposOptions, render_escpos
from terminal.devices.printer.escpos_status import query_status
from terminal.devices.printer.escpos_transports import EscposTransport, FileTransport
from terminal.devices.printer.interface import PrintOutcome
from terminal.devices.state import OK, DeviceState, DeviceStatus
from terminal.receipts.model import Receipt

log = logging.getLogger(__name__)


def _offline(transport: EscposTransport, exc: OSError) -> DeviceState:
    """An offline state naming the link and the system's reason, without a traceback."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if isinstance(exc, TimeoutError):
        reason = "timed out"
    return DeviceState(DeviceStatus.OFFLINE, f"{transport.name}: {reason}")


class EscposPrinter:
    """A `ReceiptPrinter` that speaks ESC/POS over an `EscposTransport`."""

    def __init__(self, transport: EscposTransport, options: EscposOptions | None = None) -> None:
        self._transport = transport
        self._options = options or EscposOptions()
        self._lock = threading.Lock()  # one conversation with the printer at a time

    @property
    def transport(self) -> EscposTransport:
        return self._transport

    @property
    def options(self) -> EscposOptions:
        return self._options

    def _link_state(self) -> DeviceState:
        """The state over an already opened link."""
        if self._transport.supports_status:
            return query_status(self._transport)
        return OK

    def _precheck(self) -> DeviceState | None:
        """A fault that can be seen without opening the link, if any."""
        if isinstance(self._transport, FileTransport):
            problem = self._transport.check_ready()
            if problem:
                return DeviceState(DeviceStatus.OFFLINE, f"{self._transport.name}: {problem}")
        return None

    def state(self) -> DeviceState:
        """Open the link, read the status where possible, close."""
        fault = self._precheck()
        if fault:
            return fault
        if isinstance(self._transport, FileTransport):
            return OK  # writable; opening it here would create an empty file
        with self._lock:
            try:
                self._transport.open()
                try:
                    return self._link_state()
                finally:
                    self._transport.close()
            except OSError as exc:
                return _offline(self._transport, exc)

    def print_receipt(self, receipt: Receipt) -> PrintOutcome:
        """Send the receipt if the printer is ready; report what happened."""
        data = render_escpos(receipt, self._options)
        fault = self._precheck()
        if fault:
            return PrintOutcome(False, fault, "not sent: printer not ready")
        with self._lock:
            try:
                self._transport.open()
                try:
                    return self._send(data)
                finally:
                    self._transport.close()
            except OSError as exc:
                state = _offline(self._transport, exc)
                log.warning("receipt %s not printed: %s", receipt.receipt_no, state.reason)
                return PrintOutcome(False, state, "not printed: printer unreachable")

    def _send(self, data: bytes) -> PrintOutcome:
        before = self._link_state()
        if not before.ok:
            return PrintOutcome(False, before, "not sent: printer not ready")
        self._transport.write(data)
        after = self._link_state()
        if not after.ok:
            return PrintOutcome(
                False, after, "sent, but the printer then reported a fault: reprint it"
            )
        return PrintOutcome(True, after, f"sent {len(data)} bytes to {self._transport.name}")
