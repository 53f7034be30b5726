"""prepare_photo: orientation applied, every piece of metadata gone, size limited."""

from __future__ import annotations

import io

import pytest
from PIL import ExifTags, Image

from terminal.devices.camera import PhotoRejected, prepare_captured_photo, prepare_photo

RED, BLUE = (220, 20, 20), (20, 20, 220)


def phone_jpeg(orientation: int = 6) -> bytes:
    """400x200, red left half, blue right half, with GPS, orientation, a comment."""
    image = Image.new("RGB", (400, 200), RED)
    image.paste(BLUE, (200, 0, 400, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.BodySerialNumber] = "SN-12345"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (39.0, 54.0, 27.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (116.0, 23.0, 30.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"home of the citizen", quality=95)
    return out.getvalue()


def near(pixel: tuple[int, ...], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=False))


def test_the_input_really_carries_gps_and_orientation() -> None:
    source = Image.open(io.BytesIO(phone_jpeg()))
    exif = source.getexif()
    assert exif[ExifTags.Base.Orientation] == 6
    assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"


def test_metadata_removed_rotated_and_limited() -> None:
    out = prepare_photo(phone_jpeg(), max_side_px=100, jpeg_quality=80)
    image = Image.open(io.BytesIO(out))
    assert image.format == "JPEG"
    assert not image.getexif()  # no EXIF at all, so no GPS and no orientation
    assert "exif" not in image.info and "comment" not in image.info
    assert "icc_profile" not in image.info and "xmp" not in image.info
    for marker in (b"Exif", b"PhoneMaker", b"SN-12345", b"home of the citizen"):
        assert marker not in out
    # Orientation 6 means "turn 90 degrees clockwise to view": left (red) goes on top.
    assert image.size == (50, 100)
    assert near(image.getpixel((25, 10)), RED)
    assert near(image.getpixel((25, 90)), BLUE)


def test_upright_photo_keeps_its_shape_and_small_ones_are_not_enlarged() -> None:
    photo = prepare_captured_photo(phone_jpeg(orientation=1), max_side_px=1600)
    assert (photo.width, photo.height) == (400, 200)
    image = Image.open(io.BytesIO(photo.jpeg))
    assert near(image.getpixel((10, 100)), RED) and near(image.getpixel((390, 100)), BLUE)
    assert "400x200" in repr(photo) and "\\x" not in repr(photo)


@pytest.mark.parametrize("mode", ["RGBA", "P", "L", "CMYK", "I;16"])
def test_other_image_modes_become_jpeg(mode: str) -> None:
    out = io.BytesIO()
    image = Image.new("RGB", (64, 48), (10, 200, 10)).convert(mode)
    image.save(out, "PNG" if mode != "CMYK" else "TIFF")
    photo = prepare_captured_photo(out.getvalue(), max_side_px=32)
    assert (photo.width, photo.height) == (32, 24)
    assert Image.open(io.BytesIO(photo.jpeg)).mode in ("RGB", "L")


def test_transparent_areas_become_white() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(out, "PNG")
    image = Image.open(io.BytesIO(prepare_photo(out.getvalue())))
    assert near(image.getpixel((10, 10)), (255, 255, 255))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n1 0 obj", "not_an_image"),
        (b"just some text, not a photo", "not_an_image"),
        (phone_jpeg()[:400], "damaged"),
    ],
)
def test_non_images_are_rejected_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(PhotoRejected) as caught:
        prepare_photo(data)
    assert caught.value.reason == reason


def test_huge_dimensions_are_rejected_before_decoding() -> None:
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")  # 100 Mpx, a few kB compressed
    with pytest.raises(PhotoRejected) as caught:
        prepare_photo(out.getvalue())
    assert caught.value.reason == "too_large"


def test_bad_parameters_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="jpeg_quality"):
        prepare_photo(phone_jpeg(), jpeg_quality=0)
