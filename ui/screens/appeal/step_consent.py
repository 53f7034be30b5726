"""Step 5: the privacy notice — what is collected, why, how long, who sees it —
and the citizen's consent, given by one large button."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.screens.appeal.state import CONSENT_VERSION
from ui.screens.appeal.step import Step
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label
from ui.widgets.scrolling import KineticScrollArea


class ConsentStep(Step):
    """The notice in plain words; Next needs the "I agree" button pressed."""

    def __init__(self, ctx, state) -> None:
        super().__init__(ctx, state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        content = QWidget()
        content.setObjectName("Page")
        column = QVBoxLayout(content)
        column.setSpacing(14)
        self.sections = [(label("", "heading"), label("", "")) for _ in range(4)]
        for heading, text in self.sections:
            column.addWidget(heading)
            column.addWidget(text)
        self.version = label("", "small")
        column.addWidget(self.version)
        column.addStretch(1)
        layout.addWidget(KineticScrollArea(content), 1)
        self.agree = touch_button("", "choice", checkable=True)
        layout.addWidget(self.agree)
        self.agree.toggled.connect(self._toggled)

    def title(self) -> str:
        return self.tr("Your information and your consent")

    def instruction(self) -> str:
        # The button's own words, so the two can never disagree.
        return self.tr("Please read how your information is used, then tap “{button}”.").format(
            button=self.agree_text()
        )

    def agree_text(self) -> str:
        return self.tr("I have read this and I agree")

    def retranslate(self) -> None:
        texts = [
            (
                self.tr("What we collect"),
                self.tr(
                    "What you told us, the place, any photos or voice note, and — unless you "
                    "stay anonymous — your name, ID number and phone number."
                ),
            ),
            (
                self.tr("Why"),
                self.tr(
                    "Only to handle this appeal: to pass it to the department in charge and, "
                    "if you wish, to contact you about it."
                ),
            ),
            (
                self.tr("How long"),
                self.tr(
                    "This terminal locks your information away as soon as you submit and "
                    "deletes it once it has been delivered and the retention period has passed. "
                    "The platform keeps case records as the law requires."
                ),
            ),
            (
                self.tr("Who sees it"),
                self.tr(
                    "Only the staff of the departments handling your appeal. Staff at this "
                    "terminal cannot read it. It is never used for advertising."
                ),
            ),
        ]
        for (heading, text), (h, t) in zip(self.sections, texts, strict=True):
            heading.setText(h)
            text.setText(t)
        self.version.setText(self.tr("Notice version {v}").format(v=CONSENT_VERSION))
        self.agree.setText(self.agree_text())

    def load(self) -> None:
        self.agree.setChecked(self.state.consent)

    def save(self) -> None:
        self.state.consent = self.agree.isChecked()

    def problem(self) -> str | None:
        if not self.state.consent:
            return self.tr("To send the appeal, please tap “{button}”.").format(
                button=self.agree_text()
            )
        return None

    def _toggled(self, on: bool) -> None:
        self.state.consent = on
        self.changed.emit()
