"""The shell: idle timeout, elderly mode, language, status strip, crash path, theme."""

from __future__ import annotations

import logging
from typing import Any

from conftest import commit_text
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton

from terminal.devices.state import DeviceState, DeviceStatus
from ui.peripherals import Peripherals
from ui.screens.crash_screen import CrashScreen
from ui.screens.home import HomeScreen
from ui.theme import HIGH_CONTRAST, MIN_TARGET_PX, MIN_TEXT_PX, NORMAL, contrast_ratio
from ui.theme.palette import TEXT_PAIRS


def test_idle_timeout_discards_every_entry(window: Any, qtbot: Any) -> None:
    window.home.appeal.click()
    wizard = window.current()
    wizard.steps[0].choices.buttons["other"].click()
    wizard.next.click()
    commit_text(wizard.steps[1].text, "楼下噪音很大")
    wizard.steps[1].photo.click()
    assert wizard.state.photos
    window.idle.set_durations(50, 60)
    with qtbot.waitSignal(window.idle.idle, timeout=2000):
        pass
    assert window.overlay.isVisible() and window.overlay.countdown.text()
    qtbot.waitUntil(lambda: isinstance(window.current(), HomeScreen), timeout=3000)
    assert window.screens == [window.home]
    assert wizard.state.description == "" and wizard.state.photos == []
    for edit in window.findChildren(QLineEdit):
        assert edit.text() == ""
    for edit in window.findChildren(QPlainTextEdit):
        assert edit.toPlainText() == ""
    assert not window.overlay.isVisible()


def test_still_there_keeps_the_session(window: Any, qtbot: Any) -> None:
    window.home.appeal.click()
    wizard = window.current()
    wizard.steps[0].choices.buttons["other"].click()
    window.idle.set_durations(50, 5000)
    with qtbot.waitSignal(window.idle.idle, timeout=2000):
        pass
    window.overlay.primary.click()  # "Yes, continue"
    assert window.current() is wizard and wizard.state.category == "other"
    assert not window.overlay.isVisible()


def test_idle_is_off_on_home(window: Any) -> None:
    assert not window.idle.enabled
    window.home.lookup.click()
    assert window.idle.enabled


def test_elderly_mode_grows_text_and_targets(window: Any, qtbot: Any) -> None:
    window.home.appeal.click()
    wizard = window.current()
    before_font = wizard.heading.fontInfo().pixelSize()
    before_button = wizard.next.sizeHint().height()
    window.top_bar.mute.setChecked(True)
    window.top_bar.elderly.click()
    assert window.ctx.theme.elderly
    after_font = wizard.heading.fontInfo().pixelSize()
    assert after_font >= before_font * 1.3 - 1
    assert wizard.next.sizeHint().height() >= before_button * 1.3 - 2
    assert not window.ctx.voice.muted, "elderly mode turns voice on"
    layout = wizard.layout()
    assert layout.spacing() > 14


def test_every_label_and_button_meets_the_floor(window: Any) -> None:
    window.home.appeal.click()
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.text():
            assert label.fontInfo().pixelSize() >= MIN_TEXT_PX, label.text()
    for button in window.findChildren(QPushButton):
        if button.isVisible():
            assert button.height() >= MIN_TARGET_PX and button.width() >= MIN_TARGET_PX


def test_palettes_have_enough_contrast() -> None:
    for palette in (NORMAL, HIGH_CONTRAST):
        for fg, bg in TEXT_PAIRS:
            assert contrast_ratio(getattr(palette, fg), getattr(palette, bg)) >= 4.5, (fg, bg)


def test_language_switch_on_every_screen(window: Any) -> None:
    window.home.appeal.click()
    assert window.current().next.text() == "Next"
    window.top_bar.language.click()
    assert window.ctx.languages.locale == "zh_CN"
    assert window.current().next.text() == "下一步"
    assert window.top_bar.back.text() == "返回"
    assert window.home.appeal.text() == "我要反映诉求"
    window.top_bar.language.click()
    assert window.current().next.text() == "Next"


def test_status_strip_speaks_plain_words(window: Any) -> None:
    strip = window.strip
    assert "Offline" in strip.network.text()  # no sync bridge: everything waits here
    strip.set_devices({"printer": DeviceState(DeviceStatus.PAPER_OUT, "x")})
    assert strip.devices.text() == "Printer: out of paper"
    strip.set_online(True)
    strip.set_queue_depth(3)
    assert strip.network.text() == "● Online" and "3" in strip.queue.text()


def test_the_strip_names_each_device_and_ignores_optional_ones_not_fitted(window: Any) -> None:
    strip = window.strip
    offline, absent = DeviceState(DeviceStatus.OFFLINE, "x"), DeviceState(DeviceStatus.ABSENT)
    strip.set_devices({"camera": absent, "microphone": absent, "scanner": absent})
    assert strip.devices.text() == ""  # a terminal without a camera has no camera problem
    strip.set_devices({"card_reader": absent, "scanner": offline, "camera": offline})
    assert strip.devices.text() == (
        "Camera: not working  ID card reader: not installed  Code scanner: not working"
    )
    window.top_bar.language.click()
    assert strip.devices.text() == "摄像头：故障  读卡器：未安装  扫码器：故障"


