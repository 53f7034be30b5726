"""Typing or scanning a receipt number: a field, the keypad, plain messages.

Used by progress lookup and by rating. A keyboard-wedge scan of a receipt QR
(through ui/devices' scan filter, when installed) fills the field too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from terminal.receipts.number import ReceiptNumber, ReceiptNumberError, parse_receipt_number
from ui.widgets.fields import DigitField
from ui.widgets.labels import label
from ui.widgets.numeric_keypad import NumericKeypad

MAX_TYPED = 20


def receipt_problem_text(reason: str) -> str:
    """A ReceiptNumberError reason in plain words."""
    messages = {
        "empty": QCoreApplication.translate("ReceiptEntry", "Please type the receipt number."),
        "characters": QCoreApplication.translate(
            "ReceiptEntry", "A receipt number has only digits, and X only as the last character."
        ),
        "length": QCoreApplication.translate(
            "ReceiptEntry",
            "A receipt number has 15 characters. Please check for a missing or extra digit.",
        ),
        "date": QCoreApplication.translate(
            "ReceiptEntry", "Digits 5 to 10 are the date it was issued; they are not a real date."
        ),
        "sequence": QCoreApplication.translate(
            "ReceiptEntry", "The part after the date is not valid. Please check it."
        ),
        "check_character": QCoreApplication.translate(
            "ReceiptEntry",
            "The last character does not match the others. Please check each digit.",
        ),
    }
    return messages.get(
        reason, QCoreApplication.translate("ReceiptEntry", "Please check the number.")
    )


def check_receipt_live(text: str) -> tuple[bool | None, str]:
    """Live message while typing: progress until 15 characters, then the verdict."""
    if len(text) < 15:
        return None, QCoreApplication.translate(
            "ReceiptEntry", "{n} of 15 characters entered."
        ).format(n=len(text))
    try:
        parse_receipt_number(text)
    except ReceiptNumberError as exc:
        return False, receipt_problem_text(exc.reason)
    return True, QCoreApplication.translate("ReceiptEntry", "✓ This receipt number looks right.")


class ReceiptEntry(QWidget):
    """Field and keypad side by side (stacked in portrait); ``submitted`` on Enter."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(28)
        column = self.column = QVBoxLayout()  # screens may add a field under the number
        self.field = DigitField(MAX_TYPED, check_receipt_live, allow_x=True)
        self.where = label("", "small")
        column.addWidget(self.field)
        column.addWidget(self.where)
        column.addStretch(1)
        self.box.addLayout(column, 3)
        self.keypad = NumericKeypad()
        self.keypad.bind(self.field.edit, allow_x=True)
        self.box.addWidget(self.keypad, 2)
        self.field.edit.returnPressed.connect(self.submitted)
        self.retranslate()

    def retranslate(self) -> None:
        self.field.caption.setText(self.tr("Receipt number"))
        self.where.setText(
            self.tr("It is printed large on your receipt, for example 0042 261127 0001 7.")
        )
        self.field.recheck()
        self.keypad.retranslate()

    def set_portrait(self, portrait: bool) -> None:
        self.box.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def parsed(self) -> ReceiptNumber:
        """The typed number, or ReceiptNumberError."""
        return parse_receipt_number(self.field.edit.text())

    def set_number(self, number: ReceiptNumber) -> None:
        self.field.set_text(number.format().replace("-", ""))
