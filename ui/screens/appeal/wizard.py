"""The appeal wizard: a step counter, one task per page, Previous/Next in the same
place on every page, and a review that submits through the operations layer.

Going back (the wizard's Previous or the top bar's Back) keeps everything:
each page saves into the shared `AppealState` when it is left.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout

from ui.context import KioskContext
from ui.screens.appeal.state import AppealState
from ui.screens.appeal.step import Step
from ui.screens.base import Screen
from ui.screens.submitting import submit_in_background
from ui.widgets.labels import label
from ui.widgets.scrolling import KineticScrollArea
from ui.widgets.step_parts import StepBack, step_footer


class AppealWizard(StepBack, Screen):
    """我要反映诉求, step by step."""

    def __init__(self, ctx: KioskContext) -> None:
        super().__init__(ctx)
        from ui.screens.appeal.step_category import CategoryStep
        from ui.screens.appeal.step_consent import ConsentStep
        from ui.screens.appeal.step_place import PlaceStep
        from ui.screens.appeal.step_review import ReviewStep
        from ui.screens.appeal.step_story import StoryStep
        from ui.screens.appeal.step_who import WhoStep

        self.state = AppealState()
        self.steps: list[Step] = [
            CategoryStep(ctx, self.state),
            StoryStep(ctx, self.state),
            PlaceStep(ctx, self.state),
            WhoStep(ctx, self.state),
            ConsentStep(ctx, self.state),
            ReviewStep(ctx, self.state),
        ]
        self.index = 0
        self.submitting = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(14)
        head = QHBoxLayout()
        self.counter = label("", "step", wrap=False)
        self.heading = label("", "title")
        head.addWidget(self.counter)
        head.addWidget(self.heading, 1)
        layout.addLayout(head)
        self.hint = label("", "muted")
        layout.addWidget(self.hint)
        self.pages = QStackedWidget()
        # Each page scrolls on its own, so a tall page (large text, a portrait
        # keypad) never pushes Previous/Next off the screen.
        self.frames = [KineticScrollArea(step) for step in self.steps]
        for step, frame in zip(self.steps, self.frames, strict=True):
            self.pages.addWidget(frame)
            step.changed.connect(self._update_buttons)
        layout.addWidget(self.pages, 1)
        self.problem, self.previous, self.next = step_footer(layout, self.go_previous, self.go_next)
        review = self.steps[-1]
        review.edit_requested.connect(self.go_to)  # type: ignore[attr-defined]
        self.retranslate()
        self._enter(0)

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    def title(self) -> str:
        return self.tr("File an appeal")

    def spoken_heading(self) -> str:
        return self.counter.text() + " " + self.step.title()

    def instruction(self) -> str:
        return self.step.instruction()

    def retranslate(self) -> None:
        self.previous.setText(self.tr("Previous"))
        for step in self.steps:
            step.retranslate()
        self._update_texts()

    def _update_texts(self) -> None:
        self.counter.setText(
            self.tr("Step {n} of {total}").format(n=self.index + 1, total=len(self.steps))
        )
        self.heading.setText(self.step.title())
        self.hint.setText(self.step.instruction())
        last = self.index == len(self.steps) - 1
        self.next.setText(self.tr("Submit") if last else self.tr("Next"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.problem.clear()
        self.next.setEnabled(not self.submitting)
        self.previous.setVisible(self.index > 0)

    def _enter(self, index: int) -> None:
        if index != self.index:
            self.step.left()
        self.index = index
        self.step.load()
        self.pages.setCurrentWidget(self.frames[index])
        self._update_texts()
        self.guidance_changed.emit()

    def go_to(self, index: int) -> None:
        """Leave the current step (keeping its entries) for step ``index``."""
        self.step.save()
        self._enter(index)

    def go_next(self) -> None:
        self.step.save()
        problem = self.step.problem()
        if problem:
            self.problem.setText(problem)
            self.ctx.voice.say(problem)
            return
        if self.index < len(self.steps) - 1:
            self._enter(self.index + 1)
        else:
            self.submit()

    def has_entries(self) -> bool:
        self.step.save()
        return self.state.has_entries()

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        for step in self.steps:
            step.set_portrait(portrait)

    def discard(self) -> None:
        super().discard()
        self.state.clear()

    def submit(self) -> None:
        """Confirm through the store lane; the receipt screen replaces the wizard."""
        self.submitting = True
        self._update_buttons()
        self.next.setText(self.tr("Saving…"))
        draft = self.state.to_draft(self.ctx.catalog, self.ctx.locale)
        submit_in_background(
            self.ctx,
            draft,
            "appeal",
            owner=self,
            before_receipt=self.state.clear,
            failed=self._failed,
        )

    def _failed(self, message: str | None) -> None:
        self.submitting = False
        self._update_texts()
        if message:
            self.problem.setText(message)
            self.ctx.voice.say(message)
