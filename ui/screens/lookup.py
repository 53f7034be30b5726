"""Progress lookup (进度查询): type the receipt number and its query code (查询码), or
scan the receipt's QR, and see where the case stands — queued on this terminal,
forwarded, or central's status and time.

The number alone is not enough (numbers are sequential: anyone could count through
them). This terminal checks the proof of its own receipts itself; for others it asks
central with the proof (terminal/submissions/lookup.py). Wrong proofs are limited here
and at central; the citizen is told in plain words to check the receipt, or after
too many tries to wait or ask the staff. The result sits outside the scrolling part,
right above the button, so it is in view after 查询 whatever the layout.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from sync.protocol import problem_codes as codes
from terminal.devices.scanner.classify import ScanKind, classify_scan
from terminal.receipts.number import ReceiptNumber, ReceiptNumberError
from terminal.submissions.lifecycle import OutboxState
from terminal.submissions.lookup import LocalOutcome, LookupProof, local_lookup
from terminal.submissions.progress import ProgressInfo, remote_progress
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.screens.scan_support import attach_scanner
from ui.widgets.buttons import touch_button
from ui.widgets.fields import DigitField
from ui.widgets.labels import label, set_role
from ui.widgets.receipt_entry import ReceiptEntry, receipt_problem_text
from ui.widgets.scrolling import KineticScrollArea

log = logging.getLogger(__name__)
CODE_DIGITS = 6
NUMBER_LENGTH = 15  # TTTT YYMMDD NNNN C (a longer sequence moves on once it checks)
ERRORS = frozenset(
    {"bad", "not_receipt", "code_missing", "code_wrong", "locked", "offline", "unreachable"}
)


class LookupScreen(Screen):
    """Receipt number and query code in, plain progress out."""

    def __init__(self, ctx: KioskContext) -> None:
        super().__init__(ctx)
        layout = self.page_column()
        self.heading = label("", "title")
        self.scan_hint = label("", "muted")
        self.entry = ReceiptEntry()
        self.code = DigitField(CODE_DIGITS, self._check_code)
        self.entry.column.insertWidget(2, self.code)  # under the number, beside the keypad
        self.result = label("", "notice")
        self.result.hide()
        self.lookup = touch_button("", "primary", "search")
        content = QWidget()
        content.setObjectName("Page")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        for widget in (self.heading, self.scan_hint):
            column.addWidget(widget)
        column.addWidget(self.entry, 1)
        layout.addWidget(KineticScrollArea(content), 1)
        layout.addWidget(self.result)
        layout.addWidget(self.lookup)
        self.lookup.clicked.connect(self.look_up)
        self.entry.submitted.connect(self.look_up)
        self.code.edit.returnPressed.connect(self.look_up)
        self.entry.field.changed.connect(self._number_typed)
        self.code.changed.connect(self._typing)
        self.entry.field.touched.connect(lambda _f: self._type_into_number())
        self.code.touched.connect(lambda _f: self._type_into_code())
        self.scanner = attach_scanner(self, self.scanned)
        self.limiter = ctx.lookup_limiter  # kept by the kiosk: leaving the screen resets nothing
        self.last: ProgressInfo | None = None
        self._message_key: tuple[str, ...] = ()
        self.retranslate()

    def title(self) -> str:
        return self.tr("Check progress")

    def instruction(self) -> str:
        return self.tr(
            "Type the receipt number and the query code printed under it, "
            "or hold the receipt's QR code under the scanner."
        )

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Check the progress of your appeal"))
        self.scan_hint.setText(self.instruction())
        self.lookup.setText(self.tr("Look up"))
        self.entry.retranslate()
        self.code.caption.setText(self.tr("Query code"))
        self.code.recheck()
        if self._message_key:
            self._show(*self._message_key)

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.entry.set_portrait(portrait)

    def _check_code(self, text: str) -> tuple[bool | None, str]:
        if len(text) < CODE_DIGITS:
            return None, self.tr("6 digits, printed under the receipt number.")
        return True, ""

    def _type_into_number(self) -> None:
        self.entry.keypad.bind(self.entry.field.edit, allow_x=True)

    def _type_into_code(self) -> None:
        self.entry.keypad.bind(self.code.edit, allow_x=False)

    def _number_typed(self) -> None:
        self._typing()
        typed = sum(ch.isalnum() for ch in self.entry.field.text())  # not the dashes
        whole = typed == NUMBER_LENGTH or (typed > NUMBER_LENGTH and self.entry.field.verdict())
        if whole and self.entry.keypad.target is self.entry.field.edit:
            # A whole number (right or not: 查询 says what is wrong): the code comes next.
            self._type_into_code()
            self.code.edit.setFocus()

    def _typing(self) -> None:
        self.result.hide()
        self._message_key = ()

    def scanned(self, text: str) -> None:
        """A scanned code: our own receipt QR, another terminal's, or a bare number."""
        core = self.ctx.core
        secret = core.identity.secret if core.identity else b"\0" * 32
        scan = classify_scan(
            text,
            public_base=core.config.receipt.public_base,
            secret=secret,
            terminal_code=core.terminal_code,
        )
        if scan.kind is ScanKind.UNKNOWN or scan.receipt is None:
            self._show("not_receipt")
            return
        self.entry.set_number(scan.receipt)
        if scan.kind is ScanKind.RECEIPT_NUMBER:  # a bare number: the code is still needed
            self._type_into_code()
            self.code.edit.setFocus()
            return
        self._start(scan.receipt, LookupProof(qr_ts=scan.qr_ts, qr_sig=scan.qr_sig))

    def look_up(self) -> None:
        try:
            number = self.entry.parsed()
        except ReceiptNumberError as exc:
            self._type_into_number()  # the keypad goes back to what needs correcting
            self.entry.field.edit.setFocus()
            self._show("bad", exc.reason)
            return
        code = self.code.text()
        if len(code) != CODE_DIGITS or not code.isdigit():
            self._type_into_code()
            self._show("code_missing")
            return
        self._start(number, LookupProof(query_code=code))

    def _start(self, number: ReceiptNumber, proof: LookupProof) -> None:
        wait_s = self.limiter.wait_s()
        if wait_s:
            self._show("locked", str(wait_s))
            return
        canonical = number.format()
        self.lookup.setEnabled(False)
        core = self.ctx.core
        self.ctx.ops.run(
            "store",
            lambda: local_lookup(core, canonical, proof),
            success=lambda found: self._found_locally(number, proof, *found),
            failure=self._not_looked_up,
            owner=self,
        )

    def _not_looked_up(self, error: BaseException) -> None:
        """The store could not be read: the citizen may try again (the banner says so)."""
        self.lookup.setEnabled(True)
        self.ctx.ops.fail(error)

    def _found_locally(
        self,
        number: ReceiptNumber,
        proof: LookupProof,
        outcome: LocalOutcome,
        info: ProgressInfo | None,
    ) -> None:
        if outcome is LocalOutcome.FOUND and info is not None:
            self.lookup.setEnabled(True)
            self.limiter.succeeded()
            self._show_progress(info)
            return
        if outcome is LocalOutcome.MISMATCH:
            self.lookup.setEnabled(True)
            self._wrong_proof()
            return
        if not self.ctx.session.online:  # never online without sync (OfflineSync)
            self.lookup.setEnabled(True)
            self._show("offline")
            return
        try:
            request = proof.request(number.format())
        except ValueError:  # a QR whose parts central would refuse
            self.lookup.setEnabled(True)
            self._show("not_receipt")
            return
        self._show("asking")
        online_lookup = self.ctx.sync.lookup_receipt
        self.ctx.ops.run(
            "io",
            lambda: online_lookup(request),
            success=lambda answer: self._found_online(number, answer),
            failure=self._not_asked,
            owner=self,
        )

    def _not_asked(self, error: BaseException) -> None:
        log.info("online lookup failed: %s", type(error).__name__)
        self.lookup.setEnabled(True)
        self._show("unreachable")

    def _found_online(self, number: ReceiptNumber, answer: Any) -> None:
        self.lookup.setEnabled(True)
        outcome = answer.get("outcome") if isinstance(answer, dict) else None
        tz = self.ctx.core.config.terminal.timezone
        if outcome == "found":
            info = remote_progress(number.format(), answer.get("case"), tz)
            if info is not None:
                self.limiter.succeeded()
                self._show_progress(info)
                return
        elif outcome == codes.LOOKUP_NOT_MATCHED:
            self._wrong_proof()
            return
        elif outcome == codes.LOOKUP_LOCKED:
            self.limiter.lock_for(float(answer.get("retry_after_s") or 60))
            self._show("locked", str(self.limiter.wait_s()))
            return
        self._show("unreachable")

    def _wrong_proof(self) -> None:
        self.limiter.failed()
        wait_s = self.limiter.wait_s()
        if wait_s:
            self._show("locked", str(wait_s))
        else:
            self._show("code_wrong")

    def _show_progress(self, info: ProgressInfo) -> None:
        self.last = info
        self._show("progress")

    def _text(self, key: str, reason: str) -> str:
        if key == "bad":
            return receipt_problem_text(reason)
        if key == "not_receipt":
            return self.tr(
                "That code is not one of our receipts. Please scan the QR on the receipt."
            )
        if key == "code_missing":
            return self.tr("Please type the 6-digit query code printed under the receipt number.")
        if key == "code_wrong":
            return self.tr(
                "The query code does not match this receipt number. "
                "Please check both on the receipt."
            )
        if key == "locked":
            minutes = max(1, math.ceil(int(reason or "60") / 60))
            return self.tr(
                "Too many tries that did not match. Please wait {n} min and try again, "
                "or ask the staff at the counter."
            ).format(n=minutes)
        if key == "offline":
            return self.tr(
                "This receipt is not on this terminal. It can be looked up here when the "
                "network is back, or on the phone by scanning its QR code."
            )
        if key == "unreachable":
            return self.tr(
                "The service platform cannot be reached just now. Please try again in a "
                "moment, or scan the receipt's QR code with your phone."
            )
        if key == "asking":
            return self.tr("Asking the service platform…")
        assert self.last is not None
        return self._progress_text(self.last)

    def _show(self, key: str, reason: str = "") -> None:
        self._message_key = (key, reason)
        text = self._text(key, reason)
        self.result.setText(text)
        self.result.show()
        set_role(self.result, "banner" if key in ERRORS else "notice")
        self.ctx.voice.say(text)

    def _progress_text(self, info: ProgressInfo) -> str:
        lines = [self.tr("Receipt {no}").format(no=info.receipt_no)]
        status = info.status_in(self.ctx.locale)
        if status:
            lines.append(self.tr("Status: {status}").format(status=status))
            if info.updated_local:
                lines.append(self.tr("Last updated: {when}").format(when=info.updated_local))
        elif info.outbox_state in (OutboxState.PENDING, OutboxState.UPLOADING):
            lines.append(
                self.tr(
                    "Saved on this terminal, waiting to be forwarded. It goes out automatically "
                    "as soon as the network allows."
                )
            )
        elif info.outbox_state == OutboxState.SYNCED:
            lines.append(self.tr("Forwarded to the department in charge."))
        elif info.outbox_state == OutboxState.REJECTED:
            lines.append(self.tr("Our staff need to check this one. Please ask at the counter."))
        if info.created_local:
            lines.append(self.tr("Submitted: {when}").format(when=info.created_local))
        return "\n".join(lines)
