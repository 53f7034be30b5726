"""Diagnostics for technicians: the `mashangban doctor` checks and the device checks,
each with a verdict in words and what to do; and enrolment with central typed on screen.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout

from sync.doctor_checks import check_central, check_clock
from terminal.audit import actions
from terminal.audit.checks import check_audit
from terminal.doctor import Check, overall, run_checks
from terminal.doctor_devices import device_checks
from terminal.staff.checks import check_staff
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.staff.check_list import CheckList
from ui.staff.enrolment import EnrolOutcome, enrol_terminal
from ui.staff.mode import StaffMode
from ui.widgets.buttons import touch_button
from ui.widgets.fields import TextField
from ui.widgets.labels import label, set_role
from ui.widgets.scrolling import KineticScrollArea

log = logging.getLogger(__name__)


def core_checks(ctx: KioskContext) -> list[Check]:
    """What `mashangban doctor` checks besides the devices (store lane)."""
    return run_checks(ctx.core, extra=[check_staff, check_audit, check_central, check_clock])


class DiagnosticsScreen(Screen):
    """Staff only."""

    def __init__(self, ctx: KioskContext, staff: StaffMode) -> None:
        super().__init__(ctx)
        self.staff = staff
        self.enrolling = False
        self.outcome: EnrolOutcome | None = None
        self.parts: dict[str, list[Check]] = {"core": [], "devices": []}
        layout = self.page_column()
        self.verdict = label("", "title")
        self.checks = CheckList()
        self.enrol_heading = label("", "heading")
        self.server = TextField(200)
        self.code = TextField(64)
        self.enrol_result = label("", "small")
        self.enrol = touch_button("", "secondary")
        self.enrol.setMinimumHeight(64)
        form = QGridLayout()
        form.addWidget(self.server, 0, 0)
        form.addWidget(self.code, 0, 1)
        form.addWidget(self.enrol, 0, 2, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.verdict)
        layout.addWidget(KineticScrollArea(self.checks), 1)
        layout.addWidget(self.enrol_heading)
        layout.addLayout(form)
        layout.addWidget(self.enrol_result)
        buttons = QHBoxLayout()
        self.again = touch_button("", "primary")
        buttons.addWidget(self.again)
        layout.addLayout(buttons)
        self.again.clicked.connect(self.refresh)
        self.enrol.clicked.connect(self.start_enrolment)
        self.server.changed.connect(self._update)
        self.code.changed.connect(self._update)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Staff: diagnostics")

    def retranslate(self) -> None:
        self.again.setText(self.tr("Check again"))
        self.enrol_heading.setText(self.tr("Enrol with central"))
        self.server.caption.setText(self.tr("Server address (https://…)"))
        self.code.caption.setText(self.tr("Enrolment code"))
        self._update()
        self._show_verdict()
        if self.outcome is not None:
            self._show_outcome(self.outcome)

    def opened(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Doctor checks on the store lane, device checks on the io lane."""
        ctx, states = self.ctx, self.ctx.devices.states
        ctx.ops.run(
            "store",
            lambda: core_checks(ctx),
            success=lambda c: self._checked("core", c),
            owner=self,
        )
        ctx.ops.run(
            "io",
            lambda: device_checks(states()),
            success=lambda c: self._checked("devices", c),
            owner=self,
        )

    def _checked(self, part: str, checks: list[Check]) -> None:
        self.parts[part] = checks
        self.checks.set_checks(self.parts["core"] + self.parts["devices"])
        self._show_verdict()

    def _show_verdict(self) -> None:
        if not self.checks.checks:
            self.verdict.setText(self.tr("Checking…"))
            return
        words = {
            "ok": self.tr("Healthy."),
            "warn": self.tr("Working, but look at the warnings below."),
            "fail": self.tr("Not healthy: see what to do below."),
        }
        self.verdict.setText(words[overall(self.checks.checks)])

    # -- enrolment ------------------------------------------------------------------
    def _update(self) -> None:
        ready = bool(self.server.text()) and bool(self.code.text()) and not self.enrolling
        self.enrol.setEnabled(ready)
        self.enrol.setText(self.tr("Enrolling…") if self.enrolling else self.tr("Enrol"))

    def start_enrolment(self) -> None:
        """Run enrolment on the io lane; the code is cleared from the screen at once."""
        if self.enrolling:
            return
        core, server, code = self.ctx.core, self.server.text(), self.code.text()
        self.code.clear()
        self.enrolling = True
        self._update()
        self.ctx.ops.run(
            "io",
            lambda: enrol_terminal(core, server, code),
            success=self._enrolled,
            failure=lambda error: self._enrolled(EnrolOutcome(False, type(error).__name__[:32])),
            owner=self,
        )

    def _enrolled(self, outcome: EnrolOutcome) -> None:
        self.enrolling = False
        self.outcome = outcome
        self._update()
        detail = {"outcome": outcome.code}
        self.staff.record(actions.ENROLMENT, "ok" if outcome.ok else "failed", detail)
        self._show_outcome(outcome)
        if outcome.ok:
            self.refresh()

    def _show_outcome(self, outcome: EnrolOutcome) -> None:
        words = {
            "bad_url": self.tr("That address cannot be used: it must start with https://."),
            "code_unknown": self.tr("Central does not know this enrolment code."),
            "code_used": self.tr("This enrolment code was already used."),
            "code_expired": self.tr("This enrolment code has expired. Ask for a new one."),
            "code_in_use": self.tr(
                "Another active terminal has this terminal code. Revoke it at central "
                "or configure another code."
            ),
            "refused": self.tr("Central refused the enrolment."),
            "unreachable": self.tr("Central cannot be reached. Check the address and network."),
        }
        if outcome.ok:
            text = self.tr("Enrolled as terminal {code}. Restart the terminal to sync with it.")
            text = text.format(code=outcome.terminal_code)
        else:
            text = words.get(outcome.code, self.tr("Enrolment failed."))
        self.enrol_result.setText(text)
        set_role(self.enrol_result, "ok" if outcome.ok else "error")
