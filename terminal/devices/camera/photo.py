"""Make any photo safe to keep and send: upright, small, and with no metadata.

A phone or camera JPEG can carry GPS coordinates, the device's serial number,
a thumbnail of the uncropped picture and comments. `prepare_photo` applies
the EXIF orientation first (so the picture stays upright), then re-encodes
only the pixels into a new JPEG: no EXIF, XMP, ICC, comment or thumbnail
survives. It also limits the longest side.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_INPUT_PIXELS = 60_000_000  # a 60-megapixel photo is the largest we accept


class PhotoRejected(ValueError):
    """An input that is not a usable photo.

    ``reason``: ``empty``, ``not_an_image``, ``too_large``, ``damaged``.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, repr=False)
class CapturedPhoto:
    """A photo ready to attach: a clean JPEG and its size in pixels."""

    jpeg: bytes
    width: int
    height: int

    def __repr__(self) -> str:  # never dump the picture into a log
        return f"CapturedPhoto({self.width}x{self.height}, {len(self.jpeg)} bytes)"


def prepare_photo(image_bytes: bytes, max_side_px: int = 1600, jpeg_quality: int = 85) -> bytes:
    """The photo upright, at most ``max_side_px`` on its longest side, as a bare JPEG.

    Raises `PhotoRejected` for anything that is not a readable image.
    """
    return prepare_captured_photo(image_bytes, max_side_px, jpeg_quality).jpeg


def prepare_captured_photo(
    image_bytes: bytes, max_side_px: int = 1600, jpeg_quality: int = 85
) -> CapturedPhoto:
    """As `prepare_photo`, with the resulting width and height."""
    if max_side_px < 16 or not 1 <= jpeg_quality <= 95:
        raise ValueError("max_side_px must be >= 16 and jpeg_quality 1..95")
    if not image_bytes:
        raise PhotoRejected("empty")
    image = _open(bytes(image_bytes))
    upright = ImageOps.exif_transpose(image)
    if upright.mode not in ("RGB", "L"):
        upright = _flatten(upright)
    upright.thumbnail((max_side_px, max_side_px), Image.Resampling.LANCZOS)
    # A new image from the pixels alone: nothing from image.info can follow.
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=jpeg_quality, optimize=True)
    return CapturedPhoto(out.getvalue(), clean.width, clean.height)


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_INPUT_PIXELS:
                raise PhotoRejected("too_large", f"{image.width}x{image.height} pixels")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoRejected("too_large", "decompression bomb") from exc
    except UnidentifiedImageError as exc:
        raise PhotoRejected("not_an_image", "not a JPEG, PNG or other image file") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoRejected("damaged", type(exc).__name__) from exc
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on a white background (transparency, palettes, CMYK, 16-bit)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode.startswith("I"):  # 16/32-bit grey: scale to 8 bits
        return image.point(lambda v: v / 256).convert("L")
    return image.convert("RGB")
