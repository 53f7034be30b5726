"""Simple line icons drawn with QPainter (no downloaded assets).

Icons always sit next to words (kiosk-ux.md: icons carry words), so they are
plain and bold rather than detailed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

_SIZE = 96
Draw = Callable[[QPainter], None]


def _home(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(14, 46)
    path.lineTo(48, 16)
    path.lineTo(82, 46)
    p.drawPath(path)
    p.drawRect(QRectF(24, 44, 48, 36))
    p.drawRect(QRectF(42, 58, 12, 22))


def _back(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(56, 18)
    path.lineTo(26, 48)
    path.lineTo(56, 78)
    p.drawPath(path)
    p.drawLine(QPointF(28, 48), QPointF(80, 48))


def _loudspeaker(p: QPainter) -> None:
    """The loudspeaker's body, shared by the speaker and mute icons."""
    path = QPainterPath()
    path.moveTo(14, 38)
    path.lineTo(30, 38)
    path.lineTo(48, 20)
    path.lineTo(48, 76)
    path.lineTo(30, 58)
    path.lineTo(14, 58)
    path.closeSubpath()
    p.drawPath(path)


def _speaker(p: QPainter) -> None:
    _loudspeaker(p)
    p.drawArc(QRectF(46, 30, 24, 36), -60 * 16, 120 * 16)
    p.drawArc(QRectF(46, 18, 40, 60), -60 * 16, 120 * 16)


def _mute(p: QPainter) -> None:
    _loudspeaker(p)
    p.drawLine(QPointF(60, 36), QPointF(84, 60))
    p.drawLine(QPointF(84, 36), QPointF(60, 60))


def _search(p: QPainter) -> None:
    p.drawEllipse(QRectF(16, 16, 46, 46))
    p.drawLine(QPointF(56, 56), QPointF(82, 82))


def _star(p: QPainter) -> None:
    import math

    path = QPainterPath()
    for i in range(10):
        r = 36 if i % 2 == 0 else 15
        a = math.pi / 2 + i * math.pi / 5
        point = QPointF(48 + r * math.cos(a), 52 - r * math.sin(a))
        path.moveTo(point) if i == 0 else path.lineTo(point)
    path.closeSubpath()
    p.drawPath(path)


def _star_path(outer: float, inner: float) -> QPainterPath:
    import math

    path = QPainterPath()
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = math.pi / 2 + i * math.pi / 5
        point = QPointF(48 + r * math.cos(a), 52 - r * math.sin(a))
        path.moveTo(point) if i == 0 else path.lineTo(point)
    path.closeSubpath()
    return path


def _cut_check(p: QPainter, left: float, mid: float, right: float, top: float, low: float) -> None:
    """A check mark cut out of what is drawn (transparent: the button's fill shows)."""
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
    check = QPainterPath()
    check.moveTo(left, mid)
    check.lineTo((left + right) / 2 - 4, low)
    check.lineTo(right, top)
    p.strokePath(check, p.pen())
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)


def _star_on(p: QPainter) -> None:
    """A chosen star: filled, with a check mark in it."""
    path = _star_path(46, 22)
    p.fillPath(path, p.pen().color())
    p.drawPath(path)
    _cut_check(p, 34, 54, 62, 44, 66)


def _choice(p: QPainter) -> None:
    """Not chosen: an empty ring."""
    p.drawEllipse(QRectF(14, 14, 68, 68))


def _choice_on(p: QPainter) -> None:
    """Chosen: a filled disc with a check mark in it."""
    disc = QPainterPath()
    disc.addEllipse(QRectF(10, 10, 76, 76))
    p.fillPath(disc, p.pen().color())
    _cut_check(p, 28, 50, 70, 34, 66)


def _chat(p: QPainter) -> None:
    path = QPainterPath()
    path.addRoundedRect(QRectF(12, 16, 72, 50), 10, 10)
    p.drawPath(path)
    tail = QPainterPath()
    tail.moveTo(30, 66)
    tail.lineTo(24, 84)
    tail.lineTo(46, 66)
    p.drawPath(tail)
    for x in (32, 48, 64):
        p.drawPoint(QPointF(x, 41))


