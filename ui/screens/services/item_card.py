"""A service item as a large card: its name, how many trips it takes and who handles it.

The card is a button holding a word-wrapping label, so long English names wrap
instead of being cut off; taps go through the label to the button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QPalette, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from terminal.catalog import Catalog, Item
from ui.widgets.buttons import touch_button
from ui.widgets.icons import stateful_icon
from ui.widgets.labels import label


def item_summary(item: Item, catalog: Catalog, locale: str) -> str:
    """The second line of a card: ``【跑一次】 五华区人社局``."""
    department = catalog.departments.get(item.department_code)
    where = department.names.get(locale) if department else ""
    return f"【{item.mode.label.get(locale)}】 {where}"


MARK_PX = 40


class WrapButton(QPushButton):
    """A big button whose words wrap (labels inside; taps go through to the button).

    A checkable one shows a ring, and a check mark when checked, on the left; checked,
    it is filled like any chosen choice and its words turn light (``onDark``)."""

    def __init__(self, *roles: str, checkable: bool = False) -> None:
        super().__init__()
        template = touch_button("", "choice")
        self.setProperty("role", "choice")
        self.setFocusPolicy(template.focusPolicy())
        self.setSizePolicy(template.sizePolicy())
        self.setCheckable(checkable)
        template.deleteLater()
        self._row = QHBoxLayout(self)  # kept: layout() is typed QLayout | None
        self._row.setContentsMargins(24, 12, 16, 12)
        self._row.setSpacing(16)
        self.mark: QLabel | None = None
        if checkable:
            self.mark = QLabel()
            self.mark.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            self.mark.setFixedSize(MARK_PX, MARK_PX)
            self._row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignVCenter)
        self._column = QVBoxLayout()
        self._column.setSpacing(4)
        self._row.addLayout(self._column, 1)
        self.lines = [label("", role) for role in roles]
        for part in self.lines:
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            self._column.addWidget(part)
        self.toggled.connect(self._show_checked)
        self._show_checked(False)

    def _show_checked(self, checked: bool) -> None:
        for part in self.lines:
            part.setProperty("onDark", "true" if checked else "false")
            part.style().unpolish(part)
            part.style().polish(part)
        if self.mark is not None and self.lines:
            colour = self.lines[0].palette().color(QPalette.ColorRole.WindowText).name()
            icon = stateful_icon("choice", colour, colour, colour, "choice_on")
            state = QIcon.State.On if checked else QIcon.State.Off
            self.mark.setPixmap(icon.pixmap(QSize(MARK_PX, MARK_PX), QIcon.Mode.Normal, state))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:  # elderly mode: other colours
            self._show_checked(self.isChecked())

    def set_lines(self, *texts: str) -> None:
        for part, text in zip(self.lines, texts, strict=True):
            part.setText(text)
        self.setAccessibleName(" ".join(texts))

    def sizeHint(self) -> QSize:  # the labels decide the size
        return self._row.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self._row.totalHeightForWidth(max(self.width(), 240)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Wrapped words need more height when the button is narrow: ask the layout for it.
        super().resizeEvent(event)
        needed = self._row.totalHeightForWidth(event.size().width())
        # Never below the style's touch target (min-height of the role, larger when elderly).
        needed = max(needed, QPushButton.sizeHint(self).height())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class ItemCard(WrapButton):
    """The item's name in bold, the processing mode and department below."""

    def __init__(self, item: Item, catalog: Catalog, locale: str) -> None:
        super().__init__("heading", "muted")
        self.item_code = item.code
        self.setObjectName("ItemCard")
        self.set_lines(item.names.get(locale), item_summary(item, catalog, locale))


def item_card(item: Item, catalog: Catalog, locale: str) -> ItemCard:
    """A card for ``item``; the caller connects ``clicked``."""
    return ItemCard(item, catalog, locale)
