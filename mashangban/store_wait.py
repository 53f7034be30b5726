"""The kiosk's start when the store cannot be used: wait calmly, retry, never crash-loop.

A store that is unreadable for a reason that is not damage (StoreUnavailable:
permissions, an I/O error, a lock, a full disk, a missing file in a used
directory) is left exactly where it is. Exiting would only make systemd
(Restart=always) start the kiosk again and again; instead the kiosk shows
ui/out_of_service.py, tells systemd it is up (READY, watchdog heartbeats), logs one
line per attempt and tries again with a growing delay, up to a minute. Once the
technician has fixed the cause it starts normally, without a restart.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer

from terminal.config import Config
from terminal.paths import DataPaths
from terminal.runtime import TerminalCore, start_core
from terminal.store.access import StoreUnavailable
from terminal.store.owner import LockUnavailable, OwnerLock, claim

log = logging.getLogger(__name__)

RETRY_DELAYS_S = (1, 2, 4, 8, 15, 30, 60)  # then every 60 s
OWNER = "mashangban run"


def _start(config: Config, held: list[OwnerLock]) -> TerminalCore:
    """Own the data directory first (and keep owning it while waiting, so a second
    kiosk is refused even now), then start the core (whose own claim is counted)."""
    if not held:
        paths = DataPaths(config.data_dir)
        try:
            paths.root.mkdir(parents=True, exist_ok=True)
            held.append(claim(paths.root, OWNER))
        except (OSError, LockUnavailable) as exc:  # a folder it may not create or lock
            raise StoreUnavailable("permission", paths.store_file, str(exc)) from None
    return start_core(config, audit_config=True, owner=OWNER)


def _say(exc: Exception, delay_s: int) -> None:
    advice = f" What to do: {exc.advice}" if isinstance(exc, StoreUnavailable) else ""
    # one line to the log and (WARNING and above) to stderr, i.e. the journal
    log.error("kiosk waiting: %s.%s Next try in %d s.", exc, advice, delay_s)


def core_or_wait(config: Config, *, windowed: bool) -> TerminalCore | None:
    """The started core; while the store cannot be used, the out-of-service screen and
    retries. None when the kiosk was asked to stop (SIGTERM) while waiting.

    DataDirBusy is raised (a second kiosk is refused); a waiting kiosk holds the data
    directory, so it is never itself refused while it waits.
    """
    held: list[OwnerLock] = []
    try:
        try:
            return _start(config, held)
        except StoreUnavailable as exc:
            reason: Exception = exc
        return _wait(config, windowed, held, reason)
    finally:
        for lock in held:  # the started core holds its own claim
            lock.release()


def _wait(
    config: Config, windowed: bool, held: list[OwnerLock], reason: Exception
) -> TerminalCore | None:
    from PySide6.QtWidgets import QApplication

    from mashangban.launch import quit_on_signals
    from mashangban.watchdog import Watchdog
    from ui.out_of_service import OutOfService

    app = QApplication.instance() or QApplication(sys.argv)
    screen = OutOfService()
    if windowed or not config.ui.fullscreen:
        screen.resize(1280, 720)
        screen.show()
    else:
        screen.showFullScreen()
    watchdog = Watchdog(screen)  # up and calm: systemd must not restart a waiting kiosk
    watchdog.start()
    watchdog.ready()
    quit_on_signals(app)
    started: list[TerminalCore] = []
    failed: list[Exception] = []
    attempt = 0

    def schedule(why: Exception) -> None:
        nonlocal attempt
        delay = RETRY_DELAYS_S[min(attempt, len(RETRY_DELAYS_S) - 1)]
        attempt += 1
        _say(why, delay)
        QTimer.singleShot(delay * 1000, retry)

    def retry() -> None:
        try:
            started.append(_start(config, held))
        except StoreUnavailable as exc:
            schedule(exc)
            return
        except Exception as exc:  # not a waiting matter: leave the loop, fail as before
            failed.append(exc)
            app.quit()
            return
        log.info("store usable again after %d tries; starting", attempt)
        app.quit()

    schedule(reason)
    app.exec()
    screen.close()
    screen.deleteLater()  # its watchdog timer goes with it (no STOPPING=1 sent)
    if failed:
        raise failed[0]
    return started[0] if started else None
