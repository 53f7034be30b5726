"""The simulated printer: PNG and ESC/POS files per receipt, and faults on request."""

from __future__ import annotations

import dataclasses
import io
import os
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtWidgets import QApplication

from terminal.devices.printer.escpos_renderer import EscposOptions, render_escpos
from terminal.devices.printer.interface import ReceiptPrinter
from terminal.devices.printer.simulator import SimulatedPrinter, receipt_file_stem
from terminal.devices.state import DeviceStatus
from terminal.receipts.model import Receipt


def test_writes_png_and_escpos_named_by_receipt_number(
    qapp: QApplication, tmp_path: Path, printer_receipt: Receipt
) -> None:
    printer = SimulatedPrinter(tmp_path / "sim", paper_width_mm=58, native_qr=False)
    assert isinstance(printer, ReceiptPrinter)
    outcome = printer.print_receipt(printer_receipt)
    assert outcome.printed and outcome.state.ok
    png = tmp_path / "sim" / "0042-261127-0123-7.png"
    raw = tmp_path / "sim" / "0042-261127-0123-7.bin"
    assert {p.name for p in (tmp_path / "sim").iterdir()} == {png.name, raw.name}
    assert raw.read_bytes() == render_escpos(printer_receipt, EscposOptions(384, False))
    image = Image.open(io.BytesIO(png.read_bytes()))
    assert image.width == 384
    assert [r.text for r in zxingcpp.read_barcodes(image.convert("L"))] == [
        printer_receipt.qr_payload
    ]


@pytest.mark.parametrize("fault", [DeviceStatus.PAPER_OUT, DeviceStatus.OFFLINE])
def test_a_set_fault_stops_printing_until_cleared(
    qapp: QApplication, tmp_path: Path, printer_receipt: Receipt, fault: DeviceStatus
) -> None:
    printer = SimulatedPrinter(tmp_path)
    printer.set_fault(fault)
    assert printer.state().status is fault
    outcome = printer.print_receipt(printer_receipt)
    assert not outcome.printed
    assert outcome.state.status is fault
    assert list(tmp_path.iterdir()) == []
    printer.clear()
    assert printer.state().ok
    assert printer.print_receipt(printer_receipt).printed
    assert len(list(tmp_path.iterdir())) == 2


def test_a_reprint_replaces_the_files(
    qapp: QApplication, tmp_path: Path, printer_receipt: Receipt
) -> None:
    printer = SimulatedPrinter(tmp_path)
    printer.print_receipt(printer_receipt)
    changed = dataclasses.replace(printer_receipt, queued_offline=False)
    printer.print_receipt(changed)
    assert len(list(tmp_path.iterdir())) == 2
    assert (tmp_path / "0042-261127-0123-7.bin").read_bytes() == render_escpos(changed)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_offline(
    qapp: QApplication, tmp_path: Path, printer_receipt: Receipt
) -> None:
    tmp_path.chmod(0o500)
    try:
        printer = SimulatedPrinter(tmp_path)
        assert printer.state().status is DeviceStatus.OFFLINE
        assert not printer.print_receipt(printer_receipt).printed
    finally:
        tmp_path.chmod(0o700)


def test_folder_that_is_a_file_is_offline(tmp_path: Path, printer_receipt: Receipt) -> None:
    blocker = tmp_path / "sim"
    blocker.write_text("not a folder")
    printer = SimulatedPrinter(blocker)
    assert printer.state().status is DeviceStatus.OFFLINE
    assert not printer.print_receipt(printer_receipt).printed


def test_file_names_cannot_escape_the_folder() -> None:
    assert receipt_file_stem("../../etc/passwd") == "______etc_passwd"
    assert receipt_file_stem("") == "receipt"
