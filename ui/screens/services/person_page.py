"""A person page of an application: the applicant, or (亲友代办) the family member who
files for them. The ID card fills it; once read, the person is shown masked (张*,
5301**********123X), never in full, with "Type instead" to clear it and type.

The applicant page also holds "I am filing for a family member": on, the application
gets a page for the agent (the person at the terminal) after it. Only a card read by
that person (the agent's, or the applicant's own when nobody files for them) may lead
to the large-text offer: a family member's card says nothing about who is at the screen.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from terminal.devices.idcard.card import CardReadFailure, IdCard
from terminal.forms import FieldDefinition, FormSession
from terminal.masking import mask_id_number, mask_name
from ui.catalog_view import CatalogView
from ui.context import KioskContext
from ui.screens.services.form_page import FormPage
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label

CARD_READ_TIMEOUT_S = 10.0


class PersonHost(Protocol):
    """What the application screen keeps across page rebuilds."""

    for_family: bool
    card_filled: set[str]

    def set_for_family(self, on: bool) -> None: ...

    def person_changed(self) -> None: ...


class PersonPage(FormPage):
    """The page's editors, with the card row above them (and the family toggle)."""

    def __init__(
        self,
        fields: tuple[FieldDefinition, ...],
        session: FormSession,
        ctx: KioskContext,
        view: CatalogView,
        photos: dict[str, bytes],
        portrait: bool,
        host: PersonHost,
    ) -> None:
        super().__init__(fields, session, ctx, view, photos, portrait)
        self.ctx, self.session, self.host = ctx, session, host
        self.role = session.definition.id  # applicant | agent
        top = QWidget()
        top.setObjectName("Page")
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        row = QHBoxLayout()
        self.read_card = touch_button("", "secondary", "card")
        self.type_instead = touch_button("", "secondary")
        row.addWidget(self.read_card)
        row.addWidget(self.type_instead)
        row.addStretch(1)
        column.addLayout(row)
        self.card_status = label("", "muted")
        column.addWidget(self.card_status)
        self.family = touch_button("", "choice", checkable=True)
        self.family.setChecked(host.for_family)
        self.family.setVisible(self.role == "applicant")
        column.addWidget(self.family)
        content = next(iter(self.editors.values())).parentWidget()
        holder = content.layout() if content is not None else None
        assert isinstance(holder, QVBoxLayout)
        holder.insertWidget(0, top)
        self.read_card.clicked.connect(self.start_card_read)
        self.type_instead.clicked.connect(self._type_instead)
        self.family.toggled.connect(host.set_for_family)
        if ctx.devices.card_reader is None:
            self.read_card.setEnabled(False)
        self.retranslate()
        self._show_state()

    def retranslate(self) -> None:
        self.read_card.setText(self.tr("Read the ID card"))
        self.type_instead.setText(self.tr("Type instead"))
        self.family.setText(self.tr("I am filing for a family member"))

    @property
    def from_card(self) -> bool:
        return self.role in self.host.card_filled

    def _show_state(self) -> None:
        """Read from a card: masked words instead of the editors (and their keypad)."""
        read = self.from_card
        for editor in self.editors.values():
            editor.setVisible(not read)
        self.keypad.setVisible(not read)
        self.type_instead.setVisible(read)
        if read:
            self.card_status.setText(
                self.tr("From the ID card: {name}, {id}").format(
                    name=mask_name(self.session.value("name")),
                    id=mask_id_number(str(self.session.value("id_number") or "")),
                )
            )
        elif not self.card_status.text():
            self.card_status.setText(self.tr("Place the ID card on the reader, or type."))

    def start_card_read(self) -> None:
        reader = self.ctx.devices.card_reader
        if reader is None:
            return
        self.read_card.setEnabled(False)
        self.card_status.setText(self.tr("Reading… keep the card on the reader."))
        self.ctx.ops.run(
            "io",
            lambda: reader.read(CARD_READ_TIMEOUT_S),
            success=self._card_read,
            failure=lambda _e: self._card_failed(None),
            owner=self,
        )

    def _card_read(self, result: object) -> None:
        self.read_card.setEnabled(True)
        if not isinstance(result, IdCard):
            self._card_failed(result if isinstance(result, CardReadFailure) else None)
            return
        self.session.set("name", result.name)
        self.session.set("id_number", result.id_number)
        self.host.card_filled.add(self.role)
        for editor in self.editors.values():
            editor.load()
        self._show_state()
        self.ctx.voice.say(self.tr("Card read."))
        at_the_screen = self.role == "agent" or not self.host.for_family
        if at_the_screen:
            self.ctx.session.id_card_read.emit(result.age_on(date.today()))
        self.host.person_changed()

    def _card_failed(self, failure: CardReadFailure | None) -> None:
        self.read_card.setEnabled(True)
        if failure is None:
            message = self.tr("The card could not be read. Please type the details instead.")
        else:
            message = failure.message_en if self.ctx.locale == "en" else failure.message_zh
        self.card_status.setText(message)
        self.ctx.voice.say(message)

    def _type_instead(self) -> None:
        self.host.card_filled.discard(self.role)
        for key in ("name", "id_number"):
            self.session.clear(key)
        for editor in self.editors.values():
            editor.load()
        self.card_status.setText("")
        self._show_state()
        self.host.person_changed()
