"""Rating (好差评): which receipt, then one of five levels — none preselected —
with reasons asked for a low score. Queued like any submission (kind "rating")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QStackedWidget, QVBoxLayout, QWidget

from terminal.receipts.number import ReceiptNumberError
from terminal.submissions.draft import Draft
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.screens.scan_support import attach_scanner
from ui.screens.submitting import submit_in_background
from ui.widgets.buttons import touch_button
from ui.widgets.choice_list import ChoiceList
from ui.widgets.fields import TextField
from ui.widgets.labels import label
from ui.widgets.receipt_entry import ReceiptEntry, receipt_problem_text
from ui.widgets.scrolling import KineticScrollArea

SCORES = (
    (5, QT_TRANSLATE_NOOP("RatingScreen", "Very satisfied")),
    (4, QT_TRANSLATE_NOOP("RatingScreen", "Satisfied")),
    (3, QT_TRANSLATE_NOOP("RatingScreen", "Fairly satisfied")),
    (2, QT_TRANSLATE_NOOP("RatingScreen", "Dissatisfied")),
    (1, QT_TRANSLATE_NOOP("RatingScreen", "Very dissatisfied")),
)
REASONS = (
    ("slow", QT_TRANSLATE_NOOP("RatingScreen", "It took too long")),
    ("many_trips", QT_TRANSLATE_NOOP("RatingScreen", "I had to come too many times")),
    ("attitude", QT_TRANSLATE_NOOP("RatingScreen", "Staff were unhelpful")),
    ("unclear", QT_TRANSLATE_NOOP("RatingScreen", "The information was unclear")),
    ("not_solved", QT_TRANSLATE_NOOP("RatingScreen", "My problem was not solved")),
    ("other", QT_TRANSLATE_NOOP("RatingScreen", "Something else")),
)
LOW_SCORE = 2


class RatingScreen(Screen):
    """Page 1: the receipt number. Page 2: the score, reasons and comment."""

    def __init__(self, ctx: KioskContext) -> None:
        super().__init__(ctx)
        layout = self.page_column()
        self.heading = label("", "title")
        layout.addWidget(self.heading)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.entry = ReceiptEntry()
        self.entry_frame = KineticScrollArea(self.entry)
        self.pages.addWidget(self.entry_frame)

        # The five answers never scroll (all five in sight in every layout, elderly
        # too); which receipt, the reasons and the comment scroll beside them
        # (landscape) or below them (portrait).
        self.score_frame = QWidget()
        self.score_frame.setObjectName("Page")
        self.score_box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.score_frame)
        self.score_box.setContentsMargins(0, 0, 0, 0)
        self.score_box.setSpacing(24)
        answers = QVBoxLayout()
        answers.setSpacing(8)
        self.score_group = QButtonGroup(self)
        self.score_buttons = {}
        for score, _text in SCORES:
            button = touch_button("", "choice", "star", checkable=True)
            button.clicked.connect(lambda _=False, s=score: self.choose(s))
            self.score_group.addButton(button, score)
            self.score_buttons[score] = button
            answers.addWidget(button)
        answers.addStretch(1)
        self.score_box.addLayout(answers, 1)
        self.score_page = QWidget()
        self.score_page.setObjectName("Page")
        column = QVBoxLayout(self.score_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.target_label = label("", "notice", wrap=True)  # which receipt is being rated
        column.addWidget(self.target_label)
        self.reasons_caption = label("", "heading")
        self.reasons = ChoiceList(columns=2, multiple=True, scrolls=False)
        self.comment = TextField(max_length=200)
        column.addWidget(self.reasons_caption)
        column.addWidget(self.reasons)
        column.addWidget(self.comment)
        column.addStretch(1)
        self.details = KineticScrollArea(self.score_page)
        self.score_box.addWidget(self.details, 1)
        self.pages.addWidget(self.score_frame)

        self.problem = label("", "error")
        self.problem.hide()  # shown with its words only: an empty line costs the answers room
        layout.addWidget(self.problem)
        self.next = touch_button("", "primary")
        layout.addWidget(self.next)
        self.next.clicked.connect(self.go_next)
        self.entry.submitted.connect(self.go_next)
        self.scanner = attach_scanner(self.entry, self._scanned)
        self.score: int | None = None
        self.target = ""
        self.retranslate()
        self._show_reasons()

    def title(self) -> str:
        return self.tr("Rate our service")

    def instruction(self) -> str:
        if self.pages.currentWidget() is self.entry_frame:
            return self.tr("Type the number on your receipt, or scan its QR code.")
        return self.tr("How satisfied are you? Tap one answer.")

    def retranslate(self) -> None:
        self.heading.setText(self.instruction())
        self.target_label.setText(
            self.tr("You are rating receipt {number}").format(number=self.target)
        )
        self.entry.retranslate()
        # str(): PySide6 types QT_TRANSLATE_NOOP as returning object; it returns its str.
        for score, text in SCORES:
            self.score_buttons[score].setText(self.tr(str(text)))
        self.reasons_caption.setText(self.tr("What went wrong? Tap all that apply."))
        chosen = set(self.reasons.selected())
        self.reasons.set_items([(code, self.tr(str(text))) for code, text in REASONS], chosen)
        self.comment.caption.setText(self.tr("Anything else you want to tell us (optional)"))
        on_entry = self.pages.currentWidget() is self.entry_frame
        self.next.setText(self.tr("Next") if on_entry else self.tr("Submit rating"))

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.entry.set_portrait(portrait)
        self.reasons.set_columns(2 if portrait else 1)
        self.score_box.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def has_entries(self) -> bool:
        return bool(self.entry.field.text() or self.score)

    def handle_back(self) -> bool:
        if self.pages.currentWidget() is self.score_frame:
            self._go(self.entry_frame)
            return True
        return False

    def discard(self) -> None:
        super().discard()
        self.score = None
        self.target = ""
        self.reasons.clear_selection()

    def choose(self, score: int) -> None:
        self.score = score
        self.tell("")
        self._show_reasons()

    def tell(self, message: str) -> None:
        """Show a problem above the button (nothing: the line goes)."""
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def _show_reasons(self) -> None:
        low = self.score is not None and self.score <= LOW_SCORE
        self.reasons_caption.setVisible(low)
        self.reasons.setVisible(low)

    def _go(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self.tell("")
        self.retranslate()
        self.guidance_changed.emit()

    def _scanned(self, text: str) -> None:
        from terminal.receipts.number import parse_receipt_number

        tail = text.strip().split("?")[0].rsplit("/", 1)[-1]
        try:
            self.entry.set_number(parse_receipt_number(tail))
        except ReceiptNumberError:
            self.tell(self.tr("That code is not one of our receipts."))

    def go_next(self) -> None:
        if self.pages.currentWidget() is self.entry_frame:
            try:
                self.target = self.entry.parsed().format()
            except ReceiptNumberError as exc:
                self.tell(receipt_problem_text(exc.reason))
                return
            self._go(self.score_frame)
            return
        if self.score is None:
            self.tell(self.tr("Please tap one of the five answers first."))
            return
        self.submit()

    def payload(self) -> dict[str, object]:
        """sync-protocol.md §2 ``rating``."""
        low = self.score is not None and self.score <= LOW_SCORE
        return {
            "target_receipt_no": self.target,
            "score": self.score,
            "reasons": self.reasons.selected() if low else [],
            "comment": self.comment.text(),
        }

    def submit(self) -> None:
        self.next.setEnabled(False)
        draft = Draft(
            kind="rating",
            code="rating",
            payload=self.payload(),
            catalog_version=self.ctx.catalog.version,
            subject_label=self.tr("Service rating"),
        )
        submit_in_background(
            self.ctx, draft, "rating", owner=self, before_receipt=lambda: None, failed=self._failed
        )

    def _failed(self, message: str | None) -> None:
        self.next.setEnabled(True)
        if message:
            self.tell(message)
            self.ctx.voice.say(message)  # as every other screen says it
