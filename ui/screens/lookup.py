"""Progress lookup (进度查询): type the receipt number or scan its QR, and see where
the case stands — queued on this terminal, forwarded, or central's status and time."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QVBoxLayout, QWidget

from terminal.devices.scanner.classify import ScanKind, classify_scan
from terminal.receipts.number import ReceiptNumber, ReceiptNumberError
from terminal.submissions.lifecycle import OutboxState
from terminal.submissions.progress import ProgressInfo, find_progress, remote_progress
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.screens.scan_support import attach_scanner
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label, set_role
from ui.widgets.receipt_entry import ReceiptEntry, receipt_problem_text
from ui.widgets.scrolling import KineticScrollArea

log = logging.getLogger(__name__)


class LookupScreen(Screen):
    """Receipt number in, plain progress out."""

    def __init__(self, ctx: KioskContext) -> None:
        super().__init__(ctx)
        layout = self.page_column()
        self.heading = label("", "title")
        self.scan_hint = label("", "muted")
        self.entry = ReceiptEntry()
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
        column.addWidget(self.result)
        layout.addWidget(KineticScrollArea(content), 1)
        layout.addWidget(self.lookup)
        self.lookup.clicked.connect(self.look_up)
        self.entry.submitted.connect(self.look_up)
        self.entry.field.changed.connect(self._typing)
        self.scanner = attach_scanner(self, self.scanned)
        self.last: ProgressInfo | None = None
        self._message_key: tuple[str, ...] = ()
        self.retranslate()

    def title(self) -> str:
        return self.tr("Check progress")

    def instruction(self) -> str:
        return self.tr(
            "Type the receipt number on the keypad, "
            "or hold the receipt's QR code under the scanner."
        )

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Check the progress of your appeal"))
        self.scan_hint.setText(self.instruction())
        self.lookup.setText(self.tr("Look up"))
        self.entry.retranslate()
        if self._message_key:
            self._show(*self._message_key)

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.entry.set_portrait(portrait)

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
        self.look_up()

    def look_up(self) -> None:
        try:
            number = self.entry.parsed()
        except ReceiptNumberError as exc:
            self._show("bad", exc.reason)
            return
        canonical = number.format()
        self.lookup.setEnabled(False)
        core = self.ctx.core
        self.ctx.ops.run(
            "store",
            lambda: find_progress(core, canonical),
            success=lambda info: self._found_locally(number, info),
            failure=self._not_looked_up,
            owner=self,
        )

    def _not_looked_up(self, error: BaseException) -> None:
        """The store could not be read: the citizen may try again (the banner says so)."""
        self.lookup.setEnabled(True)
        self.ctx.ops.fail(error)

    def _found_locally(self, number: ReceiptNumber, info: ProgressInfo | None) -> None:
        if info is not None:
            self.lookup.setEnabled(True)
            self._show_progress(info)
            return
        online_lookup = self.ctx.sync.lookup_receipt
        ours = number.terminal_code == self.ctx.core.terminal_code
        if not self.ctx.session.online:  # never online without sync (OfflineSync)
            self.lookup.setEnabled(True)
            self._show("unknown_here" if ours else "elsewhere_offline")
            return
        self._show("asking")
        canonical = number.format()
        tz = self.ctx.core.config.terminal.timezone
        self.ctx.ops.run(
            "io",
            lambda: remote_progress(canonical, online_lookup(canonical), tz),
            success=self._found_online,
            failure=lambda _e: self._found_online(None),
            owner=self,
        )

    def _found_online(self, info: ProgressInfo | None) -> None:
        self.lookup.setEnabled(True)
        if info is None:
            self._show("unknown")
        else:
            self._show_progress(info)

    def _show_progress(self, info: ProgressInfo) -> None:
        self.last = info
        self._show("progress")

    def _show(self, key: str, reason: str = "") -> None:
        self._message_key = (key, reason)
        info = self.last
        error = key in ("bad", "not_receipt", "unknown", "unknown_here", "elsewhere_offline")
        if key == "bad":
            text = receipt_problem_text(reason)
        elif key == "not_receipt":
            text = self.tr(
                "That code is not one of our receipts. Please scan the QR on the receipt."
            )
        elif key == "unknown_here":
            text = self.tr(
                "No appeal with this number was made at this terminal. Please check the number."
            )
        elif key == "elsewhere_offline":
            text = self.tr(
                "This receipt is from another terminal. It can be looked up here when the "
                "network is back, or on the phone by scanning its QR code."
            )
        elif key == "unknown":
            text = self.tr("No case was found with this number. Please check the number.")
        elif key == "asking":
            text = self.tr("Asking the service platform…")
        else:
            assert info is not None
            text = self._progress_text(info)
        self.result.setText(text)
        self.result.show()
        set_role(self.result, "banner" if error else "notice")
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
