"""Find QR codes and barcodes in a camera frame with zxing-cpp.

Accepts a PIL image, a QImage (zxing-cpp reads it directly, so this module
needs no Qt import), a numpy array, or the bytes of an encoded image file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import zxingcpp
from PIL import Image, UnidentifiedImageError


@dataclass(frozen=True)
class DecodedCode:
    text: str
    format: str  # e.g. "QRCode", "Code128"


class NotAnImageError(ValueError):
    """The bytes given are not an image this decoder can open."""


def decode_codes(image: Any) -> list[DecodedCode]:
    """Every readable code in ``image``, in zxing-cpp's order (empty if none)."""
    if isinstance(image, bytes | bytearray | memoryview):
        try:
            pil = Image.open(io.BytesIO(bytes(image)))
            pil.load()
        except (UnidentifiedImageError, OSError) as exc:
            raise NotAnImageError("not a decodable image") from exc
        image = pil
    if hasattr(image, "convertToFormat"):  # a QImage: zxing-cpp reads 8/24/32-bit ones only
        image = image.convertToFormat(type(image).Format.Format_Grayscale8)
    elif isinstance(image, Image.Image) and image.mode not in ("L", "RGB", "RGBA"):
        image = image.convert("RGB")
    return [
        DecodedCode(text=code.text, format=code.format.name)
        for code in zxingcpp.read_barcodes(image)
        if code.valid
    ]


def decode_first(image: Any) -> str | None:
    """The text of the first code found, or None."""
    codes = decode_codes(image)
    return codes[0].text if codes else None