def test_devices_that_could_not_be_opened_show_as_offline_with_the_reason() -> None:
    failed = Peripherals(failure="devices could not be opened: ImportError")
    states = failed.states()
    assert set(states) == {"printer", "card_reader", "scanner", "camera", "microphone"}
    assert {s.status for s in states.values()} == {DeviceStatus.OFFLINE}
    assert {s.reason for s in states.values()} == {"devices could not be opened: ImportError"}
    assert Peripherals().states() == {}  # not opened yet: nothing to report


def test_crash_path_logs_no_personal_data_and_recovers(
    window: Any, caplog: Any, qtbot: Any
) -> None:
    window.home.appeal.click()
    wizard = window.current()
    wizard.steps[0].choices.buttons["other"].click()
    with caplog.at_level(logging.ERROR, logger="ui.crash"):
        try:
            raise ValueError("张三 13812345678 lives at 幸福路12号")
        except ValueError as exc:
            window.crash_guard.handle(exc)
    assert isinstance(window.current(), CrashScreen)
    logged = caplog.text
    assert "ValueError" in logged and "13812345678" not in logged and "张三" not in logged
    window.current().call_staff.click()
    assert window.current().staff_note.isVisible()
    window.current().back_button.click()
    assert window.current() is wizard and wizard.state.category == "other"
    window.top_bar.home.click()  # has entries: asks first
    assert window.overlay.isVisible()
    window.overlay.secondary.click()
    assert window.current() is window.home


def test_unhandled_operation_failure_reaches_the_crash_screen(window: Any) -> None:
    def broken() -> None:
        raise RuntimeError("bug")

    window.ctx.ops.run("store", broken)
    assert isinstance(window.current(), CrashScreen)


def test_threaded_operations_call_back_on_the_gui_thread(threaded_window: Any, qtbot: Any) -> None:
    import threading

    seen: list[str] = []
    threaded_window.ctx.ops.run(
        "store",
        lambda: threading.current_thread().name,
        success=lambda name: seen.append(f"{name}>{threading.current_thread().name}"),
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0].startswith("ui-store") and seen[0].endswith(">MainThread")


def test_kinetic_scroll_areas_leave_nothing_behind_once_destroyed(qtbot: Any) -> None:
    """Each grab registers a new gesture type; PySide cached an enum class for each
    (~27 MB over 1,000 citizen sessions, bench/bench_ui_sessions.py)."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QWidget

    from ui.widgets.scrolling import KineticScrollArea

    def gesture_objects() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if type(o).__name__ == "GestureType")

    before = gesture_objects()
    for _ in range(30):
        area = KineticScrollArea(QWidget())
        area.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert gesture_objects() - before < 3


def _ink(button: Any, state: Any) -> str:
    """The mean colour of the opaque pixels of the button's icon in ``state``."""
    from PySide6.QtGui import QColor, QIcon

    image = button.icon().pixmap(48, 48, QIcon.Mode.Normal, state).toImage()
    pixels = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert pixels, "the icon draws nothing"
    mean = [sum(getattr(c, f)() for c in pixels) // len(pixels) for f in ("red", "green", "blue")]
    return QColor(*mean).name()


def test_icons_follow_the_text_colour_of_a_checked_button(window: Any) -> None:
    from PySide6.QtGui import QIcon

    window.top_bar.elderly.click()
    palette = window.ctx.theme.palette
    assert window.top_bar.elderly.isChecked() and palette is HIGH_CONTRAST
    on = _ink(window.top_bar.elderly, QIcon.State.On)
    assert contrast_ratio(on, palette.primary) >= 4.5  # light "A+" on the dark button
    off = _ink(window.top_bar.repeat, QIcon.State.Off)
    assert contrast_ratio(off, palette.surface) >= 4.5


def test_elderly_mode_turns_from_landscape_to_portrait_at_full_width(
    window: Any, qtbot: Any
) -> None:
    window.set_elderly(True)
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: not window.portrait)
    window.resize(1080, 1920)
    qtbot.waitUntil(lambda: window.portrait)
    assert (window.width(), window.height()) == (1080, 1920)
    assert window.top_bar.width() <= 1080


def test_a_store_repaired_at_start_is_told_calmly_on_home(
    config: Any, devices: Any, qtbot: Any
) -> None:
    from conftest import _close, _window

    from terminal.runtime import start_core

    config.data_dir.mkdir(parents=True, exist_ok=True)
    (config.data_dir / "store.sqlite3").write_bytes(b"this is not a database" * 100)
    core = start_core(config, configure_logging=False)
    window = _window(core, devices, synchronous=True)
    try:
        assert [e.kind for e in core.store.events][:1] == ["damaged_moved_aside"]
        notice = window.repair_notice
        assert notice.isVisible() and "staff" in notice.text()
        assert notice.property("role") == "notice"  # calm, not the red banner
        window.home.lookup.click()
        assert not notice.isVisible()
        window.go_home()
        assert notice.isVisible()
    finally:
        _close(window)
        core.close()


def test_no_repair_notice_on_an_ordinary_start(window: Any) -> None:
    assert not window.repair_notice.isVisible()
