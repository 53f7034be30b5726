"""Voice guidance: each screen's title and instruction, and receipt numbers, read aloud.

QtTextToSpeech with the ``speechd`` engine (Mandarin through espeak-ng's
``cmn-latn-pinyin`` voice where installed) or ``mock`` (tests). Speaking never
blocks the GUI thread, and an engine that stays "speaking" with no audio
device to answer is stopped by a guard timer and, after repeated failures,
switched off for the rest of the run.
"""

from __future__ import annotations

import logging
import shutil

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger(__name__)

_MAX_FAILURES = 2
_DIGIT_NAMES_ZH = dict(zip("0123456789X", "零一二三四五六七八九叉", strict=True))


def engine_name(setting: str) -> str | None:
    """The QTextToSpeech engine for ``config.ui.voice_engine``, or None for silence."""
    if setting == "none":
        return None
    available = QTextToSpeech.availableEngines()
    if setting in ("mock", "speechd"):
        return setting if setting in available else None
    # auto: speechd only when a speech dispatcher is installed to talk to.
    if "speechd" in available and shutil.which("speech-dispatcher"):
        return "speechd"
    return None


def spoken_receipt_number(receipt_no: str, locale: str) -> str:
    """The receipt number one character at a time, groups separated by pauses."""
    groups = receipt_no.replace(" ", "-").split("-")
    if locale.startswith("zh"):
        return "，".join(" ".join(_DIGIT_NAMES_ZH.get(c, c) for c in g) for g in groups)
    return ", ".join(" ".join(g) for g in groups)


class VoiceGuide(QObject):
    """Speaks guidance; muting, repeating and a stuck engine are handled here."""

    muted_changed = Signal(bool)
    available_changed = Signal(bool)  # False once a stuck engine is switched off

    def __init__(self, engine: str | None, *, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.muted = not enabled
        self.locale = "zh_CN"
        self.last_text = ""
        self.spoken: list[str] = []  # the last few utterances, for tests and diagnostics
        self._failures = 0
        self._tts: QTextToSpeech | None = None
        if engine is not None:
            self._tts = QTextToSpeech(engine, self)
            self._tts.stateChanged.connect(self._on_state)
        self._guard = QTimer(self)
        self._guard.setSingleShot(True)
        self._guard.timeout.connect(self._on_stuck)

    @property
    def available(self) -> bool:
        """Whether an engine is there to speak (muted or not)."""
        return self._tts is not None

    def set_muted(self, muted: bool) -> None:
        """Mute stops any speech at once."""
        if muted == self.muted:
            return
        self.muted = muted
        if muted:
            self.stop()
        self.muted_changed.emit(muted)

    def set_locale(self, locale: str) -> None:
        """Choose a voice for ``zh_CN`` or ``en``."""
        self.locale = locale
        if self._tts is None:
            return
        want_zh = locale.startswith("zh")
        voices = self._tts.availableVoices()
        chosen = _pick_voice(voices, want_zh)
        if chosen is not None:
            self._tts.setVoice(chosen)

    def say(self, text: str) -> None:
        """Speak ``text`` (replacing anything being said); remembered for Repeat."""
        text = text.strip()
        if not text:
            return
        self.last_text = text
        self.spoken = [*self.spoken[-9:], text]
        if self.muted or self._tts is None:
            return
        self._tts.stop()
        self._tts.say(text)
        # Generous: about 4 characters a second, never under 6 s.
        self._guard.start(max(6000, len(text) * 250))

    def repeat(self) -> None:
        """Say the last thing again (the speaker button)."""
        if self.last_text:
            self.say(self.last_text)

    def stop(self) -> None:
        self._guard.stop()
        if self._tts is not None:
            self._tts.stop()

    def _on_state(self, state: QTextToSpeech.State) -> None:
        if state in (QTextToSpeech.State.Ready, QTextToSpeech.State.Error):
            self._guard.stop()
            if state == QTextToSpeech.State.Error:
                log.warning("voice engine error: %s", self._tts.errorString() if self._tts else "")

    def _on_stuck(self) -> None:
        if self._tts is None:
            return
        self._failures += 1
        self._tts.stop()
        log.warning("voice engine did not finish speaking (no audio device?)")
        if self._failures >= _MAX_FAILURES:
            log.warning("voice guidance switched off: the engine never answers")
            self._tts.deleteLater()
            self._tts = None
            self.available_changed.emit(False)


def _pick_voice(voices: list[QVoice], want_zh: bool) -> QVoice | None:
    def score(voice: QVoice) -> int:
        name = voice.name().lower()
        if want_zh:
            if "cmn-latn-pinyin" in name:
                return 3
            return 2 if "cmn" in name or voice.locale().language().name == "Chinese" else 0
        return 2 if voice.locale().language().name == "English" else 0

    ranked = sorted(voices, key=score, reverse=True)
    return ranked[0] if ranked and score(ranked[0]) > 0 else None
