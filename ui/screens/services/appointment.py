"""Booking a visit for an item that cannot be completed here: a day in the next 14
working days and a half-day slot (上午/下午), who is coming, then review with consent.
The request is an `application` submission with `appointment` {date, slot,
hall_code = this branch}, queued like any other; the receipt confirms it."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QVBoxLayout, QWidget

from terminal.forms import FormSession
from terminal.masking import mask_id_number, mask_phone
from ui.catalog_view import CatalogView
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.screens.services.application_draft import application_draft, contact_form, working_days
from ui.screens.services.form_page import FormPage
from ui.screens.services.item_card import WrapButton
from ui.screens.services.service_steps import ServiceSteps
from ui.widgets.choice_list import ChoiceList
from ui.widgets.labels import label
from ui.widgets.step_parts import StepBack

log = logging.getLogger(__name__)
SLOTS = ("am", "pm")


class AppointmentScreen(ServiceSteps, StepBack, Screen):
    """Three pages: when, who, check and send."""

    def __init__(self, ctx: KioskContext, item_code: str, view: CatalogView) -> None:
        super().__init__(ctx)
        self.view = view
        self.item = view.catalog.item(item_code)
        self.contact = FormSession(contact_form())
        self.days = working_days(date.today())
        self.day: date | None = None
        self.slot = ""
        self.build_frame()
        self._show()

    def title(self) -> str:
        return self.tr("Book a visit")

    def spoken_heading(self) -> str:
        return self.page_title.text()

    def instruction(self) -> str:
        return (
            self.tr("Choose a day and morning or afternoon."),
            self.tr("Tell us who is coming."),
            self.tr("Check, agree, then tap “Send request”."),
        )[self.index]

    def retranslate(self) -> None:
        self._show()

    def day_text(self, day: date) -> str:
        pattern = "ddd d MMM" if self.ctx.locale.startswith("en") else "M月d日 ddd"
        return QLocale(self.ctx.locale).toString(QDate(day.year, day.month, day.day), pattern)

    def slot_text(self, slot: str) -> str:
        return self.tr("Morning (上午)") if slot == "am" else self.tr("Afternoon (下午)")

    def _show(self) -> None:
        if self.page is not None:
            self.page.setParent(None)
            self.page.deleteLater()
        if self.index == 0:
            self.page = self._when_page()
            self.page_title.setText(self.tr("When would you like to come?"))
        elif self.index == 1:
            fields = self.contact.pages()[0].fields
            self.page = FormPage(fields, self.contact, self.ctx, self.view, {}, self.portrait)
            self.page_title.setText(self.tr("Who is coming?"))
        else:
            self.page = self._review_page()
            self.page_title.setText(self.tr("Check and send"))
        self.holder.addWidget(self.page)
        self.page.show()
        self.step_label.setText(self.tr("Step {n} of {total}").format(n=self.index + 1, total=3))
        self.problem.clear()
        self._update_buttons()
        self.guidance_changed.emit()

    def _when_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("Page")
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.day_list = ChoiceList(columns=2 if self.portrait else 4)
        chosen = {self.day.isoformat()} if self.day else set()
        self.day_list.set_items([(d.isoformat(), self.day_text(d)) for d in self.days], chosen)
        self.day_list.chosen.connect(self._day_chosen)
        self.slot_list = ChoiceList(columns=2)
        self.slot_list.set_items([(s, self.slot_text(s)) for s in SLOTS], {self.slot})
        self.slot_list.setMinimumHeight(110)
        self.slot_list.chosen.connect(self._slot_chosen)
        column.addWidget(label(self.tr("Day"), "muted"))
        column.addWidget(self.day_list, 3)
        column.addWidget(label(self.tr("Time of day"), "muted"))
        column.addWidget(self.slot_list, 1)
        return page

    def _review_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("Page")
        column = QVBoxLayout(page)
        column.setSpacing(14)
        when = f"{self.day_text(self.day)}  {self.slot_text(self.slot)}" if self.day else ""
        lines = (
            self.tr("Service: {item}").format(item=self.item.names.get(self.ctx.locale)),
            self.tr("When: {when}").format(when=when),
            self.tr("Where: {hall}").format(hall=self.ctx.core.config.terminal.branch_name),
            self.tr("Who: {name}, ID {id}, phone {phone}").format(
                name=self.contact.value("name") or "",
                id=mask_id_number(self.contact.value("id_number")),
                phone=mask_phone(self.contact.value("mobile")),
            ),
        )
        for line in lines:
            column.addWidget(label(line, ""))
        column.addStretch(1)
        self.consent = WrapButton("", checkable=True)
        self.consent.set_lines(
            self.tr("I agree that my details are used only for this appointment.")
        )
        self.consent.setChecked(self.consented)
        self.consent.clicked.connect(self._consent)
        column.addWidget(self.consent)
        return page

    def _update_buttons(self) -> None:
        self.previous.setText(self.tr("Previous"))
        self.previous.setEnabled(self.index > 0 and not self.submitting)
        last = self.index == 2
        if self.submitting:
            self.next.setText(self.tr("Saving…"))
        else:
            self.next.setText(self.tr("Send request") if last else self.tr("Next"))
        self.next.setEnabled(not self.submitting and (not last or self.consented))

    def _day_chosen(self, code: str) -> None:
        self.day = date.fromisoformat(code)
        self.problem.clear()

    def _slot_chosen(self, slot: str) -> None:
        self.slot = slot
        self.problem.clear()

    def _consent(self) -> None:
        self.consented = self.consent.isChecked()
        self._update_buttons()

    def go_next(self) -> None:
        message = None
        if self.index == 0 and (self.day is None or not self.slot):
            message = self.tr("Please choose a day and morning or afternoon.")
        elif self.index == 1 and not self.page.show_problems():
            message = self.tr("Please correct what is marked in red first.")
        if message:
            self.tell(message)
            return
        if self.index == 2:
            self.submit()
            return
        self.go_to(self.index + 1)

    def has_entries(self) -> bool:
        keys = self.contact.definition.fields
        return self.day is not None or any(self.contact.raw_value(k) for k in keys)

    def discard(self) -> None:
        super().discard()
        for key in self.contact.definition.fields:
            self.contact.clear(key)
        self.day, self.slot, self.consented = None, "", False

    def submit(self) -> None:
        appointment = {
            "date": self.day.isoformat() if self.day else "",
            "slot": self.slot,
            "hall_code": self.ctx.core.config.terminal.branch_code,
        }
        draft = application_draft(
            self.item,
            self.view.version,
            None,
            self.contact,
            {},
            self.ctx.locale,
            phone=self.contact.value("mobile"),
            appointment=appointment,
        )
        self.submit_draft(draft, "appointment")
