"""A locked or full store after a good print, or at staff sign-in, is a calm banner:
the citizen (or clerk) stays on the screen, nothing goes to the crash screen.

Real parts: the real store file held by a second real sqlite3 connection
(BEGIN EXCLUSIVE), and a real SQLITE_FULL from the writer's own page limit.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from staffkit import add_staff, audit_rows, corner_tap, signed_in, type_and_submit

from terminal.config import Config
from terminal.runtime import TerminalCore, receipt_for
from terminal.submissions.confirm import Confirmed
from tests.small_disk import mounted_tmpfs
from tests.terminal.core.helpers import appeal, fill_the_disk_under
from ui.lockdown import EXIT_BY_STAFF
from ui.operations import Operations
from ui.screens.crash_screen import CrashScreen
from ui.screens.home import HomeScreen
from ui.screens.receipt import ReceiptScreen
from ui.staff.sign_in import SignInScreen

BUSY_WAIT_MS = 200  # the writer's 5 s busy timeout, shortened for the test


@contextmanager
def write_lock_held(core: TerminalCore) -> Iterator[None]:
    """Another process's view of the store: a second connection holding the write lock.
    The writer is told to wait only BUSY_WAIT_MS for it."""
    core.store.writer.run(lambda c: c.execute(f"PRAGMA busy_timeout = {BUSY_WAIT_MS}"))
    holder = sqlite3.connect(core.paths.store_file, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """This module's stores live on a small filesystem of their own (a real full disk)."""
    with mounted_tmpfs(tmp_path / "disk", 24) as disk:
        d = disk / "data"
        d.mkdir()
        yield d


@pytest.fixture
def config(config: Config, tmp_path: Path) -> Config:
    """The UI tests' configuration with no disk reserve (the small disk is meant to fill)
    and an ESC/POS printer writing to a file on another disk (the simulator saves its
    receipt images in the data directory, which is full)."""
    printer = dataclasses.replace(
        config.printer,
        backend="escpos",
        escpos_connection="file",
        escpos_target=str(tmp_path / "printer.bin"),
    )
    store = dataclasses.replace(config.store, min_free_disk_mb=0)
    return dataclasses.replace(config, store=store, printer=printer)


def print_state(core: TerminalCore, confirmed: Confirmed) -> str:
    return str(
        core.store.read(
            lambda c: c.execute(
                "SELECT print_state FROM submissions WHERE id = ?", (confirmed.submission_id,)
            ).fetchone()[0]
        )
    )


def receipt_screen(window: Any, core: TerminalCore, confirmed: Confirmed) -> ReceiptScreen:
    receipt = receipt_for(core, confirmed.receipt_no, online=False, locale="en")
    return ReceiptScreen(window.ctx, receipt, confirmed)


def no_crash(window: Any) -> bool:
    return window.crash_guard.count == 0 and not any(
        isinstance(s, CrashScreen) for s in window.screens
    )


def test_a_locked_store_after_a_good_print_keeps_the_citizen_on_the_receipt(
    qtbot: Any, threaded_window: Any, core: TerminalCore
) -> None:
    window = threaded_window
    confirmed = core.confirm(appeal())
    screen = receipt_screen(window, core, confirmed)
    # The io lane may still be building the search index (slow on a loaded machine):
    # the print waits behind it, so the waits below are generous.
    with write_lock_held(core):
        window.push(screen)  # prints on the io lane, then records "printed" on the store lane
        qtbot.waitUntil(window.trouble.isVisible, timeout=30_000)
        qtbot.waitUntil(lambda: not window.ctx.ops.busy, timeout=30_000)
    assert window.current() is screen and screen.print_state == "printed"
    assert "take your printed receipt" in screen.print_status.text()
    assert window.trouble.kind == "busy"
    assert "wait a little and try again" in window.trouble.text()
    assert window.trouble.text() in window.ctx.voice.spoken
    assert no_crash(window)
    assert print_state(core, confirmed) == "unprinted"  # staff see it and can reprint
    screen.done.click()
    assert isinstance(window.current(), HomeScreen) and not window.trouble.isVisible()


def test_a_full_disk_after_a_good_print_is_a_banner_in_the_citizens_language(
    window: Any, core: TerminalCore
) -> None:
    confirmed = core.confirm(appeal("路灯坏了"))
    filler = fill_the_disk_under(core)  # a real full disk: the next store write fails
    screen = receipt_screen(window, core, confirmed)
    window.push(screen)
    assert window.current() is screen and screen.print_state == "printed"
    assert window.trouble.isVisible() and window.trouble.kind == "full"
    assert "storage is full" in window.trouble.text()
    window.top_bar.language.click()
    assert window.trouble.text() == "本机存储空间已满，暂时无法保存，请联系工作人员。"
    assert no_crash(window)
    filler.unlink()
    assert print_state(core, confirmed) == "unprinted"


def test_a_locked_store_at_sign_in_lets_the_clerk_try_again(
    qtbot: Any, window: Any, core: TerminalCore
) -> None:
    add_staff(core)
    for _ in range(5):
        corner_tap(qtbot, window)
    screen = window.current()
    assert isinstance(screen, SignInScreen)
    with write_lock_held(core):
        type_and_submit(screen, "S001", "482916")
    assert window.current() is screen and not screen.checking
    assert window.trouble.kind == "busy" and no_crash(window)
    type_and_submit(screen, "S001", "482916")  # the lock is gone: in
    assert not isinstance(window.current(), SignInScreen)
    assert not window.trouble.isVisible()


def test_a_bug_still_goes_to_the_crash_screen(window: Any) -> None:
    def broken() -> None:
        raise KeyError("a bug, not the machine")

    window.ctx.ops.run("store", broken)
    assert isinstance(window.current(), CrashScreen)
    assert not window.trouble.isVisible()


def test_background_work_is_quiet_about_the_machine_but_not_about_bugs(
    qtbot: Any, core: TerminalCore
) -> None:
    ops = Operations(synchronous=True)
    troubles: list[str] = []
    bugs: list[BaseException] = []
    ops.trouble.connect(troubles.append)
    ops.unhandled.connect(bugs.append)

    def write() -> None:
        core.store.writer.run(lambda c: c.execute("DELETE FROM store_events WHERE 0"))

    with write_lock_held(core):
        ops.run("store", write, failure=ops.quietly("a poll"))  # logged only
        assert troubles == [] and bugs == []
        ops.run("store", write)  # someone asked: the banner
        assert troubles == ["busy"] and bugs == []
    ops.run("store", lambda: {}["missing"], failure=ops.quietly("a poll"))
    assert troubles == ["busy"] and isinstance(bugs[0], KeyError)
    ops.run("store", write)  # the lock is gone
    assert troubles == ["busy"] and len(bugs) == 1


def test_a_technician_leaves_the_kiosk_even_when_the_store_cannot_record_it(
    qtbot: Any, window: Any, core: TerminalCore, monkeypatch: Any
) -> None:
    codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: codes.append(code)))
    screen = signed_in(qtbot, window, core, role="technician")
    with write_lock_held(core):  # the disk to repair is why they leave
        screen.exit_kiosk.click()
    assert codes == [EXIT_BY_STAFF] and no_crash(window)
    assert audit_rows(core, "exit_kiosk") == []  # in the log instead
