"""The receipt: the number large and read aloud, the QR, printing with progress,
the printer-failure fallback, what happens next, and its own way back Home.

If the printer fails the row stays unprinted (staff reprint it) and the number
and the QR are shown larger, with an invitation to photograph them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from terminal.receipts.model import Receipt
from terminal.submissions.confirm import Confirmed
from terminal.submissions.printing import record_printed
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.voice import spoken_receipt_number
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label, set_role
from ui.widgets.qr_view import QrView
from ui.widgets.scrolling import KineticScrollArea

log = logging.getLogger(__name__)


class ReceiptScreen(Screen):
    """Shown only after the submission's row is durable."""

    def __init__(self, ctx: KioskContext, receipt: Receipt, confirmed: Confirmed) -> None:
        super().__init__(ctx)
        self.receipt = receipt
        self.confirmed = confirmed
        self.print_state = "idle"  # idle | printing | printed | failed | none
        self.large = False  # number and QR enlarged (the printer failed)
        self.will_print = receipt.kind != "rating"
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(48, 28, 48, 28)
        self.box.setSpacing(40)
        left_panel = QWidget()
        left_panel.setObjectName("Page")
        left = QVBoxLayout(left_panel)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(14)
        self.heading = label("", "title")
        self.number_caption = label("", "muted")
        self.number = label(receipt.grouped_number, "number", wrap=False)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.query_code = label("", "heading", wrap=False)  # 查询码: typed with the number
        # Its width is the column's, whatever its size: `_fit_number` fits the text in it.
        self.number.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.number.installEventFilter(self)
        self.print_status = label("", "notice")
        self.next_caption = label("", "heading")
        self.next_lines = label("", "")
        self.countdown = label("", "small")
        row = QHBoxLayout()
        self.read_again = touch_button("", "secondary", "speaker")
        self.done = touch_button("", "primary", "home")
        row.addWidget(self.read_again)  # as wide as its words; the primary takes the rest
        row.addWidget(self.done, 1)
        for widget in (
            self.heading,
            self.number_caption,
            self.number,
            self.query_code,
            self.print_status,
        ):
            left.addWidget(widget)
        left.addWidget(self.next_caption)
        left.addWidget(self.next_lines)
        left.addStretch(1)
        left.addWidget(self.countdown)
        column = QVBoxLayout()
        column.addWidget(KineticScrollArea(left_panel), 1)
        column.addLayout(row)
        self.box.addLayout(column, 3)
        right = QVBoxLayout()
        self.qr = QrView(300)
        self.qr.set_payload(receipt.qr_payload)
        self.qr_caption = label("", "muted")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.qr, 1)
        right.addWidget(self.qr_caption)
        self.box.addLayout(right, 2)
        self.read_again.clicked.connect(self.read_number)
        self.done.clicked.connect(lambda: ctx.nav.go_home())
        self._left_s = ctx.core.config.receipt.screen_timeout_s
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Your receipt")

    def instruction(self) -> str:
        return self.heading.text()

    def retranslate(self) -> None:
        headings = {
            "rating": self.tr("Thank you for your rating"),
            "application": self.tr("Your application has been received"),
        }
        self.heading.setText(
            headings.get(self.receipt.kind) or self.tr("Your appeal has been received")
        )
        self.number_caption.setText(self.tr("Receipt number"))
        self.query_code.setText(
            self.tr("Query code: {code}").format(code=self.receipt.grouped_query_code)
        )
        self.query_code.setVisible(bool(self.receipt.query_code))
        self.next_caption.setText(self.tr("What happens next"))
        self.next_lines.setText("\n".join(self.receipt.notice_lines))
        self.qr_caption.setText(self.tr("Scan with your phone to follow progress"))
        self.read_again.setText(self.tr("Read the number again"))
        self.done.setText(self.tr("Done"))
        self._show_print_state()
        self._show_countdown()

    def opened(self) -> None:
        self._timer.start()
        if self.will_print and self.print_state == "idle":
            self.start_printing()
        elif not self.will_print:
            self.print_state = "none"
            self._show_print_state()
        QTimer.singleShot(0, self.read_number)

    def read_number(self) -> None:
        """Say the heading and the receipt number digit by digit."""
        locale = self.ctx.locale
        intro = self.tr("Your receipt number is")
        spoken = spoken_receipt_number(self.receipt.receipt_no, locale)
        sep = "：" if locale == "zh_CN" else ": "
        self.ctx.voice.say(f"{self.heading.text()}{sep}{intro}{sep}{spoken}")

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.box.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self._show_large(self.large)

    # printing -----------------------------------------------------------------
    def start_printing(self) -> None:
        printer = self.ctx.devices.printer
        if printer is None:
            self.print_state = "failed"
            self._show_print_state()
            return
        self.print_state = "printing"
        self._show_print_state()
        receipt = self.receipt
        self.ctx.ops.run(
            "io",
            lambda: printer.print_receipt(receipt),
            success=self._printed,
            failure=self._print_raised,
            owner=self,
        )

    def _printed(self, outcome: object) -> None:
        if not getattr(outcome, "printed", False):
            log.warning("receipt not printed: %s", getattr(outcome, "detail", ""))
            self.print_state = "failed"
            self._show_print_state()
            return
        self.print_state = "printed"
        self._show_print_state()
        store, submission_id = self.ctx.core.store, self.confirmed.submission_id
        self.ctx.ops.run(
            "store",
            lambda: record_printed(store, submission_id),
            failure=self._not_recorded,
            owner=self,
        )

    def _not_recorded(self, error: BaseException) -> None:
        """The citizen has the paper and the appeal is saved; only "printed" is not
        recorded, so staff see it as unprinted. The calm banner says what to do."""
        log.warning("receipt printed but not recorded as printed: %s", type(error).__name__)
        self.ctx.ops.fail(error)

    def _print_raised(self, error: BaseException) -> None:
        log.error("printer raised %s; the receipt stays unprinted", type(error).__name__)
        self.print_state = "failed"
        self._show_print_state()

    def _show_print_state(self) -> None:
        state = self.print_state
        texts = {
            "idle": "",
            "none": "",
            "printing": self.tr("Printing your receipt… please wait."),
            "printed": self.tr("Please take your printed receipt from the slot below."),
            "failed": self.tr(
                "The printer is not working right now. Please take a photo of the QR code "
                "and the number with your phone. It is saved all the same."
            ),
        }
        self.print_status.setText(texts[state])
        self.print_status.setVisible(bool(texts[state]))
        failed = state == "failed"
        set_role(self.print_status, "banner" if failed else "notice")
        self._show_large(failed)
        if failed:
            self.ctx.voice.say(texts[state])

    def _show_large(self, large: bool) -> None:
        """No paper: the number and the QR grow so that a phone can photograph them.
        The number grows as wide as fits; in portrait the QR takes the larger share of
        the height (in landscape it already has the full height, which bounds it)."""
        self.large = large
        more = large and self.portrait
        self.box.setStretch(0, 2 if more else 3)
        self.box.setStretch(1, 3 if more else 2)
        self.qr.set_minimum(420 if large else 300)
        self._fit_number()

    def number_px(self) -> int:
        """The number's font size now (the theme's unless enlarged)."""
        return self.number.fontInfo().pixelSize()

    def _fit_number(self) -> None:
        """The theme's size, or (large) up to 1.6 times it, as wide as the column allows."""
        self.number.setStyleSheet("")
        self.number.ensurePolished()
        if not self.large:
            return
        font = QFont(self.number.font())
        base = font.pixelSize()
        width = self.number.width()
        text = self.number.text()
        size = round(base * 1.6)
        while size > base:
            font.setPixelSize(size)
            if QFontMetrics(font).horizontalAdvance(text) <= width - 8:
                break
            size -= 2
        self.number.setStyleSheet(f"font-size: {max(size, base)}px;")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.number and event.type() == QEvent.Type.Resize and self.large:
            self._fit_number()  # a scroll bar or another orientation: another width
        return super().eventFilter(watched, event)

    # own timeout --------------------------------------------------------------
    def _tick(self) -> None:
        self._left_s -= 1
        if self._left_s <= 0:
            self._timer.stop()
            self.ctx.nav.go_home()
            return
        self._show_countdown()

    def _show_countdown(self) -> None:
        self.countdown.setText(
            self.tr("This screen goes back to the start in {n} seconds.").format(n=self._left_s)
        )
