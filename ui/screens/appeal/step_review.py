"""Step 6: everything at a glance, ID and phone masked, each part with a Change
button that goes back to its step (keeping everything else)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from ui.screens.appeal.step import Step
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label
from ui.widgets.scrolling import KineticScrollArea

_EXCERPT = 160


class ReviewStep(Step):
    """A read-only summary; Submit is the wizard's primary button."""

    edit_requested = Signal(int)

    def __init__(self, ctx, state) -> None:
        super().__init__(ctx, state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        content.setObjectName("Page")
        self.grid = QGridLayout(content)
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(18)
        self.grid.setColumnStretch(1, 1)
        self.rows: list[tuple[object, object, QPushButton]] = []
        for step_index in range(4):
            caption = label("", "heading", wrap=False)
            value = label("", "")
            change = touch_button("", "secondary")
            change.clicked.connect(lambda _=False, i=step_index: self.edit_requested.emit(i))
            row = len(self.rows)
            self.grid.addWidget(caption, row, 0)
            self.grid.addWidget(value, row, 1)
            self.grid.addWidget(change, row, 2)
            self.rows.append((caption, value, change))
        self.note = label("", "notice")
        self.grid.addWidget(self.note, len(self.rows), 0, 1, 3)
        self.grid.setRowStretch(len(self.rows) + 1, 1)
        layout.addWidget(KineticScrollArea(content), 1)

    def title(self) -> str:
        return self.tr("Please check, then submit")

    def instruction(self) -> str:
        return self.tr("If something is wrong, tap “Change”. If all is right, tap “Submit”.")

    def retranslate(self) -> None:
        captions = (self.tr("Topic"), self.tr("What happened"), self.tr("Place"), self.tr("You"))
        for (caption, _value, change), text in zip(self.rows, captions, strict=True):
            caption.setText(text)  # type: ignore[attr-defined]
            change.setText(self.tr("Change"))
        self.note.setText(
            self.tr(
                "After you tap “Submit”, your appeal is saved and you get a receipt with a "
                "number to follow its progress. It is sent on even if the network is down."
            )
        )
        self.load()

    def load(self) -> None:
        s = self.state
        locale = self.ctx.locale
        category = self.ctx.catalog.category(s.category)
        story = s.description.strip()
        if len(story) > _EXCERPT:
            story = story[:_EXCERPT] + "…"
        extras = []
        if s.photos:
            extras.append(self.tr("{n} photo(s)").format(n=len(s.photos)))
        if s.voice_note:
            extras.append(self.tr("a voice note"))
        if extras:
            story = (story + "\n" if story else "") + self.tr("Attached: {what}").format(
                what=", ".join(extras)
            )
        region = " ".join(n.name.get(locale) for n in self.ctx.catalog.region_path(s.region_code))
        place = region + (("\n" + s.address.strip()) if s.address.strip() else "")
        if s.anonymous:
            who = self.tr("Anonymous: no name or phone number is sent.")
        else:
            parts = [s.masked_name()]
            if s.id_number:
                parts.append(self.tr("ID {id}").format(id=s.masked_id()))
            parts.append(self.tr("Phone {phone}").format(phone=s.masked_phone()))
            if s.wants_reply:
                parts.append(self.tr("wants to be contacted"))
            who = "\n".join(parts)
        values = (category.name.get(locale) if category else "", story, place, who)
        for (_caption, value, _change), text in zip(self.rows, values, strict=True):
            value.setText(text)  # type: ignore[attr-defined]
