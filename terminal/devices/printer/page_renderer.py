"""The receipt drawn with QPainter: a 576-dot (80 mm) or 384-dot (58 mm) page at 203 dpi.

`lay_out_page` places every line (wrapped by measured width, so nothing is
clipped) and the QR code (integer dots per module, quiet zone kept);
`paint_page` draws that onto any QPaintDevice. `render_image`, `image_png`
and `render_pdf` are the usual outputs; the system printer and the simulator
use the same two steps. Needs a QGuiApplication (fonts).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRect, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageWriter,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from terminal.devices.printer.layout import (
    DOTS_PER_INCH,
    Align,
    QrBlock,
    RuleBlock,
    TextBlock,
    TextStyle,
    paper_width_dots,
    receipt_blocks,
)
from terminal.devices.printer.qr_matrix import (
    QUIET_ZONE_MODULES,
    QrMatrix,
    build_qr_matrix,
    dark_runs,
    module_dots,
)
from terminal.devices.printer.wrapping import wrap_text
from terminal.receipts.model import Receipt

# Family names only, in order of preference; fontconfig falls back from there.
FONT_FAMILIES = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Sans Serif",
]
# Pixel sizes at 203 dpi on 80 mm paper (24 dots = 3 mm); (size, bold).
_STYLE_FONTS = {
    TextStyle.HALL: (30, True),
    TextStyle.TITLE: (42, True),
    TextStyle.NUMBER_LABEL: (22, False),
    TextStyle.NUMBER: (64, True),
    TextStyle.HEADING: (26, True),
    TextStyle.BODY: (26, False),
    TextStyle.SMALL: (22, False),
}
_NARROW_SCALE = 0.875  # 58 mm paper: slightly smaller type, still >= 19 dots
_WRAP_SLACK = 2.0  # dots kept free at the right so rounding never pushes ink out
_RULE_DOTS = 2


@dataclass(frozen=True, eq=False)
class PlacedText:
    """One drawn line: its font, baseline origin and ink bounding box."""

    text: str
    font: QFont
    origin: QPointF
    ink: QRectF


@dataclass(frozen=True)
class PlacedRule:
    y: int


@dataclass(frozen=True)
class PlacedQr:
    """The QR's top-left corner (outside the quiet zone) and module size."""

    matrix: QrMatrix
    module: int
    left: int
    top: int

    @property
    def side(self) -> int:
        return self.matrix.size_with_quiet_zone * self.module


@dataclass(frozen=True, eq=False)
class ReceiptPage:
    """A laid-out receipt: page size in dots and everything placed on it."""

    width: int
    height: int
    margin: int
    items: list[PlacedText | PlacedRule | PlacedQr] = field(default_factory=list)

    @property
    def texts(self) -> list[PlacedText]:
        return [item for item in self.items if isinstance(item, PlacedText)]

    @property
    def qr(self) -> PlacedQr | None:
        return next((item for item in self.items if isinstance(item, PlacedQr)), None)


