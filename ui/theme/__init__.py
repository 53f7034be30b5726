"""The touch theme: palette, metrics, style sheet, and the CJK font it relies on."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLayout, QWidget

from ui.theme.metrics import MIN_TARGET_PX, MIN_TEXT_PX, Metrics
from ui.theme.palette import HIGH_CONTRAST, NORMAL, Palette, contrast_ratio
from ui.theme.stylesheet import build_stylesheet

__all__ = [
    "HIGH_CONTRAST",
    "MIN_TARGET_PX",
    "MIN_TEXT_PX",
    "NORMAL",
    "Metrics",
    "Palette",
    "Theme",
    "apply_spacing",
    "cjk_family",
    "contrast_ratio",
]

_PREFERRED = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)


def cjk_family() -> str:
    """A font family that can draw Simplified Chinese (fc-list :lang=zh), best first."""
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for name in _PREFERRED:
        if name in families:
            return name
    return families[0] if families else "Sans Serif"


class Theme:
    """The current look: normal or elderly (larger, higher contrast, wider spacing)."""

    def __init__(self, elderly_scale: float = 1.3) -> None:
        self.elderly_scale = max(1.3, elderly_scale)
        self.elderly = False
        self.family = cjk_family()

    @property
    def palette(self) -> Palette:
        return HIGH_CONTRAST if self.elderly else NORMAL

    @property
    def metrics(self) -> Metrics:
        return Metrics.for_scale(self.elderly_scale if self.elderly else 1.0)

    def stylesheet(self) -> str:
        """The QSS for the current mode."""
        return build_stylesheet(self.palette, self.metrics, self.family)


def apply_spacing(root: QWidget, factor: float) -> None:
    """Scale every layout's spacing and margins under ``root`` from their original values."""
    for layout in root.findChildren(QLayout):
        base = layout.property("baseSpacing")
        if base is None:
            margins = layout.contentsMargins()
            base = [
                layout.spacing(),
                margins.left(),
                margins.top(),
                margins.right(),
                margins.bottom(),
            ]
            layout.setProperty("baseSpacing", base)
        spacing, left, top, right, bottom = (max(0, round(v * factor)) for v in base)
        if base[0] >= 0:
            layout.setSpacing(spacing)
        layout.setContentsMargins(left, top, right, bottom)
