"""`mashangban selftest`: prove a build works, headless, on a temporary store.

Steps (each a plain line; the exit status is 0 only when all pass):
store    open and migrate a fresh store, pragmas and schema at head
confirm  seal and confirm an appeal with a photo through the real confirm path
receipt  render the receipt to a page and to ESC/POS; decode the page's QR back
screens  bring every citizen screen up once (ui/tour.py) and check it drew
sync     start the embedded central on loopback and sync the submissions to it
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from terminal.catalog import CatalogStore
from terminal.config import Config, load_config
from terminal.loadgen import Choices, synthetic_appeal
from terminal.runtime import TerminalCore, receipt_for, start_core


@dataclass(frozen=True)
class StepResult:
    name: str
    ok: bool
    detail: str
    seconds: float


def selftest_config(data_dir: Path) -> Config:
    return load_config(
        None,
        env={},
        overrides={
            "store.data_dir": str(data_dir),
            "terminal.code": "0042",
            "printer.backend": "simulator",
            "camera.backend": "simulator",
            "microphone.backend": "simulator",
            "card_reader.backend": "simulator",
            "sync.start_jitter_s": 0,
        },
    )


def step_store(core: TerminalCore) -> str:
    from terminal.store import migrate
    from terminal.store.engine import assert_pragmas

    core.store.writer.run(assert_pragmas)
    revision = migrate.current_revision(core.store.reader)
    if revision != migrate.head_revision():
        raise AssertionError(f"schema at {revision}, head is {migrate.head_revision()}")
    return f"schema {revision}, pragmas in force"


def step_confirm(core: TerminalCore) -> str:
    choices = Choices.from_catalog(CatalogStore(core.paths.catalog_dir).load())
    rng = random.Random(2026)
    numbers = [
        core.confirm(synthetic_appeal(rng, choices, attachments=1)).receipt_no for _ in range(2)
    ]
    return "receipts " + ", ".join(numbers)


def step_receipt(core: TerminalCore) -> str:
    from terminal.devices.printer.escpos_renderer import EscposOptions, render_escpos
    from terminal.devices.printer.page_renderer import render_image
    from terminal.devices.scanner.image_decode import decode_first
    from terminal.submissions.queue import queue_lines

    receipt = receipt_for(core, queue_lines(core.store)[0].receipt_no, online=False)
    image = render_image(receipt, 80)
    decoded = decode_first(image)
    if decoded != receipt.qr_payload:
        raise AssertionError(f"page QR decodes to {decoded!r}")
    escpos = render_escpos(receipt, EscposOptions(576, True))
    if receipt.qr_payload.encode() not in escpos:
        raise AssertionError("ESC/POS bytes lack the QR payload")
    return f"page {image.width()}×{image.height()} QR ok, ESC/POS {len(escpos)} bytes"


def step_screens(out: Path) -> str:
    """Every scene on its own store: the tour stages demo data (staff, a refused item)."""
    from PySide6.QtCore import QCoreApplication

    from ui.kiosk import build_kiosk
    from ui.peripherals import open_peripherals
    from ui.tour import SCENES

    core = start_core(selftest_config(out / "data"), configure_logging=False)
    devices = open_peripherals(core.config)
    drawn = []
    try:
        for name, scene in SCENES.items():
            window = build_kiosk(
                core, devices, synchronous=True, keyboard=False, voice_engine="mock"
            )
            window.resize(1920, 1080)
            window.show()
            scene(window)
            QCoreApplication.processEvents()
            image = window.grab().toImage()
            colours = {
                image.pixel(x, y)
                for x in range(0, image.width(), 37)
                for y in range(0, image.height(), 37)
            }
            if len(colours) < 4:
                raise AssertionError(f"screen {name} drew nothing")
            image.save(str(out / f"{name}.png"))
            drawn.append(name)
            window.shutdown()
            window.close()
            window.deleteLater()
            QCoreApplication.processEvents()
    finally:
        devices.close()
        core.close()
    return f"{len(drawn)} screens: " + ", ".join(drawn)


def step_sync(core: TerminalCore) -> str:
    from mashangban.embedded_central import central_for
    from sync.service import SyncService
    from terminal.submissions.queue import queue_stats

    with central_for(core) as url:
        service = SyncService(core, url)
        try:
            if not service.probe():
                raise AssertionError(f"central not reachable: {service.probe_error}")
            report = service.run_cycle()
        finally:
            service.close()
    stats = queue_stats(core.store).by_state
    if stats["pending"] or stats["uploading"] or stats["rejected"]:
        raise AssertionError(f"not all delivered: {stats}")
    return f"{stats['synced']} synced to {url} ({report.__class__.__name__})"


def run_selftest(report: Callable[[StepResult], None]) -> list[StepResult]:
    """Run every step on a temporary data directory; report each as it finishes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 - lives for the screens
    results: list[StepResult] = []
    with tempfile.TemporaryDirectory(prefix="mashangban-selftest-") as tmp:
        core = start_core(selftest_config(Path(tmp) / "data"), configure_logging=False)
        shots = Path(tmp) / "screens"
        shots.mkdir()
        steps: list[tuple[str, Callable[[], str]]] = [
            ("store", lambda: step_store(core)),
            ("confirm", lambda: step_confirm(core)),
            ("receipt", lambda: step_receipt(core)),
            ("screens", lambda: step_screens(shots)),
            ("sync", lambda: step_sync(core)),
        ]
        try:
            for name, step in steps:
                start = time.perf_counter()
                try:
                    detail, ok = step(), True
                except Exception as exc:  # a failed step is the finding; go on with the rest
                    detail, ok = f"{type(exc).__name__}: {exc}", False
                result = StepResult(name, ok, detail, time.perf_counter() - start)
                results.append(result)
                report(result)
        finally:
            core.close()
    return results
