"""Starting the kiosk: config → lock → logging → store → window (Home), then devices and sync.

A store that cannot be used for a reason that is not damage: the out-of-service
screen and retries (store_wait.py). A second kiosk on the same data directory is
refused (DataDirBusy: exit 2, the holder named).

Home is painted first. Right after that first paint the devices are opened (GUI
thread), the watchdog tells systemd READY and sync (with the embedded central)
starts on a thread; a second later the search index is built off-thread. Nothing a
citizen can reach in that second needs them. docs/ui.md ("Start-up") has numbers.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from contextlib import ExitStack
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

from terminal.config import Config
from terminal.runtime import TerminalCore

log = logging.getLogger(__name__)


def quit_on_signals(app: QCoreApplication) -> None:
    """SIGTERM (systemd, a technician) and SIGINT end the event loop cleanly, so sync
    stops, the embedded central is shut down and the store is closed in order.

    ``exit``, not ``quit``: Qt 6's quit first asks every window to close, and the
    kiosk window refuses a close that staff mode did not authorise (ui/lockdown.py),
    which would cancel the stop; systemd would then wait for SIGKILL.

    Python runs signal handlers only between bytecodes; a short timer gives it that
    chance while Qt's loop waits.
    """

    def request_quit(signum: int, _frame: object) -> None:
        log.info("signal %d: shutting down", signum)
        app.exit(0)

    signal.signal(signal.SIGTERM, request_quit)
    signal.signal(signal.SIGINT, request_quit)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)


# Seconds between tries to start sync that failed (a full disk, central's folder not
# writable yet, …); the last one repeats. The kiosk serves offline meanwhile.
SYNC_START_RETRY_S = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0)

# At exit, how long a sync start still under way (the embedded central starting, the
# first enrolment) is waited for: a stop (SIGTERM) must end the kiosk within 5 s.
START_JOIN_S = 2.0


def start_sync_later(
    core: TerminalCore,
    devices: Any,
    late: Any,
    stack: ExitStack,
    on_catalog: Any = None,
    stopping: threading.Event | None = None,
    retry_s: tuple[float, ...] = SYNC_START_RETRY_S,
) -> threading.Thread:
    """Start the embedded central (when needed) and the sync worker off the GUI thread;
    the bridge is made and attached on the GUI thread once the worker runs.

    A start that fails is tried again after ``retry_s`` (1, 2, 4 … then every 60 s)
    until it succeeds or ``stopping`` is set: a kiosk started on a full disk syncs
    once there is room again. ``stack`` gets the central and the worker of the start
    that succeeded, so closing it (after setting ``stopping`` and joining the returned
    thread) stops them in order; a failed try leaves nothing running.
    """
    from PySide6.QtCore import QObject, Qt, Signal, Slot

    class _Started(QObject):  # lives on the GUI thread, where the bridge must be made
        ready = Signal(object)

        @Slot(object)
        def attach(self, worker: Any) -> None:
            from sync.qt_bridge import SyncBridge

            late.attach(SyncBridge(worker, late))  # late.detach() detaches it at exit
            log.info("sync attached")

    started = _Started(late)
    started.ready.connect(started.attach, Qt.ConnectionType.QueuedConnection)

    stop = stopping or threading.Event()

    def start_once() -> Any:
        # Imports here: sync's HTTP stack is not needed for the first paint.
        from mashangban.embedded_central import central_for
        from sync.worker import running_worker
        from terminal.catalog import CatalogStore

        with ExitStack() as attempt:  # a failed try stops what it had started
            server_url = attempt.enter_context(central_for(core))
            worker = attempt.enter_context(
                running_worker(
                    core,
                    server_url,
                    devices=devices.states,
                    catalogs=CatalogStore(core.paths.catalog_dir),
                    on_catalog=on_catalog,  # a new catalog reaches the screens
                )
            )
            if stop.is_set():  # the kiosk is stopping: this start is undone at once
                return None
            stack.enter_context(attempt.pop_all())
        return worker

    def run() -> None:
        tries = 0
        while not stop.is_set():
            try:
                worker = start_once()
            except Exception as exc:  # the kiosk keeps working offline meanwhile
                wait = retry_s[min(tries, len(retry_s) - 1)]
                tries += 1
                log.warning(
                    "sync did not start (try %d: %s: %s); submissions stay queued on this "
                    "terminal; trying again in %.0f s",
                    tries,
                    type(exc).__name__,
                    exc,
                    wait,
                )
                log.debug("sync start failure", exc_info=True)  # the trace for a developer
                stop.wait(wait)
                continue
            if worker is None:
                return
            if tries:
                log.info("sync started after %d failed tries", tries)
            started.ready.emit(worker)
            return

    thread = threading.Thread(target=run, name="sync-start", daemon=True)
    thread.start()
    return thread


def launch(config: Config, *, windowed: bool, exit_after_home: bool = False) -> int:
    """Run the kiosk until its event loop ends; then leave the process at once.

    Everything that must end in order has ended when ``_run`` returns (sync, the
    embedded central, the devices, the store; the log is flushed here). The
    interpreter's own teardown of the widget tree and its garbage collection took
    4-5 s on a busy machine, which a stop (SIGTERM, within 5 s) cannot afford.
    """
    code = _run(config, windowed=windowed, exit_after_home=exit_after_home)
    log.info("stopped (exit status %d)", code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)


def _run(config: Config, *, windowed: bool, exit_after_home: bool) -> int:
    from mashangban.store_wait import core_or_wait

    core = core_or_wait(config, windowed=windowed)  # lock → logging → store, or wait calmly
    if core is None:  # stopped while waiting for a usable store
        return 0
    devices = None
    try:
        from PySide6.QtWidgets import QApplication

        from mashangban.watchdog import Watchdog
        from ui.kiosk import build_kiosk
        from ui.late_sync import LateSync
        from ui.lockdown import Lockdown
        from ui.peripherals import Peripherals, open_peripherals
        from ui.screen_map import install_from_env as install_screen_map
        from ui.tour_channel import install_from_env as install_tour_channel

        # Both before the QApplication exists (platform-notes.md: embedded keyboard).
        os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
        os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
        app = QApplication.instance() or QApplication(sys.argv)
        devices = Peripherals()  # devices: opened once Home is on screen (below)
        late = LateSync()  # sync: attached once started, after the window is shown
        window = build_kiosk(core, devices, sync=late)  # window
        late.setParent(window)
        window.crash_guard.install()
        install_screen_map(window)  # tests/touch/ only: MASHANGBAN_SCREEN_MAP, off by default
        install_tour_channel(window)  # the audit only: MASHANGBAN_TOUR_CHANNEL, off by default
        if windowed or not config.ui.fullscreen:
            window.resize(1280, 720)
            window.show()
        else:  # kiosk use: frameless, on top, keys that would leave swallowed
            lockdown = Lockdown(window)
            window.staff.lockdown = lockdown  # only staff mode can authorise an exit
            lockdown.engage()
        log.info("window shown")

        def open_devices() -> None:  # before sync starts: heartbeats report their states
            try:
                devices.adopt(open_peripherals(config))
                log.info("devices opened")
            except Exception as exc:  # the kiosk goes on: no printer → the QR on screen
                log.exception("devices could not be opened; every device shows offline")
                devices.failure = f"devices could not be opened: {type(exc).__name__}"
            window.feed.refresh_devices()

        window.first_paint.then(open_devices)
        watchdog = Watchdog(window)  # systemd: READY once Home is up, then heartbeats
        watchdog.start()
        window.first_paint.then(watchdog.ready)
        stack = ExitStack()  # closes sync (and the embedded central) before the core
        starter: list[threading.Thread] = []
        stopping = threading.Event()  # ends the sync start's retries at exit
        if exit_after_home:  # start-up measurement (bench/bench_package.py)
            window.first_paint.then(lambda: app.exit(0))  # not quit: see quit_on_signals
        else:  # after Home is painted: the embedded central takes a second or more
            replace_catalog = window.ctx.replace_catalog
            window.first_paint.then(
                lambda: starter.append(
                    start_sync_later(
                        core, devices, late, stack, on_catalog=replace_catalog, stopping=stopping
                    )
                )
            )
        quit_on_signals(app)
        try:
            return int(app.exec())
        finally:
            stopping.set()  # first: a sync start under way winds down meanwhile
            until = time.monotonic() + START_JOIN_S
            watchdog.stop()
            window.ctx.ops.shutdown(wait_for=("store",))  # not for an index still building
            window.shutdown()
            for thread in starter:  # a start still under way: given a moment to end
                thread.join(max(0.0, until - time.monotonic()))
                if thread.is_alive():  # its central ends with this process (--parent-pid)
                    log.warning("sync was still starting at exit; not waiting for it")
            late.detach()
            stack.close()
    finally:
        if devices is not None:
            devices.close()
        core.close()