def _camera(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(12, 30, 72, 48), 8, 8)
    p.drawRect(QRectF(34, 20, 28, 10))
    p.drawEllipse(QRectF(34, 38, 28, 28))


def _mic(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(36, 12, 24, 44), 12, 12)
    p.drawArc(QRectF(24, 30, 48, 40), 180 * 16, 180 * 16)
    p.drawLine(QPointF(48, 70), QPointF(48, 84))
    p.drawLine(QPointF(34, 84), QPointF(62, 84))


def _card(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(10, 22, 76, 52), 6, 6)
    p.drawEllipse(QRectF(20, 34, 18, 18))
    p.drawLine(QPointF(46, 38), QPointF(76, 38))
    p.drawLine(QPointF(46, 50), QPointF(76, 50))
    p.drawLine(QPointF(20, 62), QPointF(76, 62))


def _elderly(p: QPainter) -> None:
    font = p.font()
    font.setPixelSize(58)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, 10, 96, 80), Qt.AlignmentFlag.AlignCenter, "A+")


def _language(p: QPainter) -> None:
    p.drawEllipse(QRectF(14, 14, 68, 68))
    p.drawEllipse(QRectF(34, 14, 28, 68))
    p.drawLine(QPointF(14, 48), QPointF(82, 48))


def _printer(p: QPainter) -> None:
    p.drawRect(QRectF(28, 12, 40, 22))
    p.drawRoundedRect(QRectF(12, 34, 72, 32), 6, 6)
    p.drawRect(QRectF(28, 56, 40, 28))


def _warning(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(48, 12)
    path.lineTo(86, 80)
    path.lineTo(10, 80)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(48, 36), QPointF(48, 58))
    p.drawPoint(QPointF(48, 70))


def _bell(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(18, 70)
    path.cubicTo(28, 60, 24, 22, 48, 20)
    path.cubicTo(72, 22, 68, 60, 78, 70)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(48, 12), QPointF(48, 20))
    p.drawArc(QRectF(40, 70, 16, 14), 180 * 16, 180 * 16)


def _tile(p: QPainter) -> None:
    for x, y in ((14, 14), (52, 14), (14, 52), (52, 52)):
        p.drawRoundedRect(QRectF(x, y, 30, 30), 6, 6)


_DRAWINGS: dict[str, Draw] = {
    "home": _home,
    "back": _back,
    "speaker": _speaker,
    "mute": _mute,
    "search": _search,
    "star": _star,
    "star_on": _star_on,
    "choice": _choice,
    "choice_on": _choice_on,
    "chat": _chat,
    "camera": _camera,
    "mic": _mic,
    "card": _card,
    "elderly": _elderly,
    "language": _language,
    "printer": _printer,
    "warning": _warning,
    "tile": _tile,
    "bell": _bell,
}


def icon(name: str, colour: str = "#0b3d91") -> QIcon:
    """The named icon in ``colour`` (unknown names get the tile icon)."""
    return QIcon(_pixmap(name, colour))


@lru_cache(maxsize=256)
def stateful_icon(
    name: str, normal: str, checked: str, disabled: str, checked_name: str = ""
) -> QIcon:
    """The named icon drawn in a button's text colour for each of its states, so that
    a checked (dark) button shows a light icon, and a disabled one a grey icon.
    ``checked_name``: another drawing when checked (a chosen choice's check mark).

    Cached (icons are implicitly shared): the Home screen alone asks for 55 icons in
    a handful of colours, and drawing each anew cost ~0.2 s of start-up."""
    result = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Active, QIcon.Mode.Selected):
        result.addPixmap(_pixmap(name, normal), mode, QIcon.State.Off)
        result.addPixmap(_pixmap(checked_name or name, checked), mode, QIcon.State.On)
    result.addPixmap(_pixmap(name, disabled), QIcon.Mode.Disabled, QIcon.State.Off)
    result.addPixmap(_pixmap(checked_name or name, disabled), QIcon.Mode.Disabled, QIcon.State.On)
    return result


@lru_cache(maxsize=256)
def _pixmap(name: str, colour: str) -> QPixmap:
    pixmap = QPixmap(_SIZE, _SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), 7)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    _DRAWINGS.get(name, _tile)(painter)
    painter.end()
    return pixmap


def icon_names() -> list[str]:
    return sorted(_DRAWINGS)
