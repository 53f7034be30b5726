"""Step 3: where it happened — the five-level region picker and a street address."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QVBoxLayout

from ui.screens.appeal.step import Step
from ui.widgets.fields import TextField
from ui.widgets.labels import label
from ui.widgets.region_picker import RegionPicker


class PlaceStep(Step):
    """Region on one side, address on the other (stacked in portrait)."""

    def __init__(self, ctx, state) -> None:
        super().__init__(ctx, state)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(28)
        left = QVBoxLayout()
        self.region_caption = label("", "heading")
        self.picker = RegionPicker(ctx.catalog.regions)
        left.addWidget(self.region_caption)
        left.addWidget(self.picker, 1)
        self.box.addLayout(left, 3)
        right = QVBoxLayout()
        self.address = TextField(max_length=120)
        self.address_hint = label("", "small")
        right.addWidget(self.address)
        right.addWidget(self.address_hint)
        right.addStretch(1)
        self.box.addLayout(right, 2)
        self.picker.changed.connect(self._region_changed)
        self.address.changed.connect(self.changed)

    def title(self) -> str:
        return self.tr("Where did it happen?")

    def instruction(self) -> str:
        return self.tr(
            "Choose the area step by step, then type the street and number if you know it."
        )

    def retranslate(self) -> None:
        self.region_caption.setText(self.tr("Area"))
        self.address.caption.setText(self.tr("Street and number (optional)"))
        self.address.edit.setPlaceholderText(self.tr("For example: 12 Xinfu Road"))
        self.address_hint.setText(self.tr("A landmark helps too, such as “opposite the bus stop”."))
        self.picker.set_locale(self.ctx.locale)

    def load(self) -> None:
        if self.picker.code != self.state.region_code:
            self.picker.set_path(self.ctx.catalog.region_path(self.state.region_code))
        if self.address.edit.text() != self.state.address:
            self.address.set_text(self.state.address)

    def save(self) -> None:
        self.state.region_code = self.picker.code if self.picker.complete else ""
        self.state.address = self.address.edit.text()

    def problem(self) -> str | None:
        if not self.picker.path:
            return self.tr("Please choose the area where it happened.")
        if not self.picker.complete:
            return self.tr("Please keep choosing until you reach the village or community.")
        return None

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.box.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.picker.set_columns(2 if not portrait else 3)

    def _region_changed(self, _code: str) -> None:
        self.changed.emit()
