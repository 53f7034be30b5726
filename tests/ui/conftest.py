"""UI fixtures: a real kiosk window on a real store, offscreen, with simulated devices.

Operations run synchronously by default so tests read straight down; the
`threaded_window` fixture runs them on the real worker threads instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

# The offscreen platform and a machine without PipeWire say so on stderr; neither
# is about our code. Set before the QApplication exists.
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false")

from PySide6.QtCore import QEvent
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from terminal.catalog import Catalog, demo_catalog_path, load_catalog
from terminal.config import Config
from tests.conftest import make_config
from ui.kiosk import build_kiosk
from ui.main_window import MainWindow
from ui.peripherals import Peripherals, open_peripherals

OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"
# Asking QtMultimedia for audio outputs (the help chime) on a machine without a
# PulseAudio server or VA-API says so once.
AUDIO_NOISE = (r"Couldn't (load|resolve) .*(library|symbols)", r"PulseAudioService: .* failed")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, *AUDIO_NOISE))


@pytest.fixture
def config(data_dir: Path) -> Config:
    """Simulated camera and microphone so the whole appeal can be exercised; English
    screens so assertions read plainly (zh_CN has its own tests)."""
    return make_config(
        data_dir,
        terminal__code="0042",
        terminal__locale="en",
        camera__backend="simulator",
        microphone__backend="simulator",
    )


@pytest.fixture
def devices(config: Config) -> Iterator[Peripherals]:
    opened = open_peripherals(config)
    yield opened
    opened.close()


@cache
def demo_catalog() -> Catalog:
    """The bundled demo catalog; tests name its codes (urban.road, hrss.ss_card.apply …)."""
    return load_catalog(demo_catalog_path())


def _window(core: Any, devices: Peripherals, *, synchronous: bool, **kw: Any) -> MainWindow:
    # The bundled demo catalog (what CatalogStore.load gives a fresh terminal), parsed once.
    kw.setdefault("catalog", demo_catalog())
    window = build_kiosk(
        core, devices, synchronous=synchronous, keyboard=False, voice_engine="mock", **kw
    )
    window.resize(1920, 1080)
    window.show()
    return window


def _close(window: MainWindow) -> None:
    window.shutdown()
    window.close()
    window.deleteLater()
    # processEvents() alone leaves the deferred delete queued: windows piled up, and every
    # later locale change retranslated all of them (the clip audit took minutes).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


@pytest.fixture
def window(qtbot: Any, core: Any, devices: Peripherals) -> Iterator[MainWindow]:
    w = _window(core, devices, synchronous=True)
    yield w
    _close(w)


@pytest.fixture
def threaded_window(qtbot: Any, core: Any, devices: Peripherals) -> Iterator[MainWindow]:
    w = _window(core, devices, synchronous=False)
    yield w
    qtbot.waitUntil(lambda: not w.ctx.ops.busy, timeout=10_000)
    _close(w)


def commit_text(widget: QWidget, text: str) -> None:
    """Put (Chinese) text into a field as an input method would; keyClicks can't."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
