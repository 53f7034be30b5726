"""Thumbnails of the photos taken so far, each with a big Remove button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from ui.widgets.buttons import touch_button


class PhotoStrip(QWidget):
    """Up to six thumbnails in a grid; ``removed(index)`` when one is taken out."""

    removed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(10)
        self.count = 0

    def set_photos(self, photos: list[bytes]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:  # maybe from its own Remove click: see ChoiceList.set_items
                widget.hide()
                widget.deleteLater()
        self.count = len(photos)
        for i, data in enumerate(photos):
            cell = QWidget()
            # Thumbnail and Remove side by side: a photo adds one row's height, not
            # two, so what is under it (the next button, the text's count) stays in sight.
            column = QHBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            thumb = QLabel()
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            thumb.setPixmap(
                pixmap.scaled(
                    128,
                    88,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            remove = touch_button(self.tr("Remove"), "danger")
            remove.clicked.connect(lambda _=False, index=i: self.removed.emit(index))
            column.addWidget(thumb)
            column.addWidget(remove)
            self._grid.addWidget(cell, i // 3, i % 3)
