"""Editors that pick rather than type: a date with big +/− buttons, a region down the
region tree, and photos of a material from the camera (taken on the io lane)."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from terminal.forms import AttachmentRef, FieldDefinition, FormSession
from ui.catalog_view import CatalogView
from ui.context import KioskContext
from ui.screens.services.field_base import FieldEditor
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label
from ui.widgets.photo_strip import PhotoStrip
from ui.widgets.region_picker import RegionPicker


class DateEditor(FieldEditor):
    """Year, month and day, each with − and + buttons; “Today” to start from."""

    def __init__(self, definition: FieldDefinition, session: FormSession, locale: str) -> None:
        super().__init__(definition, session, locale)
        row = QHBoxLayout()
        row.setSpacing(14)
        self.parts = {}
        steps = {"year": 365, "month": 30, "day": 1}
        for part, days in steps.items():
            # A spinner: + above the value, − below, like a date wheel.
            column = QVBoxLayout()
            column.setSpacing(6)
            plus, minus = touch_button("+", "key"), touch_button("−", "key")
            shown = label("", "heading", wrap=False)
            shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
            plus.clicked.connect(lambda _=False, p=part, d=days: self._step(p, d))
            minus.clicked.connect(lambda _=False, p=part, d=-days: self._step(p, d))
            for widget in (plus, shown, minus):
                column.addWidget(widget)
            row.addLayout(column, 1)
            self.parts[part] = shown
        self.today = touch_button("", "secondary")
        self.today.clicked.connect(lambda: self._set(date.today()))
        row.addWidget(self.today, 1)
        self._layout.addLayout(row)
        self.finish()

    def current(self) -> date | None:
        return self.session.value(self.key)

    def load(self) -> None:
        chosen = self.current()
        if chosen is None:
            texts = ("—", "—", "—")
        else:
            texts = (str(chosen.year), f"{chosen.month:02d}", f"{chosen.day:02d}")
        units = (self.tr("year"), self.tr("month"), self.tr("day"))
        for shown, text, unit in zip(self.parts.values(), texts, units, strict=True):
            shown.setText(f"{text} {unit}")
        self.today.setText(self.tr("Today"))

    def _step(self, part: str, days: int) -> None:
        start = self.current() or date.today()
        if part == "year":
            moved = _replace_safely(start, year=start.year + (1 if days > 0 else -1))
        elif part == "month":
            month = start.month + (1 if days > 0 else -1)
            year = start.year + (month - 1) // 12
            moved = _replace_safely(start, year=year, month=(month - 1) % 12 + 1)
        else:
            moved = start + timedelta(days=days)
        self._set(moved)

    def _set(self, day: date) -> None:
        self.store(day.isoformat())
        self.load()


def _replace_safely(day: date, **parts: int) -> date:
    """``day`` with another year or month; the 31st becomes the month's last day."""
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(day=last, **parts)
        except ValueError:
            continue
    return day


class RegionEditor(FieldEditor):
    """The appeal wizard's region picker, writing the chosen code into the session."""

    def __init__(
        self, definition: FieldDefinition, session: FormSession, locale: str, view: CatalogView
    ) -> None:
        super().__init__(definition, session, locale)
        self.view = view
        self.picker = RegionPicker(view.regions)
        self.picker.set_locale(locale)
        self.picker.setMinimumHeight(600)  # crumbs, prompt and a few rows of choices
        self._layout.addWidget(self.picker)
        self.picker.changed.connect(self.store)
        self.finish()

    def load(self) -> None:
        code = self.session.raw_value(self.key)
        self.picker.set_path(self.view.region_path(str(code)) if code else [])


class PhotoEditor(FieldEditor):
    """Photos of a document from the camera; the bytes stay in the screen's ``photos``."""

    def __init__(
        self,
        definition: FieldDefinition,
        session: FormSession,
        locale: str,
        ctx: KioskContext,
        photos: dict[str, bytes],
    ) -> None:
        super().__init__(definition, session, locale)
        self.ctx = ctx
        self.photos = photos  # sha256 → JPEG bytes, shared by the whole application
        row = QHBoxLayout()
        self.take = touch_button("", "secondary", "camera")
        self.status = label("", "muted")
        row.addWidget(self.take)
        row.addWidget(self.status, 1)
        self._layout.addLayout(row)
        self.strip = PhotoStrip()
        self._layout.addWidget(self.strip)
        self.take.clicked.connect(self._take)
        self.strip.removed.connect(self._remove)
        self.finish()

    def refs(self) -> list[AttachmentRef]:
        return list(self.session.value(self.key) or ())

    def load(self) -> None:
        self.take.setText(self.tr("Take a photo"))
        self.take.setEnabled(self.ctx.devices.camera is not None)
        self.strip.set_photos(
            [self.photos[r.sha256] for r in self.refs() if r.sha256 in self.photos]
        )
        self.status.setText(self.hint())

    def hint(self) -> str:
        """What to do, for this kind of photo: a portrait is not held under the camera."""
        if not self.ctx.devices.camera:
            return self.tr("The camera is not available. Please ask the staff.")
        if self.definition.photo_of == "person":
            return self.tr(
                "Stand in front of the camera and look at it, then tap the button. "
                "Take off a hat; keep your face in full view."
            )
        return self.tr("Hold the document under the camera, then tap the button.")

    def _take(self) -> None:
        camera = self.ctx.devices.camera
        if camera is None:
            return
        self.take.setEnabled(False)
        self.ctx.ops.run(
            "io", camera.capture, success=self._taken, failure=self._failed, owner=self
        )

    def _taken(self, data: bytes) -> None:
        digest = hashlib.sha256(data).hexdigest()
        self.photos[digest] = data
        refs = self.refs()
        name = f"{self.key}-{len(refs) + 1}.jpg"
        self.store([*refs, AttachmentRef(digest, "image/jpeg", name)])
        self.load()

    def _failed(self, _error: BaseException) -> None:
        self.load()
        self.status.setText(self.tr("No photo was taken. Please try again."))

    def _remove(self, index: int) -> None:
        refs = self.refs()
        del refs[index]
        self.store(refs)
        self.load()
