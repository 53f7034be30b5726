"""Sorting scanned codes, and decoding codes from camera frames with zxing-cpp."""

from __future__ import annotations

import io
from datetime import date

import pytest
import qrcode
from PIL import Image
from PySide6.QtGui import QImage

from terminal.devices.scanner import (
    NotAnImageError,
    ScanKind,
    classify_scan,
    decode_codes,
    decode_first,
)
from terminal.receipts.number import ReceiptNumber
from terminal.receipts.qr import receipt_url

BASE = "https://msb.example.gov.cn"
SECRET = b"terminal-0042-secret"
OURS = ReceiptNumber.issue("0042", date(2026, 11, 27), 123)
THEIRS = ReceiptNumber.issue("0077", date(2026, 11, 27), 5)


def classify(text: str):  # type: ignore[no-untyped-def]
    return classify_scan(text, public_base=BASE, secret=SECRET, terminal_code="0042")


def test_our_signed_receipt() -> None:
    result = classify(receipt_url(BASE, OURS.format(), SECRET, 1_795_000_000) + "\r\n")
    assert result.kind is ScanKind.OWN_RECEIPT and result.receipt == OURS
    assert not result.needs_online_lookup


def test_other_terminals_receipt_needs_online_lookup() -> None:
    url = receipt_url(BASE, THEIRS.format(), b"their-secret", 1_795_000_000)
    result = classify(url)
    assert result.kind is ScanKind.OTHER_TERMINAL_RECEIPT and result.receipt == THEIRS
    assert result.needs_online_lookup


def test_tampered_signature_is_unknown() -> None:
    url = receipt_url(BASE, OURS.format(), b"someone-else", 1_795_000_000)
    result = classify(url)
    assert result.kind is ScanKind.UNKNOWN and result.reason == "bad_signature"
    assert result.receipt is None


@pytest.mark.parametrize("text", [OURS.format(), OURS.format().replace("-", " "), "004226112701"
                                  "23X"])  # fmt: skip
def test_bare_receipt_numbers(text: str) -> None:
    result = classify(text)
    assert result.kind is ScanKind.RECEIPT_NUMBER and result.receipt == OURS


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "https://weixin.qq.com/x",
        f"{BASE}/r/0042-261127-0123-1?ts=1&sig=AAAA",
        "6901234567892",
    ],
)
def test_anything_else_is_unknown(text: str) -> None:
    assert classify(text).kind is ScanKind.UNKNOWN


def _qr_png(text: str) -> bytes:
    out = io.BytesIO()
    qrcode.make(text, box_size=6, border=4).save(out)
    return out.getvalue()


def test_decode_from_pil_bytes_and_qimage() -> None:
    url = receipt_url(BASE, OURS.format(), SECRET, 1_795_000_000)
    png = _qr_png(url)
    assert decode_first(png) == url
    assert [c.text for c in decode_codes(Image.open(io.BytesIO(png)))] == [url]
    assert decode_codes(Image.open(io.BytesIO(png)))[0].format == "QRCode"
    qimage = QImage.fromData(png)
    assert not qimage.isNull()
    assert decode_first(qimage) == url


def test_decode_a_rotated_photo_of_a_code_then_classify_it() -> None:
    url = receipt_url(BASE, OURS.format(), SECRET, 1_795_000_000)
    code = Image.open(io.BytesIO(_qr_png(url))).convert("RGB")
    frame = Image.new("RGB", (900, 700), (200, 190, 170))
    frame.paste(code.rotate(90, expand=True), (300, 150))
    out = io.BytesIO()
    frame.save(out, "JPEG", quality=80)
    text = decode_first(out.getvalue())
    assert text is not None and classify(text).kind is ScanKind.OWN_RECEIPT


def test_nothing_to_decode_and_not_an_image() -> None:
    assert decode_codes(Image.new("L", (200, 200), 255)) == []
    assert decode_first(Image.new("P", (50, 50))) is None
    with pytest.raises(NotAnImageError):
        decode_codes(b"%PDF-1.4 not an image")
