"""Walking the citizen and staff screens: each scene brings a fresh kiosk window to one
screen with demo data (fictional names and numbers).

Used by scripts/screenshots.py (every scene × language × orientation × mode) and
by `mashangban selftest` (every scene once, offscreen).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from terminal.devices.state import DeviceStatus
from ui.main_window import MainWindow
from ui.tour_services import SERVICE_SCENES


def commit(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def fill_appeal(w: MainWindow, upto: int) -> None:
    w.home.appeal.click()
    wizard = w.current()
    if upto == 0:
        return
    wizard.steps[0].choices.buttons["urban"].click()
    wizard.steps[0].choices.buttons["urban.road"].click()
    wizard.next.click()
    if upto == 1:
        commit(wizard.steps[1].text, "幸福路12号门口的路灯坏了一个星期，晚上很黑，老人走路不安全。")
        wizard.steps[1].photo.click()
        return
    commit(wizard.steps[1].text, "幸福路12号门口的路灯坏了一个星期，晚上很黑。")
    wizard.steps[1].photo.click()
    wizard.next.click()
    for code in ("530000", "530100", "530102", "530102001"):
        wizard.steps[2].picker.choices.buttons[code].click()
    if upto == 2:
        return
    wizard.steps[2].picker.choices.buttons["530102001001"].click()
    commit(wizard.steps[2].address.edit, "幸福路12号")
    wizard.next.click()
    who = wizard.steps[3]
    who.mode_buttons["typed"].click()
    commit(who.name.edit, "张三")
    who.phone.touched.emit(who.phone)
    for ch in "1381234":
        who.keypad.press(ch)
    if upto == 3:
        return
    for ch in "5678":
        who.keypad.press(ch)
    wizard.next.click()
    if upto == 4:
        return
    wizard.steps[4].agree.click()
    wizard.next.click()


def submit_appeal(w: MainWindow, fault: bool) -> None:
    printer = w.ctx.devices.printer
    if fault:
        printer.set_fault(DeviceStatus.PAPER_OUT)  # type: ignore[union-attr]
    fill_appeal(w, 5)
    w.current().next.click()
    if fault:
        printer.clear()  # type: ignore[union-attr]


def lookup(w: MainWindow) -> None:
    submit_appeal(w, False)
    receipt = w.current().receipt
    w.go_home()
    w.home.lookup.click()
    screen = w.current()
    for ch in receipt.receipt_no.replace("-", "") + receipt.query_code:
        screen.entry.keypad.press(ch)  # the code field takes over after a whole number
    screen.lookup.click()


def lookup_wrong(w: MainWindow) -> None:
    w.home.lookup.click()
    screen = w.current()
    for ch in "004226112700018":
        screen.entry.keypad.press(ch)
    screen.lookup.click()


def rating(w: MainWindow, low: bool) -> None:
    submit_appeal(w, False)
    number = w.current().receipt.receipt_no
    w.go_home()
    w.home.rating.click()
    screen = w.current()
    if not low:
        return
    for ch in number.replace("-", ""):
        screen.entry.keypad.press(ch)
    screen.next.click()
    screen.score_buttons[2].click()
    screen.reasons.buttons["slow"].click()


def staff(w: MainWindow, screen: str) -> None:
    """Staff mode with demo data: a clerk (technician for diagnostics) signed in.

    The one place in ui/ that writes to the store itself: it stages demo data (an
    old receipt, a refused one) for the screenshots, as a test would."""
    import sqlite3
    from datetime import UTC, datetime, timedelta

    from sync.protocol.times import rfc3339
    from terminal.staff.directory import StaffDirectory
    from terminal.submissions.lifecycle import IllegalTransition, OutboxState, transition

    core = w.ctx.core
    role = "technician" if screen == "diagnostics" else "clerk"
    staff_directory = StaffDirectory.for_core(core)
    if staff_directory.get("S001") is None:  # scenes may share one store (the selftest)
        staff_directory.add("S001", "王敏", role, "482916", actor="technician:cli")
    ids = []
    for fault in (True, False):  # the first with the printer out of paper: unprinted
        submit_appeal(w, fault)
        ids.append(w.current().confirmed.submission_id)  # type: ignore[attr-defined]
        w.go_home()
    at = rfc3339(datetime.now(UTC) - timedelta(hours=3, minutes=12))
    now = rfc3339(datetime.now(UTC))

    def stage(c: sqlite3.Connection) -> None:
        c.execute("UPDATE submissions SET created_at = ? WHERE id = ?", (at, ids[0]))
        try:
            transition(c, [ids[1]], OutboxState.UPLOADING, now=now)
            transition(c, [ids[1]], OutboxState.REJECTED, now=now, error_code="region_unknown",
                       error_detail="region 530102001001 is not served")  # fmt: skip
        except IllegalTransition:
            pass  # on a running kiosk (the accessibility audit) sync may have sent it already

    core.store.writer.run(stage)
    for _ in range(5):
        w.gesture.tap()
    sign_in = w.current()
    if screen == "sign-in":  # after one wrong PIN
        sign_in.staff_id.set_text("S001")
        sign_in.pin.set_text("000111")
        sign_in.sign_in.click()
        return
    sign_in.staff_id.set_text("S001")
    sign_in.pin.set_text("482916")
    sign_in.sign_in.click()
    outbox = w.current()
    if screen == "status":
        outbox.status.click()
    elif screen == "diagnostics":
        outbox.diagnostics.click()
    QCoreApplication.processEvents()  # scroll areas take their new content's size


SCENES: dict[str, Callable[[MainWindow], None]] = {
    "home": lambda w: None,
    "theme": lambda w: w.home.theme_buttons[next(iter(w.home.theme_buttons))].click(),
    "appeal-1-category": lambda w: fill_appeal(w, 0),
    "appeal-2-story": lambda w: fill_appeal(w, 1),
    "appeal-3-place": lambda w: fill_appeal(w, 2),
    "appeal-4-who": lambda w: fill_appeal(w, 3),
    "appeal-5-consent": lambda w: fill_appeal(w, 4),
    "appeal-6-review": lambda w: fill_appeal(w, 5),
    "receipt": lambda w: submit_appeal(w, False),
    "receipt-printer-failed": lambda w: submit_appeal(w, True),
    "lookup": lookup,
    "lookup-wrong-check": lookup_wrong,
    "rating": lambda w: rating(w, False),
    "rating-low-score": lambda w: rating(w, True),
    "idle-countdown": lambda w: (fill_appeal(w, 0), w.idle._on_idle()),
    "crash": lambda w: w.crash_guard.handle(RuntimeError("demo")),
    "staff-sign-in": lambda w: staff(w, "sign-in"),
    "staff-outbox": lambda w: staff(w, "outbox"),
    "staff-status": lambda w: staff(w, "status"),
    "staff-diagnostics": lambda w: staff(w, "diagnostics"),
}
SCENES.update(SERVICE_SCENES)
