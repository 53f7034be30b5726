"""A receipt as one ESC/POS byte stream, for 80 mm and 58 mm thermal printers.

The stream: ``ESC @``, ``FS &`` (Chinese mode, before any hanzi), the layout's
blocks as GB18030 text wrapped to the paper's columns, the QR code (native
``GS ( k`` or a ``GS v 0`` raster image), a feed and ``GS V`` cut.

Font A is 12 × 24 dots: a half-width character takes one 12-dot column, a
hanzi or full-width symbol two. Lines are broken here rather than by the
printer, so a line never splits a receipt number or a URL.
"""

from __future__ import annotations

from dataclasses import dataclass

from terminal.devices.printer import escpos_commands as cmd
from terminal.devices.printer.layout import (
    PAPER_WIDTH_DOTS,
    Align,
    Block,
    QrBlock,
    RuleBlock,
    TextBlock,
    TextStyle,
    receipt_blocks,
)
from terminal.devices.printer.qr_matrix import (
    build_qr_matrix,
    estimated_qr_size,
    module_dots,
)
from terminal.devices.printer.wrapping import wrap_text
from terminal.receipts.model import Receipt

COLUMN_DOTS = 12  # Font A half-width character
FEED_LINES_BEFORE_CUT = 4

# (width, height) magnifications to try, largest first, and whether bold.
_STYLE_SIZES: dict[TextStyle, tuple[tuple[tuple[int, int], ...], bool]] = {
    TextStyle.HALL: (((1, 2),), True),
    TextStyle.TITLE: (((2, 2),), True),
    TextStyle.NUMBER_LABEL: (((1, 1),), False),
    # The number stays on one line if any size allows it: double, then tall only.
    TextStyle.NUMBER: (((2, 2), (1, 2), (1, 1)), True),
    TextStyle.HEADING: (((1, 1),), True),
    TextStyle.BODY: (((1, 1),), False),
    TextStyle.SMALL: (((1, 1),), False),
}


@dataclass(frozen=True)
class EscposOptions:
    """How to render: printable dots across the paper, and the QR method."""

    paper_dots: int = PAPER_WIDTH_DOTS[80]
    native_qr: bool = True

    @property
    def columns(self) -> int:
        """Half-width characters per line at normal size."""
        return self.paper_dots // COLUMN_DOTS


def text_columns(text: str) -> int:
    """Columns ``text`` takes at normal size: 1 per ASCII character, 2 per other."""
    return sum(1 if ord(char) < 0x80 else 2 for char in text)


def _text_block(block: TextBlock, columns: int) -> bytes:
    sizes, bold = _STYLE_SIZES[block.style]
    chosen = sizes[-1]
    for size in sizes:
        if text_columns(block.text) * size[0] <= columns:
            chosen = size
            break
    width_mul = chosen[0]
    lines = wrap_text(block.text, columns, lambda s: text_columns(s) * width_mul)
    out = bytearray(cmd.ALIGN_CENTER if block.align is Align.CENTER else cmd.ALIGN_LEFT)
    out += cmd.char_size(*chosen)
    if bold:
        out += cmd.BOLD_ON
    for line in lines:
        out += cmd.encode_text(line) + cmd.LF
    if bold:
        out += cmd.BOLD_OFF
    if chosen != (1, 1):
        out += cmd.char_size(1, 1)
    return bytes(out)


def _qr_block(block: QrBlock, options: EscposOptions) -> bytes:
    if options.native_qr:
        size = module_dots(estimated_qr_size(block.payload), options.paper_dots)
        return cmd.ALIGN_CENTER + cmd.native_qr(block.payload, size) + cmd.LF
    matrix = build_qr_matrix(block.payload)
    size = module_dots(matrix.size, options.paper_dots)
    qr_dots = matrix.size_with_quiet_zone * size
    left = max(0, (options.paper_dots - qr_dots) // 2)
    width_bytes, rows = cmd.raster_rows(matrix, size, left)
    return cmd.ALIGN_LEFT + cmd.raster_image(width_bytes, rows)


def _block_bytes(block: Block, options: EscposOptions) -> bytes:
    if isinstance(block, TextBlock):
        return _text_block(block, options.columns)
    if isinstance(block, RuleBlock):
        return cmd.ALIGN_LEFT + b"-" * options.columns + cmd.LF
    return _qr_block(block, options)


def render_escpos(receipt: Receipt, options: EscposOptions | None = None) -> bytes:
    """The whole receipt as ESC/POS bytes, ending with a feed and a full cut."""
    options = options or EscposOptions()
    parts = [cmd.INIT, cmd.CHINESE_MODE_ON]
    parts.extend(_block_bytes(block, options) for block in receipt_blocks(receipt))
    parts.append(cmd.feed_lines(FEED_LINES_BEFORE_CUT))
    parts.append(cmd.FULL_CUT)
    return b"".join(parts)
