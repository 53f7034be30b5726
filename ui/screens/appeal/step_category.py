"""Step 1: what the appeal is about, from the catalog's appeal categories.

A category with sub-categories opens them; the chosen one stays highlighted
when the citizen comes back to this step.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from ui.catalog_view import Node
from ui.screens.appeal.step import Step
from ui.widgets.buttons import touch_button
from ui.widgets.choice_list import ChoiceList
from ui.widgets.labels import label


class CategoryStep(Step):
    """A grid of categories; drill down where there are sub-categories."""

    def __init__(self, ctx, state) -> None:
        super().__init__(ctx, state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        row = QHBoxLayout()
        self.up = touch_button("", "secondary", "back")
        self.parent_label = label("", "heading")
        row.addWidget(self.up)
        row.addWidget(self.parent_label, 1)
        layout.addLayout(row)
        self.choices = ChoiceList(columns=2)
        layout.addWidget(self.choices, 1)
        self.parent_node: Node | None = None
        self.up.clicked.connect(lambda: self._show(None))
        self.choices.chosen.connect(self._chosen)

    def title(self) -> str:
        return self.tr("What is it about?")

    def instruction(self) -> str:
        return self.tr("Tap the topic that fits best. If none fits, choose “Something else”.")

    def retranslate(self) -> None:
        self.up.setText(self.tr("All topics"))
        self._show(self.parent_node)

    def load(self) -> None:
        path = self._path_to(self.state.category)
        self._show(path[-2] if len(path) > 1 else None)

    def _path_to(self, code: str) -> list[Node]:
        def walk(nodes: tuple[Node, ...]) -> list[Node] | None:
            for node in nodes:
                if node.code == code:
                    return [node]
                below = walk(node.children)
                if below:
                    return [node, *below]
            return None

        return (walk(self.ctx.catalog.appeal_categories) or []) if code else []

    def _show(self, parent: Node | None) -> None:
        self.parent_node = parent
        nodes = parent.children if parent else self.ctx.catalog.appeal_categories
        locale = self.ctx.locale
        items = [(n.code, n.name.get(locale) + ("  ›" if n.children else "")) for n in nodes]
        self.choices.set_items(items, {self.state.category})
        self.up.setVisible(parent is not None)
        self.parent_label.setText(parent.name.get(locale) if parent else "")
        self.parent_label.setVisible(parent is not None)

    def _chosen(self, code: str) -> None:
        nodes = (
            self.parent_node.children if self.parent_node else self.ctx.catalog.appeal_categories
        )
        node = next(n for n in nodes if n.code == code)
        if node.children:
            self._show(node)
            return
        self.state.category = code
        self.changed.emit()

    def problem(self) -> str | None:
        if not self.state.category:
            return self.tr("Please tap a topic first.")
        return None
