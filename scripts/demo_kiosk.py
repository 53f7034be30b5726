"""A kiosk window on a fresh demo store, for scripts/screenshots.py and the UI benchmark.

Simulated camera and microphone, terminal code 0042, operations synchronous, no
on-screen keyboard, the mock voice; shown at the given size (offscreen in both).
"""

from __future__ import annotations

from pathlib import Path

from terminal.catalog import Catalog
from terminal.config import load_config
from terminal.runtime import TerminalCore, start_core
from ui.kiosk import build_kiosk
from ui.main_window import MainWindow
from ui.peripherals import open_peripherals


def open_demo_kiosk(
    data_dir: Path, catalog: Catalog, size: tuple[int, int], **settings: str
) -> tuple[TerminalCore, MainWindow]:
    """A started core on `data_dir` and its kiosk window, shown; `settings` are more
    configuration overrides (e.g. ``{"terminal.locale": "en"}``)."""
    config = load_config(
        None,
        env={},
        overrides={
            "store.data_dir": str(data_dir),
            "terminal.code": "0042",
            "camera.backend": "simulator",
            "microphone.backend": "simulator",
            **settings,
        },
    )
    core = start_core(config, configure_logging=False)
    window = build_kiosk(
        core,
        open_peripherals(config),
        synchronous=True,
        keyboard=False,
        voice_engine="mock",
        catalog=catalog,
    )
    window.resize(*size)
    window.show()
    return core, window
