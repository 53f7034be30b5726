"""A QR code drawn crisply: whole pixels per module and a white quiet zone."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

_QUIET = 4  # modules of white border the standard asks for


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR matrix (True = dark) of ``payload``, without the quiet zone."""
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


class QrView(QWidget):
    """Shows one QR payload, as large as its space allows (at least ``minimum`` px)."""

    def __init__(self, minimum: int = 240, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._modules: list[list[bool]] = []
        self._minimum = minimum
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_payload(self, payload: str) -> None:
        self._modules = qr_modules(payload) if payload else []
        self.update()

    def set_minimum(self, minimum: int) -> None:
        self._minimum = minimum
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self._minimum, self._minimum)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._minimum, self._minimum)

    def module_px(self) -> int:
        """Pixels per module at the current size (0 when there is no code)."""
        if not self._modules:
            return 0
        count = len(self._modules) + 2 * _QUIET
        return max(1, min(self.width(), self.height()) // count)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._modules:
            return
        unit = self.module_px()
        count = len(self._modules) + 2 * _QUIET
        side = unit * count
        left = (self.width() - side) // 2
        top = (self.height() - side) // 2
        painter = QPainter(self)
        painter.fillRect(QRect(left, top, side, side), Qt.GlobalColor.white)
        dark = QColor("#000000")
        for y, row in enumerate(self._modules):
            for x, on in enumerate(row):
                if on:
                    painter.fillRect(
                        QRect(left + (x + _QUIET) * unit, top + (y + _QUIET) * unit, unit, unit),
                        dark,
                    )
        painter.end()