def receipt_font(pixel_size: int, bold: bool) -> QFont:
    """A CJK-capable font by family names, unhinted so widths match on every device."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def has_cjk_font() -> bool:
    """Whether the receipt font can draw hanzi (without one they print as boxes)."""
    metrics = QFontMetricsF(receipt_font(24, False))
    return all(metrics.inFontUcs4(ord(char)) for char in "回执办理")


def _style_font(style: TextStyle, paper_dots: int) -> QFont:
    size, bold = _STYLE_FONTS[style]
    if paper_dots < paper_width_dots(80):
        size = round(size * _NARROW_SCALE)
    return receipt_font(size, bold)


def _place_text(block: TextBlock, page: ReceiptPage, y: float) -> float:
    available = page.width - 2 * page.margin - _WRAP_SLACK
    font = _style_font(block.style, page.width)
    metrics = QFontMetricsF(font)
    if block.style is TextStyle.NUMBER:  # as large as fits on one line, never below body
        floor = _STYLE_FONTS[TextStyle.BODY][0]
        while metrics.horizontalAdvance(block.text) > available and font.pixelSize() > floor:
            font.setPixelSize(font.pixelSize() - 2)
            metrics = QFontMetricsF(font)
    for line in wrap_text(block.text, available, metrics.horizontalAdvance):
        advance = metrics.horizontalAdvance(line)
        x: float = page.margin
        if block.align is Align.CENTER:
            x += (page.width - 2 * page.margin - advance) / 2
        origin = QPointF(x, y + metrics.ascent())
        ink = metrics.boundingRect(line).translated(origin)
        page.items.append(PlacedText(line, font, origin, ink))
        y += metrics.lineSpacing()
    return y + metrics.lineSpacing() * 0.25


def lay_out_page(receipt: Receipt, paper_width_mm: int = 80) -> ReceiptPage:
    """Place the receipt's blocks on a page as wide as the paper's printable dots."""
    width = paper_width_dots(paper_width_mm)
    page = ReceiptPage(width=width, height=0, margin=width // 48)
    y: float = page.margin
    for block in receipt_blocks(receipt):
        if isinstance(block, TextBlock):
            y = _place_text(block, page, y)
        elif isinstance(block, RuleBlock):
            page.items.append(PlacedRule(round(y + 4)))
            y += 12
        elif isinstance(block, QrBlock):
            matrix = build_qr_matrix(block.payload)
            module = module_dots(matrix.size, width)
            side = matrix.size_with_quiet_zone * module
            page.items.append(PlacedQr(matrix, module, (width - side) // 2, round(y)))
            y += side
    return ReceiptPage(width, round(y) + 3 * page.margin, page.margin, page.items)


def _paint_qr(painter: QPainter, qr: PlacedQr) -> None:
    painter.fillRect(QRect(qr.left, qr.top, qr.side, qr.side), QColor("white"))
    black = QColor("black")
    offset = QUIET_ZONE_MODULES * qr.module
    for row_index, row in enumerate(qr.matrix.rows):
        y = qr.top + offset + row_index * qr.module
        for start, length in dark_runs(row):
            x = qr.left + offset + start * qr.module
            painter.fillRect(QRect(x, y, length * qr.module, qr.module), black)


def paint_page(page: ReceiptPage, painter: QPainter) -> None:
    """Draw ``page`` with ``painter``, whose coordinates are the page's dots."""
    painter.fillRect(QRectF(0, 0, page.width, page.height), QColor("white"))
    painter.setPen(QColor("black"))
    for item in page.items:
        if isinstance(item, PlacedText):
            painter.setFont(item.font)
            painter.drawText(item.origin, item.text)
        elif isinstance(item, PlacedRule):
            rule = QRect(page.margin, item.y, page.width - 2 * page.margin, _RULE_DOTS)
            painter.fillRect(rule, QColor("black"))
        else:
            _paint_qr(painter, item)


def render_image(receipt: Receipt, paper_width_mm: int = 80) -> QImage:
    """The receipt as an 8-bit grey image, one pixel per printer dot (203 dpi)."""
    page = lay_out_page(receipt, paper_width_mm)
    image = QImage(page.width, page.height, QImage.Format.Format_Grayscale8)
    dots_per_metre = round(DOTS_PER_INCH / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        paint_page(page, painter)
    finally:
        painter.end()
    return image


def image_png(image: QImage) -> bytes:
    """PNG bytes of ``image``."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise RuntimeError(f"Qt could not encode the receipt as PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def receipt_page_layout(paper_width_mm: int, page: ReceiptPage) -> QPageLayout:
    """A page as wide as the paper and as long as the receipt, printable area centred."""
    mm_per_dot = 25.4 / DOTS_PER_INCH
    side = max(0.0, (paper_width_mm - page.width * mm_per_dot) / 2)
    size = QPageSize(
        QSizeF(paper_width_mm, page.height * mm_per_dot), QPageSize.Unit.Millimeter, "Receipt"
    )
    margins = QMarginsF(side, 0, side, 0)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def render_pdf(receipt: Receipt, paper_width_mm: int = 80) -> bytes:
    """The receipt as a one-page PDF on paper of the roll's width."""
    page = lay_out_page(receipt, paper_width_mm)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DOTS_PER_INCH)
    writer.setPageLayout(receipt_page_layout(paper_width_mm, page))
    painter = QPainter(writer)
    try:
        paint_page(page, painter)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())
