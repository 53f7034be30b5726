"""The last page of an application: everything entered, masked, with “Change” per page,
and the consent toggle that enables Submit."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from terminal.catalog import Catalog
from terminal.forms import FieldType, FormSession
from terminal.masking import mask_name
from ui.screens.services.application_draft import PERSON_FORMS, field_display
from ui.screens.services.item_card import WrapButton
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label
from ui.widgets.scrolling import KineticScrollArea


class ReviewPage(QWidget):
    """``change(page_index)`` when a Change button is tapped; ``consented`` toggles."""

    change = Signal(int)
    consent_changed = Signal()

    def __init__(
        self,
        pages: list[tuple[FormSession, tuple]],
        catalog: Catalog,
        locale: str,
        consented: bool,
    ) -> None:
        super().__init__()
        self.setObjectName("Page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        content = QWidget()
        content.setObjectName("Page")
        grid = QGridLayout(content)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(10)
        grid.setContentsMargins(0, 0, 12, 0)
        self.values: dict[str, str] = {}
        row = 0
        for index, (session, fields) in enumerate(pages):
            for n, definition in enumerate(fields):
                value = field_display(definition, session.value(definition.key), catalog, locale)
                person = session.definition.id in PERSON_FORMS
                if person and definition.key == "name":  # the applicant and an agent: masked
                    value = mask_name(session.value("name")) or "—"
                if definition.type is FieldType.ATTACHMENT and value != "—":
                    value = self.tr("{n} photo(s)").format(n=value)
                agent = session.definition.id == "agent"
                self.values[f"agent.{definition.key}" if agent else definition.key] = value
                grid.addWidget(label(definition.label.get(locale), "muted"), row, 0)
                grid.addWidget(label(value, ""), row, 1)
                if n == 0:
                    change = touch_button(self.tr("Change"), "secondary")
                    change.clicked.connect(lambda _=False, i=index: self.change.emit(i))
                    grid.addWidget(change, row, 2)
                row += 1
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(row, 1)
        layout.addWidget(KineticScrollArea(content), 1)
        self.consent = WrapButton("", checkable=True)
        self.consent.set_lines(
            self.tr(
                "I agree that my details are used only to handle this application "
                "and are sent to the department that handles it."
            )
        )
        self.consent.setChecked(consented)
        self.consent.clicked.connect(self.consent_changed)
        layout.addWidget(self.consent)
