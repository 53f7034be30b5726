"""Contrast measured from screenshot pixels (WCAG 2.x relative luminance), for the
accessibility audit (tests/touch/audit.py).

Colours come from the pixel histogram of a region, never from one pixel: the
background is the most frequent colour; the ink is the centre of the strongest
quarter of the pixels that differ visibly from it, so the anti-aliased rim of a glyph
(half ink, half background) does not lower the figure and a stray pixel does not
raise it.
"""

from __future__ import annotations

from collections import Counter

from PIL import Image

Rgb = tuple[int, int, int]


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: Rgb) -> float:
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Rgb, b: Rgb) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def hexed(rgb: Rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _inside(image: Image.Image, rect: list[int], inset: int) -> Image.Image | None:
    x, y, w, h = rect
    left, top = max(0, x + inset), max(0, y + inset)
    right, bottom = min(image.width, x + w - inset), min(image.height, y + h - inset)
    if right - left < 6 or bottom - top < 6:
        return None
    return image.crop((left, top, right, bottom))


def _histogram(region: Image.Image) -> list[tuple[int, Rgb]]:
    found = region.getcolors(region.width * region.height) or []
    return sorted(((n, tuple(c)) for n, c in found), reverse=True)  # type: ignore[misc]


def text_contrast(
    image: Image.Image, rect: list[int], inset: int = 4
) -> tuple[float, Rgb, Rgb] | None:
    """(ratio, ink, background) of the text drawn in ``rect``; None when nothing is
    drawn there (fewer than 12 pixels differ from the background)."""
    region = _inside(image, rect, inset)
    if region is None:
        return None
    colours = _histogram(region)
    ground = colours[0][1]
    ink_pixels = [(contrast(c, ground), n, c) for n, c in colours[1:] if contrast(c, ground) > 1.3]
    total = sum(n for _, n, _ in ink_pixels)
    if total < 12:
        return None
    ink_pixels.sort(reverse=True)
    wanted, seen, strongest = max(1, total // 4), 0, []
    for ratio, n, c in ink_pixels:  # the strongest quarter of the ink
        strongest.append((ratio, n, c))
        seen += n
        if seen >= wanted:
            break
    # Its centre: the pixel-weighted median ratio of that quarter.
    half, running = seen / 2, 0
    for ratio, n, c in sorted(strongest):
        running += n
        if running >= half:
            return ratio, c, ground
    return strongest[0][0], strongest[0][2], ground


def fill_colour(image: Image.Image, rect: list[int], inset: int) -> Rgb | None:
    """The most frequent colour inside ``rect`` (a button's fill)."""
    region = _inside(image, rect, inset)
    return _histogram(region)[0][1] if region is not None else None


def _mode(pixels: list[Rgb]) -> Rgb | None:
    return Counter(pixels).most_common(1)[0][0] if pixels else None


def boundary_colours(image: Image.Image, rect: list[int]) -> tuple[Rgb, Rgb, Rgb] | None:
    """(edge, fill, around) of the control in ``rect``: the strongest colour on its
    outer 4 px, its inner fill and what lies 4–6 px outside it, each sampled on the
    middle half of every side (no rounded corners) that lies on screen."""
    x, y, w, h = rect
    px = image.load()
    edge: list[Rgb] = []
    around: list[Rgb] = []
    inner: list[Rgb] = []

    def put(bucket: list[Rgb], cx: int, cy: int) -> None:
        if 0 <= cx < image.width and 0 <= cy < image.height:
            bucket.append(px[cx, cy])

    for t in range(w // 4, w - w // 4, 2):
        for d in range(4):
            put(edge, x + t, y + d)
            put(edge, x + t, y + h - 1 - d)
        for d in (4, 5, 6):
            if y - d >= 0:
                put(around, x + t, y - d)
            if y + h - 1 + d < image.height:
                put(around, x + t, y + h - 1 + d)
        put(inner, x + t, y + h // 2)
    for t in range(h // 4, h - h // 4, 2):
        for d in range(4):
            put(edge, x + d, y + t)
            put(edge, x + w - 1 - d, y + t)
        for d in (4, 5, 6):
            if x - d >= 0:
                put(around, x - d, y + t)
            if x + w - 1 + d < image.width:
                put(around, x + w - 1 + d, y + t)
    ground = _mode(around)
    fill = _mode(inner) if inner else None
    if ground is None or fill is None or not edge:
        return None
    # The edge colour that stands out most among those covering ≥ 10 % of the edge.
    common = [c for c, n in Counter(edge).items() if n >= 0.1 * len(edge)]
    strongest = max(common or [_mode(edge) or fill], key=lambda c: contrast(c, ground))
    return strongest, fill, ground
