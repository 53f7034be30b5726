"""The system (QPrinter) backend, exercised through Qt's PDF printer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from terminal.devices.printer.interface import ReceiptPrinter
from terminal.devices.state import DeviceStatus
from terminal.receipts.model import Receipt
from ui.printing.system_printer import SystemPrinter


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_prints_one_receipt_page_to_a_pdf_printer(
    qapp: QApplication, tmp_path: Path, printer_receipt: Receipt, paper_mm: int
) -> None:
    target = tmp_path / "receipt.pdf"
    printer = SystemPrinter(paper_width_mm=paper_mm, pdf_output=target)
    assert isinstance(printer, ReceiptPrinter)
    assert printer.state().ok
    outcome = printer.print_receipt(printer_receipt)
    assert outcome.printed, outcome
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf)
    assert box is not None
    assert float(box[1]) == pytest.approx(paper_mm / 25.4 * 72, abs=1.0)
    assert float(box[2]) > float(box[1])  # a long strip, not an A4 sheet


def test_a_printer_that_does_not_exist_is_offline(
    qapp: QApplication, printer_receipt: Receipt
) -> None:
    printer = SystemPrinter("no-such-printer-mashangban")
    state = printer.state()
    assert state.status is DeviceStatus.OFFLINE
    assert "no-such-printer-mashangban" in state.reason
    outcome = printer.print_receipt(printer_receipt)
    assert not outcome.printed and outcome.state == state


def test_pdf_output_into_a_missing_folder_is_offline(
    qapp: QApplication, tmp_path: Path, printer_receipt: Receipt
) -> None:
    printer = SystemPrinter(pdf_output=tmp_path / "missing" / "r.pdf")
    assert printer.state().status is DeviceStatus.OFFLINE
    assert not printer.print_receipt(printer_receipt).printed
