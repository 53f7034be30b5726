"""A printer that writes each receipt into a folder, for demos, tests and staging kiosks.

Each print writes ``<receipt_no>.png`` (the page renderer's image, exactly
what a system printer would get) and ``<receipt_no>.bin`` (the ESC/POS bytes
a thermal printer would get); a reprint replaces both. Staff or tests can put
it into a fault with `set_fault` to rehearse the paper-out and offline screens.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from terminal.devices.printer.escpos_renderer import EscposOptions, render_escpos
from terminal.devices.printer.interface import PrintOutcome
from terminal.devices.printer.layout import paper_width_dots
from terminal.devices.printer.page_renderer import image_png, render_image
from terminal.devices.state import OK, DeviceState, DeviceStatus
from terminal.receipts.model import Receipt

log = logging.getLogger(__name__)

_FAULT_REASONS = {
    DeviceStatus.PAPER_OUT: "simulated: paper roll empty",
    DeviceStatus.OFFLINE: "simulated: printer offline",
    DeviceStatus.ABSENT: "simulated: printer absent",
}


def receipt_file_stem(receipt_no: str) -> str:
    """A safe file name stem for a receipt number (anything odd becomes ``_``)."""
    return re.sub(r"[^0-9A-Za-z-]", "_", receipt_no) or "receipt"


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


class SimulatedPrinter:
    """A `ReceiptPrinter` that writes PNG and ESC/POS files into ``folder``."""

    def __init__(self, folder: Path, paper_width_mm: int = 80, native_qr: bool = True) -> None:
        self.folder = folder
        self.paper_width_mm = paper_width_mm
        self._escpos = EscposOptions(paper_width_dots(paper_width_mm), native_qr)
        self._fault: DeviceState | None = None
        self._lock = threading.Lock()

    def set_fault(self, status: DeviceStatus, reason: str = "") -> None:
        """Make the printer report ``status`` (paper_out, offline, absent) until cleared."""
        if status is DeviceStatus.OK:
            self.clear()
            return
        with self._lock:
            self._fault = DeviceState(status, reason or _FAULT_REASONS[status])

    def clear(self) -> None:
        """Back to a working printer."""
        with self._lock:
            self._fault = None

    def state(self) -> DeviceState:
        """The simulated fault, or whether the folder can be written."""
        with self._lock:
            if self._fault is not None:
                return self._fault
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return DeviceState(DeviceStatus.OFFLINE, f"simulator folder: {exc.strerror}")
        if not os.access(self.folder, os.W_OK):
            return DeviceState(DeviceStatus.OFFLINE, "simulator folder not writable")
        return OK

    def paths_for(self, receipt_no: str) -> tuple[Path, Path]:
        """Where the PNG and the ESC/POS bytes of ``receipt_no`` are written."""
        stem = receipt_file_stem(receipt_no)
        return self.folder / f"{stem}.png", self.folder / f"{stem}.bin"

    def print_receipt(self, receipt: Receipt) -> PrintOutcome:
        """Write the receipt's PNG and .bin, unless a fault is set."""
        state = self.state()
        if not state.ok:
            return PrintOutcome(False, state, "not printed: " + state.reason)
        png_path, bin_path = self.paths_for(receipt.receipt_no)
        try:
            _write_atomically(bin_path, render_escpos(receipt, self._escpos))
            if isinstance(QGuiApplication.instance(), QGuiApplication):
                png = image_png(render_image(receipt, self.paper_width_mm))
                _write_atomically(png_path, png)
                detail = f"wrote {png_path.name} and {bin_path.name}"
            else:  # drawing text needs a QGuiApplication; the bytes are still useful
                detail = f"wrote {bin_path.name} (no PNG: no QGuiApplication)"
        except OSError as exc:
            state = DeviceState(DeviceStatus.OFFLINE, f"simulator folder: {exc.strerror}")
            return PrintOutcome(False, state, "not printed: could not write files")
        log.info("simulated print of receipt %s", receipt.receipt_no)
        return PrintOutcome(True, OK, detail)
