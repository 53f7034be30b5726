"""Sizes of the touch theme, in device-independent pixels.

Normal mode meets kiosk-ux.md's floor (text ≥ 18 px, targets ≥ 60×60); elderly
mode multiplies text and targets by ``scale`` (≥ 1.3) and spacing a bit more.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_TEXT_PX = 18
MIN_TARGET_PX = 60


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one mode; build with `Metrics.for_scale`."""

    scale: float
    small: int
    body: int
    button: int
    heading: int
    title: int
    primary: int
    number: int
    target: int
    primary_target: int
    spacing: int
    padding: int
    radius: int

    @classmethod
    def for_scale(cls, scale: float = 1.0) -> Metrics:
        """Sizes scaled by ``scale`` (1.0 normal, config.ui.elderly_scale in elderly mode)."""

        def px(base: float, factor: float = scale) -> int:
            return round(base * factor)

        spacing_factor = scale if scale <= 1.0 else scale + 0.2
        return cls(
            scale=scale,
            small=px(19),
            body=px(22),
            button=px(26),
            heading=px(28),
            title=px(34),
            primary=px(36),
            number=px(60),
            target=px(72),
            primary_target=px(104),
            spacing=px(16, spacing_factor),
            padding=px(14, spacing_factor),
            radius=px(12),
        )
