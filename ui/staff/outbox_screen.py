"""The staff home: the outbox (waiting, sending, refused, unprinted; oldest first) with
reprint per receipt, "Send now", and the way to device status and diagnostics.

Each line shows receipt number, kind, state, age and, for a refusal, central's
reason code and detail: nothing of the sealed content.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from terminal.audit import actions
from terminal.runtime import receipt_for
from terminal.submissions.lifecycle import OutboxState
from terminal.submissions.outbox_view import OutboxRow, outbox_rows
from terminal.submissions.printing import record_reprint
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.staff.mode import StaffMode
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label, set_role
from ui.widgets.scrolling import KineticScrollArea

log = logging.getLogger(__name__)


def age_parts(seconds: float) -> tuple[int, int, int]:
    """(days, hours, minutes) of an age, for "3 h 12 min"."""
    minutes = int(seconds // 60)
    return minutes // 1440, (minutes // 60) % 24, minutes % 60


class OutboxScreen(Screen):
    """Staff only: pushed by StaffMode after sign-in or from the band."""

    def __init__(self, ctx: KioskContext, staff: StaffMode) -> None:
        super().__init__(ctx)
        self.staff = staff
        self.rows: list[OutboxRow] = []
        self.row_widgets: dict[str, QWidget] = {}
        self.reprint_buttons: dict[str, QWidget] = {}
        layout = self.page_column()
        self.heading = label("", "title")
        self.summary = label("", "muted")
        self.message = label("", "notice")
        self.message.hide()
        self.list = QWidget()
        self.list.setObjectName("Page")
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(12)
        self.scroller = KineticScrollArea(self.list)  # not `scroll`/`actions`: Qt methods
        self._action_grid = QGridLayout()
        self.send_now = touch_button("", "primary")
        self.status = touch_button("", "secondary", "warning")
        self.diagnostics = touch_button("", "secondary", "tile")
        self.exit_kiosk = touch_button("", "danger")
        for button in (self.send_now, self.status, self.diagnostics, self.exit_kiosk):
            button.setMinimumHeight(72)
        self._place_actions()
        session = staff.session
        self.exit_kiosk.setVisible(session is not None and session.role == "technician")
        for widget in (self.heading, self.summary, self.message):
            layout.addWidget(widget)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(self._action_grid)
        self.send_now.clicked.connect(self.force_sync)
        self.status.clicked.connect(self._open_status)
        self.diagnostics.clicked.connect(self._open_diagnostics)
        self.exit_kiosk.clicked.connect(staff.exit_kiosk)
        ctx.sync.queue_depth_changed.connect(self.refresh)
        self.retranslate()

    def _place_actions(self) -> None:
        """One row in landscape; in portrait "Send now" gets a row of its own."""
        buttons = (self.send_now, self.status, self.diagnostics, self.exit_kiosk)
        for button in buttons:
            self._action_grid.removeWidget(button)
        if self.portrait:
            self._action_grid.addWidget(self.send_now, 0, 0, 1, 3)
            for column, button in enumerate(buttons[1:]):
                self._action_grid.addWidget(button, 1, column)
        else:
            for column, button in enumerate(buttons):
                self._action_grid.addWidget(button, 0, column)

    def set_portrait(self, portrait: bool) -> None:
        changed = portrait != self.portrait
        super().set_portrait(portrait)
        if changed:
            self._place_actions()

    def title(self) -> str:
        return self.tr("Staff: outbox")

    def instruction(self) -> str:
        return self.tr("Receipts waiting to be sent, refused by central, or not printed.")

    def retranslate(self) -> None:
        self.heading.setText(self.instruction())
        self.send_now.setText(self.tr("Send now"))
        self.status.setText(self.tr("Devices and network"))
        self.diagnostics.setText(self.tr("Diagnostics"))
        self.exit_kiosk.setText(self.tr("Exit kiosk"))
        self._fill()

    def opened(self) -> None:
        self.refresh()

    # -- the list -------------------------------------------------------------------
    def refresh(self, *_args: object) -> None:
        store = self.ctx.core.store
        self.ctx.ops.run("store", lambda: outbox_rows(store), success=self._loaded, owner=self)

    def _loaded(self, rows: list[OutboxRow]) -> None:
        self.rows = rows
        self._fill()

    def age_text(self, seconds: float) -> str:
        days, hours, minutes = age_parts(seconds)
        if days:
            return self.tr("{d} d {h} h").format(d=days, h=hours)
        if hours:
            return self.tr("{h} h {m} min").format(h=hours, m=minutes)
        return self.tr("{m} min").format(m=minutes)

    def state_text(self, row: OutboxRow) -> str:
        words: dict[str, str] = {
            OutboxState.PENDING: self.tr("waiting to send"),
            OutboxState.UPLOADING: self.tr("sending"),
            OutboxState.REJECTED: self.tr("refused by central"),
            OutboxState.SYNCED: self.tr("sent"),
        }
        text = words.get(row.state, row.state)
        return text if row.printed else text + " · " + self.tr("receipt not printed")

    def _fill(self) -> None:
        while (item := self.list_layout.takeAt(0)) is not None:
            if (old := item.widget()) is not None:
                old.hide()  # gone now, not at the next event-loop turn
                old.setParent(None)
                old.deleteLater()
        self.row_widgets.clear()
        self.reprint_buttons.clear()
        for row in self.rows:
            self.list_layout.addWidget(self._line(row))
        self.list_layout.addStretch(1)
        if self.rows:
            self.summary.setText(self.tr("{n} receipts, oldest first.").format(n=len(self.rows)))
        else:
            self.summary.setText(self.tr("Nothing waiting: every receipt is sent and printed."))

    def _line(self, row: OutboxRow) -> QWidget:
        box = QFrame()
        box.setObjectName("OutboxRow")
        box.setStyleSheet("#OutboxRow { border: 2px solid #5f6b7a; border-radius: 8px; }")
        grid = QGridLayout(box)
        grid.setContentsMargins(16, 10, 16, 10)
        kinds = {
            "appeal": self.tr("appeal"),
            "application": self.tr("application"),
            "rating": self.tr("rating"),
        }
        first = label(f"{row.receipt_no} · {kinds.get(row.kind, row.kind)}", "heading")
        second = label(f"{self.state_text(row)} · {self.age_text(row.age_s)}", "muted")
        grid.addWidget(first, 0, 0)
        grid.addWidget(second, 1, 0)
        if row.reason_code:
            reason = self.tr("Central's reason: {code}").format(code=row.reason_code)
            if row.reason_detail:
                reason += f" — {row.reason_detail}"
            grid.addWidget(label(reason, "error"), 2, 0)
        if not row.printed:
            button = touch_button(self.tr("Reprint"), "secondary", "printer")
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _=False, r=row: self.reprint(r))
            grid.addWidget(button, 0, 1, 2, 1)
            self.reprint_buttons[row.receipt_no] = button
        grid.setColumnStretch(0, 1)
        self.row_widgets[row.receipt_no] = box
        return box

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setText(text)
        set_role(self.message, "banner" if problem else "notice")
        self.message.show()

    # -- actions --------------------------------------------------------------------
    def force_sync(self) -> None:
        """Ask sync to run now (audited)."""
        if self.ctx.sync.available:
            self.ctx.sync.kick()
            self.staff.record(actions.FORCE_SYNC, "ok")
            self._say(self.tr("Sending now. The list updates when central answers."))
        else:
            self.staff.record(actions.FORCE_SYNC, "failed", {"reason": "no_sync"})
            self._say(self.tr("Sync is not running on this terminal."), problem=True)
        self.refresh()

    def reprint(self, row: OutboxRow) -> None:
        """Print the receipt again on the io lane; mark it printed and audit on the store lane."""
        printer = self.ctx.devices.printer
        if printer is None:
            self.staff.record(
                actions.REPRINT, "failed", {"receipt_no": row.receipt_no, "reason": "no_printer"}
            )
            self._say(self.tr("No printer is configured on this terminal."), problem=True)
            return
        core, online, locale = self.ctx.core, self.ctx.session.online, self.ctx.locale
        self._say(self.tr("Printing {receipt}…").format(receipt=row.receipt_no))

        def work() -> bool:
            receipt = receipt_for(core, row.receipt_no, online=online, locale=locale)
            outcome = printer.print_receipt(receipt)
            if not outcome.printed:
                log.warning("reprint failed: %s", outcome.detail)
            return bool(outcome.printed)

        self.ctx.ops.run(
            "io",
            work,
            success=lambda printed: self._printed(row, printed),
            failure=lambda error: self._printed(row, False, type(error).__name__),
            owner=self,
        )

    def _printed(self, row: OutboxRow, printed: bool, error: str = "") -> None:
        if error:
            log.error("reprint raised %s", error)
        session = self.staff.session
        if session is None:
            return
        store, audit_of = self.ctx.core.store, self.staff.audit

        def save() -> None:
            record_reprint(
                store,
                audit_of(),
                staff_id=session.staff_id,
                submission_id=row.submission_id,
                receipt_no=row.receipt_no,
                printed=printed,
            )

        self.ctx.ops.run("store", save, success=lambda _: self.refresh(), owner=self)
        if printed:
            self._say(self.tr("Receipt {receipt} printed.").format(receipt=row.receipt_no))
        else:
            text = self.tr("The printer did not print {receipt}. Check paper and cable.")
            self._say(text.format(receipt=row.receipt_no), problem=True)

    def _open_status(self) -> None:
        from ui.staff.status_screen import StatusScreen

        self.ctx.nav.push(StatusScreen(self.ctx, self.staff))

    def _open_diagnostics(self) -> None:
        from ui.staff.diagnostics import DiagnosticsScreen

        self.ctx.nav.push(DiagnosticsScreen(self.ctx, self.staff))
