"""The receipt QR code as a module matrix, and its size on paper.

Both the page renderer and the ESC/POS bitmap fallback draw from the same
matrix, at an integer number of dots per module (a fractional scale smears
module edges and hurts scanning), with a four-module quiet zone around it.
"""

from __future__ import annotations

from dataclasses import dataclass

import qrcode
import qrcode.constants

QUIET_ZONE_MODULES = 4
MIN_MODULE_DOTS = 2  # at 203 dpi: 0.25 mm; also keeps DLE EOT (10 04) out of raster data
MAX_MODULE_DOTS = 10
QR_SHARE_OF_WIDTH = 0.6  # the QR (with quiet zone) takes at most this much of the paper


@dataclass(frozen=True)
class QrMatrix:
    """Dark modules of a QR code, row by row, without the quiet zone."""

    rows: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        """Modules per side, without the quiet zone."""
        return len(self.rows)

    @property
    def size_with_quiet_zone(self) -> int:
        return self.size + 2 * QUIET_ZONE_MODULES


def build_qr_matrix(payload: str) -> QrMatrix:
    """The smallest QR (error correction M) that holds ``payload``."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return QrMatrix(tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix()))


def module_dots(modules: int, paper_dots: int, share: float = QR_SHARE_OF_WIDTH) -> int:
    """Whole dots per module so a QR of ``modules`` per side (plus quiet zone) fits.

    The QR and its quiet zone take at most ``share`` of the paper's dots.
    """
    fitted = int(paper_dots * share) // (modules + 2 * QUIET_ZONE_MODULES)
    return max(MIN_MODULE_DOTS, min(MAX_MODULE_DOTS, fitted))


def dark_runs(row: tuple[bool, ...]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in ``row``."""
    runs: list[tuple[int, int]] = []
    start = -1
    for index, dark in enumerate(row):
        if dark and start < 0:
            start = index
        elif not dark and start >= 0:
            runs.append((start, index - start))
            start = -1
    if start >= 0:
        runs.append((start, len(row) - start))
    return runs


# Bytes a version 1-15 QR holds in byte mode at error correction M.
_BYTE_CAPACITY_M = (14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412)


def estimated_qr_size(payload: str) -> int:
    """Modules per side of the QR a printer will draw for ``payload`` (byte mode, M).

    Used to choose the native QR's module size without building the matrix.
    """
    length = len(payload.encode("utf-8"))
    for version, capacity in enumerate(_BYTE_CAPACITY_M, start=1):
        if length <= capacity:
            return 17 + 4 * version
    return 17 + 4 * 40
