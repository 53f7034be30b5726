"""Printing through the operating system's printer (CUPS, Windows spooler) with QPrinter.

For thermal printers that only come with a system driver. The page is the
same one the page renderer draws, on a custom paper size: the roll's width by
the receipt's length. What the system reports is limited: a missing printer
or one in an error state shows as offline; paper out is usually not reported
by the driver, so the printer's own light is the source of truth. Spooling is
local and returns in milliseconds; Qt offers no timeout of its own for it.

QtPrintSupport loads QtWidgets as a side effect, so it is imported only when
this backend is used (in the kiosk's UI process), never when the core loads.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QPainter

from terminal.devices.printer.interface import PrintOutcome
from terminal.devices.printer.layout import DOTS_PER_INCH
from terminal.devices.printer.page_renderer import (
    ReceiptPage,
    lay_out_page,
    paint_page,
    receipt_page_layout,
)
from terminal.devices.state import OK, DeviceState, DeviceStatus
from terminal.receipts.model import Receipt

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)


class SystemPrinter:
    """A `ReceiptPrinter` that prints through a named (or the default) system printer.

    ``pdf_output`` sends the job to a PDF file instead (Qt's PDF printer):
    for checking the page without paper, and for tests.
    """

    def __init__(
        self, printer_name: str = "", paper_width_mm: int = 80, pdf_output: Path | None = None
    ) -> None:
        self.printer_name = printer_name
        self.paper_width_mm = paper_width_mm
        self.pdf_output = pdf_output

    def _label(self) -> str:
        return f"system printer {self.printer_name!r}" if self.printer_name else "default printer"

    def state(self) -> DeviceState:
        """Whether the printer exists and is not in an error state."""
        if not isinstance(QGuiApplication.instance(), QGuiApplication):
            return DeviceState(DeviceStatus.OFFLINE, "system printing needs the kiosk's Qt app")
        if self.pdf_output is not None:
            folder = self.pdf_output.parent
            if folder.is_dir() and os.access(folder, os.W_OK):
                return OK
            return DeviceState(DeviceStatus.OFFLINE, "PDF output folder not writable")
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        if self.printer_name:
            info = QPrinterInfo.printerInfo(self.printer_name)
        else:
            info = QPrinterInfo.defaultPrinter()
        if info.isNull():
            return DeviceState(DeviceStatus.OFFLINE, f"{self._label()} not found")
        if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
            return DeviceState(DeviceStatus.OFFLINE, f"{self._label()} reports an error")
        return OK

    def _qprinter(self, page: ReceiptPage) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.pdf_output is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.pdf_output))
        elif self.printer_name:
            printer.setPrinterName(self.printer_name)
        printer.setDocName("receipt")
        printer.setPageLayout(receipt_page_layout(self.paper_width_mm, page))
        printer.setResolution(DOTS_PER_INCH)
        return printer

    def print_receipt(self, receipt: Receipt) -> PrintOutcome:
        """Spool the receipt as one page; faults come back in the outcome."""
        state = self.state()
        if not state.ok:
            return PrintOutcome(False, state, "not printed: " + state.reason)
        page = lay_out_page(receipt, self.paper_width_mm)
        printer = self._qprinter(page)
        painter = QPainter()
        if not painter.begin(printer):
            failed = DeviceState(DeviceStatus.OFFLINE, f"{self._label()} refused the job")
            log.warning("receipt %s not printed: %s", receipt.receipt_no, failed.reason)
            return PrintOutcome(False, failed, "not printed: the print job could not start")
        try:
            scale = printer.resolution() / DOTS_PER_INCH  # 1 unless the driver forced its own
            painter.scale(scale, scale)
            paint_page(page, painter)
        finally:
            ended = painter.end()
        if not ended:
            failed = DeviceState(DeviceStatus.OFFLINE, f"{self._label()}: spooling failed")
            return PrintOutcome(False, failed, "not printed: spooling failed")
        return PrintOutcome(True, OK, f"spooled to {self._label()}")
