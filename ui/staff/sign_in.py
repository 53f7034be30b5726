"""Staff sign-in: staff id and PIN on the large keypad, checked on the store lane.

What the screen says (docs/staff-mode.md): a wrong PIN shows the tries left; a
locked account shows "locked until HH:MM"; an unknown or disabled id gets one
plain message that does not say which. The PIN field is emptied after every try.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLineEdit, QVBoxLayout

from terminal.staff.accounts import AuthResult
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.staff.mode import StaffMode
from ui.widgets.buttons import touch_button
from ui.widgets.fields import DigitField, TextField
from ui.widgets.labels import label, set_role
from ui.widgets.numeric_keypad import NumericKeypad


class SignInScreen(Screen):
    """Reached only through the hidden gesture; the citizen idle timeout applies."""

    def __init__(self, ctx: KioskContext, staff: StaffMode) -> None:
        super().__init__(ctx)
        self.staff = staff
        self.checking = False
        self.result: AuthResult | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(48, 24, 48, 24)
        grid.setHorizontalSpacing(48)
        column = QVBoxLayout()
        column.setSpacing(16)
        self.heading = label("", "title")
        self.staff_id = TextField(32)
        self.staff_id.edit.setInputMethodHints(
            Qt.InputMethodHint.ImhPreferLatin | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.pin = DigitField(8)
        self.pin.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = label("", "small")
        self.sign_in = touch_button("", "primary")
        for widget in (self.heading, self.staff_id, self.pin, self.message):
            column.addWidget(widget)
        column.addStretch(1)
        column.addWidget(self.sign_in)
        self.keypad = NumericKeypad()
        self.keypad.bind(self.staff_id.edit)
        self.grid, self.column = grid, column
        self._place()
        self.staff_id.touched.connect(lambda _f: self.keypad.bind(self.staff_id.edit))
        self.pin.touched.connect(lambda _f: self.keypad.bind(self.pin.edit))
        self.staff_id.changed.connect(self._update)
        self.pin.changed.connect(self._update)
        self.sign_in.clicked.connect(self.submit)
        self.retranslate()

    def _place(self) -> None:
        """Keypad beside the fields in landscape, under them in portrait; never stretched."""
        self.grid.removeWidget(self.keypad)
        self.grid.removeItem(self.column)
        top = Qt.AlignmentFlag.AlignTop
        self.grid.addLayout(self.column, 0, 0)
        if self.portrait:
            self.grid.addWidget(self.keypad, 1, 0, alignment=top)
        else:
            self.grid.addWidget(self.keypad, 0, 1, alignment=top)
        self.grid.setColumnStretch(0, 1 if self.portrait else 3)
        self.grid.setColumnStretch(1, 0 if self.portrait else 2)

    def set_portrait(self, portrait: bool) -> None:
        changed = portrait != self.portrait
        super().set_portrait(portrait)
        if changed:
            self._place()

    def title(self) -> str:
        return self.tr("Staff sign-in")

    def instruction(self) -> str:
        return self.tr("Type your staff id and PIN.")

    def retranslate(self) -> None:
        self.heading.setText(self.instruction())
        self.staff_id.caption.setText(self.tr("Staff id"))
        self.pin.caption.setText(self.tr("PIN (6 to 8 digits)"))
        self.keypad.retranslate()
        self._update()
        if self.result is not None:
            self._show_result(self.result)

    def _update(self) -> None:
        ready = bool(self.staff_id.text()) and len(self.pin.text()) >= 6
        self.sign_in.setEnabled(ready and not self.checking)
        self.sign_in.setText(self.tr("Checking…") if self.checking else self.tr("Sign in"))

    def submit(self) -> None:
        if self.checking:
            return
        staff_id, pin = self.staff_id.text(), self.pin.edit.text()
        self.pin.clear()
        self.checking = True
        self._update()
        self.ctx.ops.run(
            "store",
            lambda: self.staff.directory().authenticate(staff_id, pin),
            success=self._answered,
            failure=self._not_checked,
            owner=self,
        )

    def _not_checked(self, error: BaseException) -> None:
        """The store could not be asked: the clerk may try again (the banner says why)."""
        self.checking = False
        self._update()
        self.keypad.bind(self.pin.edit)
        self.ctx.ops.fail(error)

    def _answered(self, result: AuthResult) -> None:
        self.checking = False
        self.result = result
        self._update()
        if result.ok and result.account is not None:
            self.staff.begin(result.account.staff_id, result.account.role)
            return
        self._show_result(result)
        self.keypad.bind(self.pin.edit)

    def _show_result(self, result: AuthResult) -> None:
        if result.reason == "wrong_pin":
            text = self.tr("Wrong PIN. Tries left before this account is locked: {n}.").format(
                n=result.remaining_tries or 0
            )
        elif result.reason == "locked":
            tz = ZoneInfo(self.ctx.core.config.terminal.timezone)
            text = self.tr("Too many wrong PINs. This account is locked until {time}.").format(
                time=result.locked_until_text(tz)
            )
        else:  # unknown or disabled: the same words, so the screen does not tell which
            text = self.tr("This staff id cannot sign in here. Ask your supervisor.")
        self.message.setText(text)
        set_role(self.message, "error")

    def discard(self) -> None:
        super().discard()
        self.result = None
        self.message.clear()
