"""Languages of the screens: Simplified Chinese (default), English, and a pseudo-locale.

Source strings in the code are English, wrapped in ``tr()``; the Chinese comes
from resources/i18n/mashangban_zh_CN.qm (built from the .ts by
scripts/i18n.sh). Installing a translator makes Qt send a LanguageChange
event to every widget, and each screen re-sets its texts (``retranslate``).

The pseudo-locale (Vorta's TRANS_SCALE idea) lengthens every English string by
about 40% and accents it, so clipped buttons and untranslated strings show.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LOCALES = ("zh_CN", "en")
PSEUDO = "pseudo"
_ACCENTS = str.maketrans("aceinousyACEINOUSY", "àçéîñöûšýÀÇÉÎÑÖÛŠÝ")


def qm_path(locale: str) -> Path:
    """Where the compiled translation for ``locale`` lives."""
    return I18N_DIR / f"mashangban_{locale}.qm"


def pseudo_text(source: str, scale: float = 1.4) -> str:
    """``source`` accented and padded to about ``scale`` times its length, placeholders kept."""
    if not source:
        return source
    pad = max(2, math.ceil(len(source) * (scale - 1)))
    out, depth = [], 0
    for ch in source:  # leave {placeholders} alone so .format() still works
        if ch == "{":
            depth += 1
        out.append(ch if depth else ch.translate(_ACCENTS))
        if ch == "}":
            depth = max(0, depth - 1)
    return "⟦" + "".join(out) + " " + "~" * pad + "⟧"


class PseudoTranslator(QTranslator):
    """Translates every string into its pseudo form."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return pseudo_text(source)

    def isEmpty(self) -> bool:
        return False


class Languages(QObject):
    """Installs the translator of the chosen locale into the application."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.locale = "en"
        self._translator: QTranslator | None = None

    @property
    def content_locale(self) -> str:
        """The locale for core messages and catalog texts (pseudo reads English)."""
        return "en" if self.locale in ("en", PSEUDO) else "zh_CN"

    def set_locale(self, locale: str) -> None:
        """Switch to ``zh_CN``, ``en`` or ``pseudo``; widgets get a LanguageChange event."""
        if locale not in (*LOCALES, PSEUDO):
            raise ValueError(f"unknown locale {locale!r}")
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
        self._translator = None
        if locale == "zh_CN":
            translator = QTranslator(self)
            if not translator.load(str(qm_path(locale))):
                raise FileNotFoundError(
                    f"missing translation {qm_path(locale)} (run scripts/i18n.sh)"
                )
            self._translator = translator
        elif locale == PSEUDO:
            self._translator = PseudoTranslator(self)
        QLocale.setDefault(QLocale("zh_CN" if locale == "zh_CN" else "en_US"))
        self.locale = locale
        if self._translator is not None and app is not None:
            app.installTranslator(self._translator)
        # Qt only posts LanguageChange events; the window retranslates at once instead.
        self.changed.emit(locale)

    def uninstall(self) -> None:
        """Take our translator out of the application (the window is closing)."""
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
        self._translator = None
