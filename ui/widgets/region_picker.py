"""Picking a place down the catalog's five region levels (省 → 市 → 县 → 乡 → 村).

The path chosen so far shows as a row of buttons; tapping one goes back to
that level. Below it are the choices of the next level. The pick is complete
when a region without children is chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from ui.catalog_view import Node
from ui.widgets.buttons import touch_button
from ui.widgets.choice_list import ChoiceList
from ui.widgets.labels import label

LEVEL_NAMES = (
    QT_TRANSLATE_NOOP("RegionPicker", "province"),
    QT_TRANSLATE_NOOP("RegionPicker", "city"),
    QT_TRANSLATE_NOOP("RegionPicker", "county or district"),
    QT_TRANSLATE_NOOP("RegionPicker", "town or subdistrict"),
    QT_TRANSLATE_NOOP("RegionPicker", "village or community"),
)


class RegionPicker(QWidget):
    """``changed(code)`` whenever the chosen path changes (empty when cleared)."""

    changed = Signal(str)

    def __init__(self, roots: tuple[Node, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roots = roots
        self.path: list[Node] = []
        self._content_locale = "zh_CN"  # not `locale`: that would hide QWidget.locale()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self._crumbs = QGridLayout()
        self._crumbs.setSpacing(8)
        layout.addLayout(self._crumbs)
        self.prompt = label("", "muted")
        layout.addWidget(self.prompt)
        self.choices = ChoiceList(columns=3)
        layout.addWidget(self.choices, 1)
        self.choices.chosen.connect(self._chosen)
        self._rebuild()

    @property
    def code(self) -> str:
        return self.path[-1].code if self.path else ""

    @property
    def complete(self) -> bool:
        return bool(self.path) and self.path[-1].is_leaf

    def set_path(self, path: list[Node]) -> None:
        self.path = list(path)
        self._rebuild()

    def set_locale(self, locale: str) -> None:
        self._content_locale = locale
        self._rebuild()

    def set_columns(self, columns: int) -> None:
        self.choices.set_columns(columns)

    def _level_children(self) -> tuple[Node, ...]:
        return self.path[-1].children if self.path else self.roots

    def _chosen(self, code: str) -> None:
        node = next(n for n in self._level_children() if n.code == code)
        self.path.append(node)
        self._rebuild()
        self.changed.emit(self.code)

    def _back_to(self, depth: int) -> None:
        self.path = self.path[:depth]
        self._rebuild()
        self.changed.emit(self.code)

    def _rebuild(self) -> None:
        while self._crumbs.count():
            item = self._crumbs.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:  # a crumb's own click gets here: see ChoiceList.set_items
                widget.hide()
                widget.deleteLater()
        for depth, node in enumerate(self.path):
            crumb = touch_button(node.name.get(self._content_locale) + "  ✕", "choice")
            crumb.setToolTip("")
            crumb.clicked.connect(lambda _=False, d=depth: self._back_to(d))
            # Two a row: five levels of long names never push the screen wider.
            self._crumbs.addWidget(crumb, depth // 2, depth % 2)
        children = self._level_children()
        level = min(len(self.path), len(LEVEL_NAMES) - 1)
        if self.complete:
            self.prompt.setText(self.tr("Done. Tap a name above to change it."))
        else:
            # str(): PySide6 types QT_TRANSLATE_NOOP as returning object; it returns its str.
            level_name = self.tr(str(LEVEL_NAMES[level]))
            self.prompt.setText(self.tr("Choose the {level}:").format(level=level_name))
        self.choices.setVisible(bool(children))
        self.choices.set_items([(n.code, n.name.get(self._content_locale)) for n in children])
