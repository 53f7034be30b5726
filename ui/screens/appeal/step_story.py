"""Step 2: what happened — typed on the pinyin keyboard, and/or a recorded voice
note, and/or photos. Any one of them is enough."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from ui.screens.appeal.step import Step
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label, show_text
from ui.widgets.photo_strip import PhotoStrip

MAX_TEXT = 2000
MAX_PHOTOS = 6


class StoryStep(Step):
    """A text box on one side; photo and voice-note buttons on the other."""

    def __init__(self, ctx, state) -> None:
        super().__init__(ctx, state)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(24)
        left = QVBoxLayout()
        self.text_caption = label("", "heading")
        self.text = QPlainTextEdit()
        self.count = label("", "small")
        left.addWidget(self.text_caption)
        left.addWidget(self.text, 1)
        left.addWidget(self.count)
        self.box.addLayout(left, 3)

        media = QWidget()
        right = QVBoxLayout(media)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(12)
        self.media_caption = label("", "heading")
        self.photo = touch_button("", "secondary", "camera")
        self.photos = PhotoStrip()
        self.record = touch_button("", "secondary", "mic")
        self.voice_status = label("", "small")
        self.media_message = label("", "error")
        for widget in (self.media_caption, self.photo, self.photos, self.record):
            right.addWidget(widget)
        right.addWidget(self.voice_status)
        right.addWidget(self.media_message)
        for line in (self.voice_status, self.media_message):
            line.hide()  # shown with words only: an empty line would push the count away
        right.addStretch(1)
        self.box.addWidget(media, 2)

        self.recording = False
        self._seconds = 0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self.text.textChanged.connect(self._text_changed)
        self.photo.clicked.connect(self.take_photo)
        self.photos.removed.connect(self._photo_removed)
        self.record.clicked.connect(self.toggle_recording)

    def title(self) -> str:
        return self.tr("What happened?")

    def instruction(self) -> str:
        return self.tr(
            "Describe the problem in your own words. You can also record your voice "
            "or take photos instead of typing."
        )

    def retranslate(self) -> None:
        self.text_caption.setText(self.tr("In your own words"))
        self.text.setPlaceholderText(
            self.tr(
                "Tap here and type. For example: the street light "
                "outside No. 12 has been broken for a week."
            )
        )
        self.media_caption.setText(self.tr("Or show and tell"))
        self.photo.setText(self.tr("Take a photo"))
        self._update_voice()
        self._update_count()
        if self.ctx.devices.camera is None:
            self.photo.setEnabled(False)
            self.photo.setText(self.tr("No camera on this terminal"))

    def load(self) -> None:
        if self.text.toPlainText() != self.state.description:
            self.text.setPlainText(self.state.description)
        self.photos.set_photos(self.state.photos)
        self._update_voice()

    def save(self) -> None:
        self.state.description = self.text.toPlainText()[:MAX_TEXT]

    def problem(self) -> str | None:
        if self.recording:
            return self.tr("Please tap “Stop recording” first.")
        if not (self.state.description.strip() or self.state.voice_note or self.state.photos):
            return self.tr("Please describe what happened, record your voice, or take a photo.")
        return None

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.box.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def _text_changed(self) -> None:
        if len(self.text.toPlainText()) > MAX_TEXT:
            self.text.setPlainText(self.text.toPlainText()[:MAX_TEXT])
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        self.count.setText(
            self.tr("{n} of {max} characters").format(n=len(self.text.toPlainText()), max=MAX_TEXT)
        )

    # photos ---------------------------------------------------------------
    def take_photo(self) -> None:
        camera = self.ctx.devices.camera
        if camera is None:
            return
        if len(self.state.photos) >= MAX_PHOTOS:
            show_text(self.media_message, self.tr("That is the most photos one appeal can take."))
            return
        self.photo.setEnabled(False)
        self.ctx.ops.run(
            "io", camera.capture, success=self._photo_taken, failure=self._camera_failed, owner=self
        )

    def _photo_taken(self, data: bytes) -> None:
        self.photo.setEnabled(True)
        show_text(self.media_message, "")
        self.state.photos.append(data)
        self.photos.set_photos(self.state.photos)
        self.changed.emit()

    def _camera_failed(self, _error: BaseException) -> None:
        self.photo.setEnabled(True)
        show_text(self.media_message, self.tr("The camera did not work. Please try again or type."))

    def _photo_removed(self, index: int) -> None:
        if 0 <= index < len(self.state.photos):
            del self.state.photos[index]
        self.photos.set_photos(self.state.photos)
        self.changed.emit()

    # voice note -------------------------------------------------------------
    def toggle_recording(self) -> None:
        microphone = self.ctx.devices.microphone
        if microphone is None:
            return
        if self.state.voice_note is not None and not self.recording:
            self.state.voice_note = None  # "Delete my recording"
            self._update_voice()
            self.changed.emit()
            return
        if not self.recording:
            self.recording = True
            self._seconds = 0
            self.ctx.voice.stop()
            self.ctx.ops.run("io", microphone.start, failure=self._mic_failed, owner=self)
            self._tick.start()
        else:
            self.recording = False
            self._tick.stop()
            self.ctx.ops.run(
                "io", microphone.stop, success=self._recorded, failure=self._mic_failed, owner=self
            )
        self._update_voice()

    def _on_tick(self) -> None:
        self._seconds += 1
        if self._seconds >= self.ctx.core.config.microphone.max_seconds:
            self.toggle_recording()
        self._update_voice()

    def _recorded(self, data: bytes) -> None:
        self.state.voice_note = data
        self._update_voice()
        self.changed.emit()

    def _mic_failed(self, _error: BaseException) -> None:
        self.recording = False
        self._tick.stop()
        show_text(self.media_message, self.tr("Recording did not work. Please type instead."))
        self._update_voice()

    def _update_voice(self) -> None:
        if self.ctx.devices.microphone is None:
            self.record.setEnabled(False)
            self.record.setText(self.tr("No microphone on this terminal"))
            show_text(self.voice_status, "")
            return
        if self.recording:
            self.record.setText(self.tr("Stop recording"))
            show_text(
                self.voice_status,
                self.tr("Recording… {m}:{s:02d}").format(
                    m=self._seconds // 60, s=self._seconds % 60
                ),
            )
        elif self.state.voice_note is not None:
            self.record.setText(self.tr("Delete my recording"))
            show_text(self.voice_status, self.tr("Your voice note is attached."))
        else:
            self.record.setText(self.tr("Record my voice"))
            show_text(self.voice_status, "")

    def discard_media(self) -> None:
        self._tick.stop()
        self.recording = False
        self.photos.set_photos([])
