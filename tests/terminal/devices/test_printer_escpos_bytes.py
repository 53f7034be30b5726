"""The ESC/POS byte stream of a receipt: Chinese mode, GB18030, QR, raster fallback, cut."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest
import zxingcpp
from PIL import Image

from terminal.devices.printer.escpos_renderer import EscposOptions, render_escpos, text_columns
from terminal.devices.printer.qr_matrix import build_qr_matrix, estimated_qr_size, module_dots
from terminal.receipts.model import Receipt

FS_AND = b"\x1c&"
GS_QR = b"\x1d(k"
GS_RASTER = b"\x1dv0"


@dataclass
class Line:
    text: str
    width: int
    height: int
    bold: bool
    centered: bool


@dataclass
class Stream:
    """What a printer would make of the bytes."""

    lines: list[Line] = field(default_factory=list)
    qr_functions: list[tuple[int, bytes]] = field(default_factory=list)
    rasters: list[tuple[int, int, bytes]] = field(default_factory=list)
    cuts: int = 0
    chinese_mode_at: int = -1


def parse(data: bytes) -> Stream:
    """Walk the stream command by command; fail on anything a receipt should not send."""
    out, text = Stream(), bytearray()
    width = height = 1
    bold = centered = False
    i = 0
    while i < len(data):
        byte, nxt = data[i], data[i + 1 : i + 2]
        if byte == 0x1B and nxt in (b"@", b"a", b"E", b"d"):
            if nxt == b"a":
                centered = data[i + 2] == 1
            elif nxt == b"E":
                bold = data[i + 2] == 1
            i += 2 if nxt == b"@" else 3
        elif byte == 0x1C and nxt == b"&":
            out.chinese_mode_at = i
            i += 2
        elif byte == 0x1D and nxt == b"!":
            width, height = (data[i + 2] >> 4) + 1, (data[i + 2] & 0x0F) + 1
            i += 3
        elif byte == 0x1D and nxt == b"V":
            out.cuts += 1
            i += 3
        elif data[i : i + 3] == GS_QR:
            length = int.from_bytes(data[i + 3 : i + 5], "little")
            body = data[i + 5 : i + 5 + length]
            assert body[0] == 0x31, "GS ( k must address the QR code (cn = 49)"
            out.qr_functions.append((body[1], bytes(body[2:])))
            i += 5 + length
        elif data[i : i + 3] == GS_RASTER:
            row_bytes = int.from_bytes(data[i + 4 : i + 6], "little")
            rows = int.from_bytes(data[i + 6 : i + 8], "little")
            out.rasters.append((row_bytes, rows, data[i + 8 : i + 8 + row_bytes * rows]))
            i += 8 + row_bytes * rows
        elif byte == 0x0A:
            out.lines.append(Line(text.decode("gb18030"), width, height, bold, centered))
            text.clear()
            i += 1
        else:
            assert byte >= 0x20, f"unexpected control byte 0x{byte:02x} at {i}"
            if byte >= 0x80:
                assert 0 <= out.chinese_mode_at < i, "hanzi bytes before FS &"
            text.append(byte)
            i += 1
    assert not text, "text left without a line feed"
    return out


def decode_raster(stream: Stream) -> str:
    """Rebuild the 1-bit image from the GS v 0 bands and read its QR."""
    widths = {row_bytes for row_bytes, _, _ in stream.rasters}
    assert len(widths) == 1
    row_bytes = widths.pop()
    rows = sum(height for _, height, _ in stream.rasters)
    bits = b"".join(band for _, _, band in stream.rasters)
    # ESC/POS: 1 = dark; PIL mode "1": 1 = white.
    image = Image.frombytes("1", (row_bytes * 8, rows), bytes(b ^ 0xFF for b in bits))
    results = zxingcpp.read_barcodes(image.convert("L"))
    assert len(results) == 1
    return results[0].text


def test_chinese_mode_comes_before_the_hall_name_and_the_title(printer_receipt: Receipt) -> None:
    data = render_escpos(printer_receipt)
    assert data.startswith(b"\x1b@" + FS_AND)
    fs_and = data.index(FS_AND)
    assert fs_and < data.index("昆明市五华区".encode("gb18030"))
    assert fs_and < data.index("回执".encode("gb18030"))
    assert "回执".encode("gb18030") == b"\xbb\xd8\xd6\xb4"


def test_full_width_symbols_are_gb18030_not_question_marks(printer_receipt: Receipt) -> None:
    symbols_only = dataclasses.replace(printer_receipt, subject_label="￥，：")
    data = render_escpos(symbols_only)
    assert b"\xa3\xa4\xa3\xac\xa3\xba" in data  # ￥ ， ： in GB18030
    text = "".join(line.text for line in parse(data).lines)
    assert "：￥，：" in text
    assert "?" not in text and "\ufffd" not in text


def test_native_qr_store_block_holds_the_receipt_url(printer_receipt: Receipt) -> None:
    stream = parse(render_escpos(printer_receipt, EscposOptions(576, native_qr=True)))
    functions = dict(stream.qr_functions)
    assert [fn for fn, _ in stream.qr_functions] == [0x41, 0x43, 0x45, 0x50, 0x51]
    assert functions[0x41] == b"\x32\x00"  # model 2
    assert functions[0x45] == b"\x31"  # error correction M
    assert functions[0x50] == b"\x30" + printer_receipt.qr_payload.encode()
    module = functions[0x43][0]
    assert 2 <= module <= 16
    assert (estimated_qr_size(printer_receipt.qr_payload) + 8) * module <= 576
    assert not stream.rasters


def test_store_block_length_bytes_count_the_payload(printer_receipt: Receipt) -> None:
    data = render_escpos(printer_receipt)
    payload = printer_receipt.qr_payload.encode()
    store = data.index(b"\x1d(k") + 0
    while data[store + 5 : store + 7] != b"\x31\x50":
        store = data.index(b"\x1d(k", store + 1)
    length = int.from_bytes(data[store + 3 : store + 5], "little")
    assert length == len(payload) + 3
    assert data[store + 8 : store + 5 + length] == payload


def test_estimated_qr_size_matches_the_real_symbol(printer_receipt: Receipt) -> None:
    for payload in (printer_receipt.qr_payload, "https://a.cn/r/1", "x" * 200):
        assert estimated_qr_size(payload) == build_qr_matrix(payload).size


@pytest.mark.parametrize("dots", [576, 384])
def test_bitmap_fallback_is_a_raster_qr_that_decodes(printer_receipt: Receipt, dots: int) -> None:
    data = render_escpos(printer_receipt, EscposOptions(dots, native_qr=False))
    assert GS_RASTER in data and GS_QR not in data
    stream = parse(data)
    assert all(row_bytes * 8 <= dots for row_bytes, _, _ in stream.rasters)
    assert decode_raster(stream) == printer_receipt.qr_payload
    # Pixel-exact: the centre dot of every module matches the matrix, quiet zone white.
    matrix = build_qr_matrix(printer_receipt.qr_payload)
    module = module_dots(matrix.size, dots)
    side = matrix.size_with_quiet_zone * module
    left, quiet = (dots - side) // 2, 4 * module
    row_bytes = stream.rasters[0][0]
    bits = b"".join(band for _, _, band in stream.rasters)
    assert len(bits) == row_bytes * side

    def dark(x: int, y: int) -> bool:
        return bool(bits[y * row_bytes + x // 8] >> (7 - x % 8) & 1)

    for r, row in enumerate(matrix.rows):
        for c, cell in enumerate(row):
            centre = quiet + module // 2
            assert dark(left + centre + c * module, centre + r * module) == cell
    assert not any(dark(x, y) for x in range(row_bytes * 8) for y in range(quiet))


@pytest.mark.parametrize("native_qr", [True, False])
def test_ends_with_a_feed_and_one_cut(printer_receipt: Receipt, native_qr: bool) -> None:
    data = render_escpos(printer_receipt, EscposOptions(576, native_qr))
    assert data.endswith(b"\x1bd\x04\x1dV\x00")
    assert parse(data).cuts == 1


@pytest.mark.parametrize("dots", [576, 384])
@pytest.mark.parametrize("native_qr", [True, False])
def test_no_status_request_hides_in_the_stream(
    printer_receipt: Receipt, dots: int, native_qr: bool
) -> None:
    """DLE EOT inside the data would make the printer answer mid-receipt."""
    assert b"\x10\x04" not in render_escpos(printer_receipt, EscposOptions(dots, native_qr))


@pytest.mark.parametrize(("dots", "size"), [(576, (2, 2)), (384, (1, 2))])
def test_receipt_number_is_large_bold_centred_and_whole(
    printer_receipt: Receipt, dots: int, size: tuple[int, int]
) -> None:
    stream = parse(render_escpos(printer_receipt, EscposOptions(dots)))
    number = [line for line in stream.lines if line.text == printer_receipt.grouped_number]
    big = number[0]
    assert (big.width, big.height) == size
    assert big.bold and big.centered


@pytest.mark.parametrize("dots", [576, 384])
def test_every_line_fits_and_nothing_is_lost(printer_receipt: Receipt, dots: int) -> None:
    columns = dots // 12
    stream = parse(render_escpos(printer_receipt, EscposOptions(dots)))
    for line in stream.lines:
        assert text_columns(line.text) * line.width <= columns, line.text
    printed = "".join(line.text for line in stream.lines).replace(" ", "")
    for part in (
        printer_receipt.hall_name,
        printer_receipt.subject_label,
        printer_receipt.masked_contact or "",
        "2026年11月27日10:11",
        "网络恢复后将自动转送",
        *printer_receipt.notice_lines,
    ):
        assert part.replace(" ", "") in printed
