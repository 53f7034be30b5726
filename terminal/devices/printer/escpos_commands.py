"""ESC/POS command bytes used for receipts (Epson ESC/POS, as Chinese printers speak it).

Only what receipts need, each built explicitly so the byte stream can be
checked in tests. python-escpos has no Chinese mode and turns full-width
symbols on their own into ``?``, so text is encoded here (GB18030) and
``FS &`` is sent by us.
"""

from __future__ import annotations

from terminal.devices.printer.qr_matrix import QUIET_ZONE_MODULES, QrMatrix

ESC = b"\x1b"
FS = b"\x1c"
GS = b"\x1d"
DLE = b"\x10"
EOT = b"\x04"
LF = b"\n"

INIT = ESC + b"@"  # ESC @: reset to power-on settings
CHINESE_MODE_ON = FS + b"&"  # FS &: bytes >= 0x80 start a double-byte hanzi
ALIGN_LEFT = ESC + b"a\x00"
ALIGN_CENTER = ESC + b"a\x01"
BOLD_ON = ESC + b"E\x01"
BOLD_OFF = ESC + b"E\x00"
FULL_CUT = GS + b"V\x00"  # GS V 0

# Real-time status requests: DLE EOT n.
STATUS_PRINTER = DLE + EOT + b"\x01"
STATUS_OFFLINE_CAUSE = DLE + EOT + b"\x02"
STATUS_PAPER_SENSOR = DLE + EOT + b"\x04"

# QR error correction level M (GS ( k, function 169: n = 48 + level).
_QR_EC_M = 0x31
_QR_MODEL_2 = 0x32
QR_MAX_MODULE_DOTS = 16


def encode_text(text: str) -> bytes:
    """GB18030 bytes of ``text``; every character has a code, nothing becomes ``?``."""
    return text.encode("gb18030", errors="replace")


def char_size(width: int, height: int) -> bytes:
    """GS ! n: character magnification, 1-8 times in each direction."""
    if not (1 <= width <= 8 and 1 <= height <= 8):
        raise ValueError("character magnification must be 1-8")
    return GS + b"!" + bytes([((width - 1) << 4) | (height - 1)])


def feed_lines(lines: int) -> bytes:
    """ESC d n: print the buffer and feed ``lines`` lines."""
    return ESC + b"d" + bytes([max(0, min(255, lines))])


def _qr_function(fn: int, parameters: bytes) -> bytes:
    """GS ( k pL pH cn=49 fn parameters."""
    length = len(parameters) + 2
    return GS + b"(k" + length.to_bytes(2, "little") + b"\x31" + bytes([fn]) + parameters


def native_qr(payload: str, module_dots: int) -> bytes:
    """The printer-native QR: model 2, module size, level M, store data, print."""
    data = payload.encode("utf-8")
    if len(data) + 3 > 0xFFFF:
        raise ValueError("QR payload too long for GS ( k")
    module_dots = max(1, min(QR_MAX_MODULE_DOTS, module_dots))
    return b"".join(
        (
            _qr_function(0x41, bytes([_QR_MODEL_2, 0x00])),  # fn 165: model 2
            _qr_function(0x43, bytes([module_dots])),  # fn 167: module size
            _qr_function(0x45, bytes([_QR_EC_M])),  # fn 169: error correction M
            _qr_function(0x50, b"\x30" + data),  # fn 180: store data in the symbol area
            _qr_function(0x51, b"\x30"),  # fn 181: print the stored symbol
        )
    )


def raster_rows(matrix: QrMatrix, module_dots: int, left_dots: int) -> tuple[int, list[bytes]]:
    """The QR (with quiet zone) as 1-bit rows: (bytes per row, rows), MSB leftmost, 1 = dark.

    ``left_dots`` of white come first so the code is centred without relying
    on the printer honouring ``ESC a`` for images.
    """
    quiet = QUIET_ZONE_MODULES * module_dots
    width_dots = left_dots + matrix.size_with_quiet_zone * module_dots
    width_bytes = (width_dots + 7) // 8
    white_row = bytes(width_bytes)
    rows: list[bytes] = [white_row] * quiet
    for modules in matrix.rows:
        bits = 0
        for index, dark in enumerate(modules):
            if dark:
                start = left_dots + quiet + index * module_dots
                bits |= ((1 << module_dots) - 1) << (width_bytes * 8 - start - module_dots)
        row = bits.to_bytes(width_bytes, "big")
        rows.extend([row] * module_dots)
    rows.extend([white_row] * quiet)
    return width_bytes, rows


def raster_image(width_bytes: int, rows: list[bytes], band_rows: int = 256) -> bytes:
    """GS v 0 commands for a 1-bit image, in bands of at most ``band_rows`` rows."""
    out = bytearray()
    for top in range(0, len(rows), band_rows):
        band = rows[top : top + band_rows]
        out += GS + b"v0\x00" + width_bytes.to_bytes(2, "little") + len(band).to_bytes(2, "little")
        out += b"".join(band)
    return bytes(out)
