"""An item's service guide (办事指南): what it is, who may apply, the materials, time
limits, fee and where to go; then apply here, book a visit, or print the checklist."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.catalog_view import CatalogView
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.screens.services.checklist import checklist_page, material_lines
from ui.screens.services.item_card import item_summary
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label, set_role
from ui.widgets.scrolling import KineticScrollArea

log = logging.getLogger(__name__)


class ItemDetailScreen(Screen):
    """The guide in a scrolling column; the actions stay at the bottom."""

    def __init__(self, ctx: KioskContext, item_code: str, view: CatalogView) -> None:
        super().__init__(ctx)
        self.view = view
        self.item = view.catalog.item(item_code)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 20, 40, 20)
        outer.setSpacing(14)
        page = QWidget()
        page.setObjectName("Page")
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(8)
        self.sections: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("summary", "who", "materials", "time", "fee", "where", "notes"):
            heading, body = label("", "heading"), label("", "")
            column.addWidget(heading)
            column.addWidget(body)
            self.sections[key] = (heading, body)
        column.addStretch(1)
        outer.addWidget(KineticScrollArea(page), 1)
        self.print_status = label("", "muted")
        outer.addWidget(self.print_status)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.print_list = touch_button("", "secondary", "receipt")
        self.appointment = touch_button("", "primary", "tile")
        self.apply = touch_button("", "primary", "tile")
        for button in (self.print_list, self.appointment, self.apply):
            row.addWidget(button, 1)
        outer.addLayout(row)
        self.apply.setVisible(self.item.completable_at_terminal and self.item.form_id is not None)
        self.appointment.setVisible(not self.apply.isVisibleTo(self))
        if self.apply.isVisibleTo(self):
            self.appointment.setProperty("role", "secondary")
        self.apply.clicked.connect(self._apply)
        self.appointment.clicked.connect(self._book)
        self.print_list.clicked.connect(self._print)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Service guide")  # short: the item's name heads the page

    def spoken_heading(self) -> str:
        return self.item.names.get(self.ctx.locale)

    def instruction(self) -> str:
        if self.apply.isVisibleTo(self):
            return self.tr("You can apply for this here. Tap “Apply here”.")
        return self.tr("This needs a visit to the service window. You can book a time here.")

    def retranslate(self) -> None:
        item, locale, catalog = self.item, self.ctx.locale, self.view.catalog
        department = catalog.departments.get(item.department_code)
        days = self.tr("{n} working days")
        texts = {
            "summary": (item.names.get(locale), item_summary(item, catalog, locale)),
            "who": (self.tr("Who may apply"), item.eligibility.get(locale)),
            "materials": (self.tr("What to bring"), "\n".join(material_lines(item, locale))),
            "time": (
                self.tr("How long it takes"),
                self.tr("By law: {legal}. We promise: {promised}.").format(
                    legal=days.format(n=item.legal_days) if item.legal_days else self.tr("at once"),
                    promised=days.format(n=item.promised_days)
                    if item.promised_days
                    else self.tr("at once"),
                ),
            ),
            "fee": (self.tr("Fee"), self.tr("Free") if item.fee is None else item.fee.get(locale)),
            "where": (
                self.tr("Where to go"),
                "\n".join(
                    part
                    for part in (
                        department.names.get(locale) if department else "",
                        department.address.get(locale) if department and department.address else "",
                        self.tr("Phone: {phone}").format(phone=department.phone)
                        if department and department.phone
                        else "",
                    )
                    if part
                ),
            ),
            "notes": (self.tr("Please note"), item.notes.get(locale) if item.notes else ""),
        }
        for key, (heading_text, body_text) in texts.items():
            heading, body = self.sections[key]
            heading.setText(heading_text)
            body.setText(body_text)
            heading.setVisible(bool(body_text))
            body.setVisible(bool(body_text))
        self.apply.setText(self.tr("Apply here"))
        self.appointment.setText(self.tr("Book an appointment"))
        self.print_list.setText(self.tr("Print this checklist"))

    def _apply(self) -> None:
        from ui.screens.services.application import ApplicationScreen

        self.ctx.nav.push(ApplicationScreen(self.ctx, self.item.code, self.view))

    def _book(self) -> None:
        from ui.screens.services.appointment import AppointmentScreen

        self.ctx.nav.push(AppointmentScreen(self.ctx, self.item.code, self.view))

    def _print(self) -> None:
        printer = self.ctx.devices.printer
        if printer is None:
            self._print_failed(None)
            return
        page = checklist_page(
            self.item, self.view.catalog, self.ctx.core.config.terminal.branch_name
        )
        self.print_list.setEnabled(False)
        self.print_status.setText(self.tr("Printing…"))
        self.ctx.ops.run(
            "io",
            lambda: printer.print_receipt(page),
            success=self._printed,
            failure=self._print_failed,
            owner=self,
        )

    def _printed(self, outcome: object) -> None:
        if not getattr(outcome, "printed", False):
            self._print_failed(None)
            return
        self.print_list.setEnabled(True)
        set_role(self.print_status, "ok")
        self.print_status.setText(self.tr("Printed. Please take the paper from the printer."))

    def _print_failed(self, error: BaseException | None) -> None:
        if error is not None:
            log.warning("checklist not printed: %s", type(error).__name__)
        self.print_list.setEnabled(True)
        set_role(self.print_status, "error")
        self.print_status.setText(
            self.tr("The printer is not working right now. Please take a photo of this list.")
        )
