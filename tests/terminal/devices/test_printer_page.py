"""The page renderer: width, readable QR, nothing clipped, PNG and PDF output."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtWidgets import QApplication

from terminal.devices.printer import page_renderer
from terminal.devices.printer.layout import TextBlock, receipt_blocks
from terminal.devices.printer.page_renderer import (
    has_cjk_font,
    image_png,
    lay_out_page,
    render_image,
    render_pdf,
)
from terminal.receipts.model import Receipt

WIDTHS = [(80, 576), (58, 384)]


def decode_png(png: bytes) -> list[str]:
    image = Image.open(io.BytesIO(png))
    return [result.text for result in zxingcpp.read_barcodes(image.convert("L"))]


def test_a_cjk_font_is_installed(qapp: QApplication) -> None:
    """Without one, every hanzi prints as a box (install fonts-wqy-microhei)."""
    assert has_cjk_font()


@pytest.mark.parametrize(("paper_mm", "dots"), WIDTHS)
def test_page_is_as_wide_as_the_paper_at_203_dpi(
    qapp: QApplication, printer_receipt: Receipt, paper_mm: int, dots: int
) -> None:
    image = render_image(printer_receipt, paper_mm)
    assert image.width() == dots
    assert 600 < image.height() < 3000
    assert round(image.dotsPerMeterX() * 0.0254) == 203


@pytest.mark.parametrize(("paper_mm", "dots"), WIDTHS)
def test_qr_in_the_png_decodes_to_the_receipt_url(
    qapp: QApplication, printer_receipt: Receipt, paper_mm: int, dots: int
) -> None:
    png = image_png(render_image(printer_receipt, paper_mm))
    assert png.startswith(b"\x89PNG")
    assert decode_png(png) == [printer_receipt.qr_payload]


@pytest.mark.parametrize(("paper_mm", "dots"), WIDTHS)
def test_qr_has_whole_dot_modules_and_a_white_quiet_zone(
    qapp: QApplication, printer_receipt: Receipt, paper_mm: int, dots: int
) -> None:
    page = lay_out_page(printer_receipt, paper_mm)
    qr = page.qr
    assert qr is not None
    assert isinstance(qr.module, int) and qr.module >= 2
    assert qr.left >= 0 and qr.left + qr.side <= dots
    image = render_image(printer_receipt, paper_mm)
    quiet = 4 * qr.module
    for x in range(qr.left, qr.left + qr.side):
        for y in (
            *range(qr.top, qr.top + quiet),
            *range(qr.top + qr.side - quiet, qr.top + qr.side),
        ):
            assert image.pixelColor(x, y).lightness() == 255


@pytest.mark.parametrize(("paper_mm", "dots"), WIDTHS)
def test_text_lies_within_the_page(
    qapp: QApplication, printer_receipt: Receipt, paper_mm: int, dots: int
) -> None:
    page = lay_out_page(printer_receipt, paper_mm)
    assert page.texts
    for line in page.texts:
        assert line.ink.left() >= 0 and line.ink.right() <= dots, line.text
        assert line.ink.top() >= 0 and line.ink.bottom() <= page.height, line.text
    image = render_image(printer_receipt, paper_mm)
    edge = page.margin // 2
    for x in (*range(edge), *range(dots - edge, dots)):  # no ink reaches the paper's edge
        assert all(image.pixelColor(x, y).lightness() == 255 for y in range(image.height()))


@pytest.mark.parametrize(("paper_mm", "dots"), WIDTHS)
def test_every_paragraph_is_drawn_whole(
    qapp: QApplication, printer_receipt: Receipt, paper_mm: int, dots: int
) -> None:
    drawn = "".join(line.text for line in lay_out_page(printer_receipt, paper_mm).texts)
    for block in receipt_blocks(printer_receipt):
        if isinstance(block, TextBlock):
            assert block.text.replace(" ", "") in drawn.replace(" ", "")


@pytest.mark.parametrize(("paper_mm", "dots"), WIDTHS)
def test_receipt_number_is_one_large_line(
    qapp: QApplication, printer_receipt: Receipt, paper_mm: int, dots: int
) -> None:
    page = lay_out_page(printer_receipt, paper_mm)
    numbers = [t for t in page.texts if t.text == printer_receipt.grouped_number]
    big = max(numbers, key=lambda t: t.font.pixelSize())
    body = min(t.font.pixelSize() for t in page.texts if t.text.startswith("办理时间"))
    assert big.font.pixelSize() >= body * 1.5
    assert big.font.bold()


def test_a_long_unbroken_number_shrinks_then_wraps(
    qapp: QApplication, printer_receipt: Receipt
) -> None:
    long_number = dataclasses.replace(printer_receipt, receipt_no="0042-261127-" + "9" * 40 + "-3")
    page = lay_out_page(long_number, 58)
    for line in page.texts:
        assert line.ink.right() <= page.width
    assert "".join(t.text for t in page.texts).count("9" * 40) >= 1


def test_pdf_is_a_valid_one_page_pdf(qapp: QApplication, printer_receipt: Receipt) -> None:
    pdf = render_pdf(printer_receipt, 80)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    assert len(pages) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf)
    assert box is not None
    assert float(box[1]) == pytest.approx(80 / 25.4 * 72, abs=1.0)  # 80 mm wide


def test_fonts_are_named_by_family_not_by_file() -> None:
    assert all("/" not in family and "." not in family for family in page_renderer.FONT_FAMILIES)
