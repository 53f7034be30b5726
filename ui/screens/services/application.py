"""Applying for an item at the terminal: the item's form page by page (1–3 fields
each, from `FormSession.pages()`), who is applying, then review with consent and
Submit → an `application` submission sealed through core.confirm on the store lane,
and the receipt.

Everything lives in two in-memory `FormSession`s and the photos dict; Back and
Previous keep it all, the idle timeout (discard) drops it.
"""

from __future__ import annotations

import logging

from terminal.forms import FormSession
from ui.catalog_view import CatalogView
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.screens.services.application_draft import agent_form, applicant_form, application_draft
from ui.screens.services.form_page import FormPage
from ui.screens.services.person_page import PersonPage
from ui.screens.services.review import ReviewPage
from ui.screens.services.service_steps import ServiceSteps
from ui.widgets.step_parts import StepBack

log = logging.getLogger(__name__)


class ApplicationScreen(ServiceSteps, StepBack, Screen):
    """Previous / Next in the same place on every page; Submit on the review page."""

    def __init__(self, ctx: KioskContext, item_code: str, view: CatalogView) -> None:
        super().__init__(ctx)
        self.view = view
        self.item = view.catalog.item(item_code)
        definition = view.catalog.form_for_item(item_code)
        assert definition is not None, "only items with a form are applied for here"
        self.session = FormSession(definition, regions=view.catalog)
        self.applicant = FormSession(applicant_form())
        self.agent = FormSession(agent_form())  # 亲友代办: who files for the applicant
        self.for_family = False
        self.card_filled: set[str] = set()  # person pages filled from an ID card
        self.photos: dict[str, bytes] = {}
        self.build_frame()
        self._show()

    # the pages: the form's visible pages, the applicant, the review ---------------
    def pages(self) -> list[tuple[FormSession, tuple]]:
        form = [(self.session, p.fields) for p in self.session.pages()]
        people = [self.applicant, self.agent] if self.for_family else [self.applicant]
        return form + [(s, p.fields) for s in people for p in s.pages()]

    @property
    def on_review(self) -> bool:
        return self.index >= len(self.pages())

    def title(self) -> str:
        return self.tr("Apply here")

    def spoken_heading(self) -> str:
        return self.page_title.text()

    def instruction(self) -> str:
        if self.on_review:
            return self.tr("Check your details, agree, then tap “Submit”.")
        return self.tr("Fill in this page, then tap “Next”.")

    def retranslate(self) -> None:
        self._show()

    def step_number(self) -> tuple[int, int]:
        """(this step, all steps), counted from the form's defined pages, so the total
        is known up front and does not change when a choice shows or hides a page (a
        page that stays hidden is passed over: its number is skipped)."""
        defined = [p for p in self.session.definition.pages if p.field_keys]
        pages = self.pages()
        people = sum(1 for session, _ in pages if session is not self.session)
        total = len(defined) + people + 1
        if self.index >= len(pages):
            return total, total
        session, fields = pages[self.index]
        if session is not self.session:  # the applicant's page, then (亲友代办) the agent's
            return len(defined) + 1 + self.index - (len(pages) - people), total
        first = fields[0].key
        position = next(i for i, p in enumerate(defined) if first in p.field_keys)
        return position + 1, total

    def _show(self) -> None:
        pages = self.pages()
        self.index = min(self.index, len(pages))
        n, total = self.step_number()
        if self.page is not None:
            self.page.setParent(None)
            self.page.deleteLater()
        locale = self.ctx.locale
        if self.on_review:
            self.page = ReviewPage(pages, self.view.catalog, locale, self.consented)
            self.page.change.connect(self._change)
            self.page.consent_changed.connect(self._consent)
            self.page_title.setText(self.tr("Check and submit"))
        else:
            session, fields = pages[self.index]
            args = (fields, session, self.ctx, self.view, self.photos, self.portrait)
            person = session in (self.applicant, self.agent)
            self.page = PersonPage(*args, host=self) if person else FormPage(*args)
            self.page.changed.connect(self._field_changed)
            title = session.pages()[0].title if person else None
            if session is self.session:
                title = session.pages()[self.index].title
            name = self.item.names.get(locale)
            self.page_title.setText(f"{name} · {title.get(locale)}" if title else name)
        self.holder.addWidget(self.page)
        self.page.show()
        self.step_label.setText(self.tr("Step {n} of {total}").format(n=n, total=total))
        self.problem.clear()
        self._update_buttons()
        self.guidance_changed.emit()

    def _update_buttons(self) -> None:
        self.previous.setText(self.tr("Previous"))
        self.previous.setEnabled(self.index > 0 and not self.submitting)
        if self.submitting:
            self.next.setText(self.tr("Saving…"))
        else:
            self.next.setText(self.tr("Submit") if self.on_review else self.tr("Next"))
        self.next.setEnabled(not self.submitting and (not self.on_review or self.consented))

    def _field_changed(self, _key: str) -> None:
        # A choice may show or hide fields of this page: rebuild it (values are kept).
        pages = self.pages()
        shown = tuple(f.key for f in pages[self.index][1]) if self.index < len(pages) else ()
        if shown != tuple(self.page.editors) if isinstance(self.page, FormPage) else False:
            self._show()
        else:
            self.problem.clear()

    def _change(self, index: int) -> None:
        self.index = index
        self._show()

    def _consent(self) -> None:
        self.consented = self.page.consent.isChecked()
        self._update_buttons()

    def set_for_family(self, on: bool) -> None:
        """亲友代办 on or off: the agent's page follows the applicant's (kept when off)."""
        self.for_family = on
        n, total = self.step_number()
        self.step_label.setText(self.tr("Step {n} of {total}").format(n=n, total=total))

    def person_changed(self) -> None:
        self.problem.clear()

    def go_next(self) -> None:
        if self.on_review:
            self.submit()
            return
        if isinstance(self.page, FormPage) and not self.page.show_problems():
            self.tell(self.tr("Please correct what is marked in red first."))
            return
        self.go_to(self.index + 1)

    def has_entries(self) -> bool:
        sessions = (self.session, self.applicant, self.agent)
        return any(s.raw_value(k) is not None for s in sessions for k in s.definition.fields)

    def discard(self) -> None:
        super().discard()
        for session in (self.session, self.applicant, self.agent):
            for key in session.definition.fields:
                session.clear(key)
        self.photos.clear()
        self.consented = False
        self.for_family = False
        self.card_filled.clear()

    def submit(self) -> None:
        draft = application_draft(
            self.item,
            self.view.version,
            self.session,
            self.applicant,
            self.photos,
            self.ctx.locale,
            agent=self.agent if self.for_family else None,
        )
        self.submit_draft(draft, "application")
