"""Step 4: who is appealing — read the ID card, type name/ID/phone, or stay
anonymous (with a plain explanation of what is still shared)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from terminal.devices.idcard.card import CardReadFailure, IdCard
from terminal.masking import mask_id_number, mask_name
from ui.screens.appeal.checks import check_id_number, check_mobile, check_name
from ui.screens.appeal.step import Step
from ui.widgets.buttons import touch_button
from ui.widgets.fields import DigitField, TextField
from ui.widgets.labels import label
from ui.widgets.numeric_keypad import NumericKeypad

CARD_READ_TIMEOUT_S = 10.0


class WhoStep(Step):
    """Three ways to say who you are; the keypad types digits into the touched field."""

    def __init__(self, ctx, state) -> None:
        super().__init__(ctx, state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        self.modes = modes = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        modes.setSpacing(16)
        self.mode_buttons = {
            "card": touch_button("", "choice", "card", checkable=True),
            "typed": touch_button("", "choice", "tile", checkable=True),
            "anonymous": touch_button("", "choice", None, checkable=True),
        }
        for mode, button in self.mode_buttons.items():
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            modes.addWidget(button)
        layout.addLayout(modes)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)

        self.contact = QWidget()
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.contact)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(28)
        fields = QVBoxLayout()
        fields.setSpacing(10)
        self.card_row = QHBoxLayout()
        self.read_card = touch_button("", "secondary", "card")
        self.card_status = label("", "muted")
        self.card_row.addWidget(self.read_card)
        self.card_row.addWidget(self.card_status, 1)
        fields.addLayout(self.card_row)
        self.name = TextField(max_length=30, checker=check_name)
        self.id_number = DigitField(18, check_id_number, allow_x=True)
        self.phone = DigitField(11, check_mobile)
        self.reply = touch_button("", "choice", checkable=True)
        for widget in (self.name, self.id_number, self.phone, self.reply):
            fields.addWidget(widget)
        fields.addStretch(1)
        self.box.addLayout(fields, 3)
        self.keypad = NumericKeypad()
        self.box.addWidget(self.keypad, 2)
        self.pages.addWidget(self.contact)

        self.anonymous_page = QWidget()
        anon = QVBoxLayout(self.anonymous_page)
        self.anon_text = label("", "notice")
        anon.addWidget(self.anon_text)
        anon.addStretch(1)
        self.pages.addWidget(self.anonymous_page)
        self.blank = label("", "muted")
        self.pages.addWidget(self.blank)
        self.pages.setCurrentWidget(self.blank)
        self._card_identity: tuple[str, str] | None = None

        for field in (self.id_number, self.phone):
            field.touched.connect(self._bind_keypad)
            field.changed.connect(self.changed)
        self.name.changed.connect(self.changed)
        self.keypad.typed.connect(self.changed)
        self.read_card.clicked.connect(self.start_card_read)
        self.reply.toggled.connect(self._reply_toggled)
        self._bind_keypad(self.phone)

    def title(self) -> str:
        return self.tr("Who is making this appeal?")

    def instruction(self) -> str:
        return self.tr(
            "Place your ID card on the reader, or type your details, or choose to stay anonymous."
        )

    def retranslate(self) -> None:
        self.mode_buttons["card"].setText(self.tr("Read my ID card"))
        self.mode_buttons["typed"].setText(self.tr("Type my details"))
        self.mode_buttons["anonymous"].setText(self.tr("Stay anonymous"))
        self.read_card.setText(self.tr("Read the card now"))
        self.name.caption.setText(self.tr("Name"))
        self.id_number.caption.setText(self.tr("ID number (optional)"))
        self.phone.caption.setText(self.tr("Mobile phone"))
        self.reply.setText(self.tr("Please contact me about the result"))
        self.blank.setText(self.tr("Choose one of the three ways above."))
        self.anon_text.setText(
            self.tr(
                "Your name, ID number and phone number will not be sent.\n\n"
                "Still sent to the department: what you described, the place, and any photos "
                "or voice note — so do not say your name in them if you want to stay unknown.\n\n"
                "Without a phone number nobody can call you back, but you can follow progress "
                "with your receipt number."
            )
        )
        for field in (self.name, self.id_number, self.phone):
            field.recheck()
        self.keypad.retranslate()
        if self.ctx.devices.card_reader is None:
            self.mode_buttons["card"].setEnabled(False)
        self._show_card_state()

    def set_mode(self, mode: str) -> None:
        """Choose card, typed or anonymous; what was typed or read stays for a switch back."""
        self.save()
        self.state.identity_mode = mode
        if mode == "card":
            self.state.name, self.state.id_number = self._card_identity or ("", "")
        elif mode == "typed":
            self.state.name, self.state.id_number = self.name.text(), self.id_number.text()
        for name, button in self.mode_buttons.items():
            button.setChecked(name == mode)
        self.pages.setCurrentWidget(self.anonymous_page if mode == "anonymous" else self.contact)
        from_card = mode == "card"
        self.read_card.setVisible(from_card)
        self.card_status.setVisible(from_card)
        self.name.setVisible(not from_card)
        self.id_number.setVisible(not from_card)
        self._show_card_state()
        if from_card and not self.state.name:
            self.start_card_read()
        self.changed.emit()

    def load(self) -> None:
        self.phone.set_text(self.state.phone)
        if self.state.identity_mode == "typed":
            self.name.set_text(self.state.name)
            self.id_number.set_text(self.state.id_number)
        self.reply.setChecked(self.state.wants_reply)
        if self.state.identity_mode:
            self.set_mode(self.state.identity_mode)
        else:
            for button in self.mode_buttons.values():
                button.setChecked(False)
            self.pages.setCurrentWidget(self.blank)

    def save(self) -> None:
        self.state.phone = self.phone.text()
        self.state.wants_reply = self.reply.isChecked()
        if self.state.identity_mode == "typed":
            self.state.name = self.name.text()
            self.state.id_number = self.id_number.text()

    def left(self) -> None:
        """The full ID and phone numbers leave the screen with the citizen (the state
        keeps them; the review shows them masked; Back shows them again to edit)."""
        self.id_number.set_text("")
        self.phone.set_text("")

    def problem(self) -> str | None:
        mode = self.state.identity_mode
        if not mode:
            return self.tr("Please choose one of the three ways above.")
        if mode == "anonymous":
            return None
        if mode == "card" and not self.state.name:
            return self.tr("The card has not been read yet. Tap “Read the card now”.")
        if mode == "typed" and not self.state.name:
            return self.tr("Please type your name.")
        if mode == "typed" and self.state.id_number and self.id_number.verdict() is not True:
            return self.tr("Please check the ID number, or clear it: it is optional.")
        if self.phone.verdict() is not True:
            return self.tr("Please enter your 11-digit mobile number.")
        return None

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        direction = (
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.box.setDirection(direction)
        self.modes.setDirection(direction)

    def _bind_keypad(self, field: DigitField) -> None:
        self.keypad.bind(field.edit, allow_x=field.allow_x)
        field.edit.setFocus()

    def _reply_toggled(self, on: bool) -> None:
        self.state.wants_reply = on

    # ID card ------------------------------------------------------------------
    def start_card_read(self) -> None:
        reader = self.ctx.devices.card_reader
        if reader is None:
            return
        self.read_card.setEnabled(False)
        self.card_status.setText(self.tr("Reading… keep the card on the reader."))
        self.ctx.ops.run(
            "io",
            lambda: reader.read(CARD_READ_TIMEOUT_S),
            success=self._card_read,
            failure=lambda _e: self._card_failed(None),
            owner=self,
        )

    def _card_read(self, result: object) -> None:
        self.read_card.setEnabled(True)
        if isinstance(result, IdCard):
            self._card_identity = (result.name, result.id_number)
            self.ctx.session.id_card_read.emit(result.age_on(date.today()))  # large text?
            if self.state.identity_mode == "card":
                self.state.name, self.state.id_number = self._card_identity
            self._show_card_state()
            self.ctx.voice.say(self.tr("Card read. Now please enter your mobile number."))
            self._bind_keypad(self.phone)
            self.changed.emit()
        else:
            self._card_failed(result if isinstance(result, CardReadFailure) else None)

    def _card_failed(self, failure: CardReadFailure | None) -> None:
        self.read_card.setEnabled(True)
        if failure is None:
            message = self.tr("The card could not be read. Please type your details instead.")
        else:
            message = failure.message_en if self.ctx.locale == "en" else failure.message_zh
        self.card_status.setText(message)
        self.ctx.voice.say(message)

    def _show_card_state(self) -> None:
        if self.state.identity_mode == "card" and self.state.name:
            self.card_status.setText(
                self.tr("From your ID card: {name}, {id}").format(
                    name=mask_name(self.state.name), id=mask_id_number(self.state.id_number)
                )
            )
