"""Translations are complete and current; no screen clips its text in zh_CN or en;
Chinese glyphs come from a real CJK font (no tofu)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import _close, _window
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from terminal.runtime import start_core
from tests.conftest import make_config
from ui.i18n import I18N_DIR, pseudo_text
from ui.main_window import MainWindow
from ui.peripherals import open_peripherals

REPO = Path(__file__).resolve().parents[2]
TS = I18N_DIR / "mashangban_zh_CN.ts"


def _scenes() -> dict[str, Any]:
    from ui.tour import SCENES as ALL  # the same scenes as the screenshots and the selftest

    return dict(ALL)


# One scene per distinct screen (the others repeat one of these layouts).
SCENES = {
    name: scene
    for name, scene in _scenes().items()
    if name not in ("receipt", "lookup-wrong-check", "idle-countdown", "rating")
    # Staff scenes create a staff account each: not repeatable in one window (ui/staff
    # has its own tests).
    and not name.startswith("staff")
}


def test_no_unfinished_zh_cn_string() -> None:
    unfinished = [
        m.findtext("source")
        for m in ET.parse(TS).getroot().iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not (m.findtext("translation") or "").strip()
    ]
    assert unfinished == []


def test_ts_is_current_with_the_sources(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (REPO / "ui").rglob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    out = subprocess.run(
        [str(lupdate), "-no-obsolete", *sources, "-ts", str(copy)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "0 new" in out, f"run scripts/i18n.sh: {out}"
    qm = TS.with_suffix(".qm")
    assert qm.is_file() and qm.stat().st_size > 1000


def test_pseudo_locale_lengthens_and_keeps_placeholders() -> None:
    text = pseudo_text("Step {n} of {total}")
    assert len(text) >= len("Step {n} of {total}") * 1.4
    assert text.format(n=1, total=6).count("1") == 1 and "{" not in text.format(n=1, total=6)


def clipped(root: QWidget) -> list[str]:
    """Visible buttons and labels whose text does not fit their width."""
    problems = []
    for button in root.findChildren(QPushButton):
        if not button.isVisibleTo(root) or not button.text():
            continue
        # The style's size hint is exactly what the text, icon and padding need.
        need = max(
            button.sizeHint().width(), QFontMetrics(button.font()).horizontalAdvance(button.text())
        )
        if need > button.width():
            problems.append(f"button {button.text()!r}: {need} > {button.width()}")
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text() or (label.pixmap() and not label.text()):
            continue
        metrics = QFontMetrics(label.font())
        if label.wordWrap():
            if label.heightForWidth(label.width()) > label.height() + 2:
                problems.append(f"label {label.text()[:30]!r}: too tall for {label.height()}")
        else:
            widest = max(metrics.horizontalAdvance(line) for line in label.text().split("\n"))
            if widest > label.width() + 1:
                problems.append(f"label {label.text()[:30]!r}: {widest} > {label.width()}")
    return problems


LAYOUTS = [
    ("zh_CN", (1920, 1080), False),
    ("en", (1920, 1080), False),
    ("zh_CN", (1080, 1920), False),
    ("en", (1080, 1920), False),
    ("zh_CN", (1080, 1920), True),  # the tightest: large text on the narrow screen
    ("en", (1080, 1920), True),
    ("en", (1920, 1080), True),
    ("pseudo", (1920, 1080), False),  # every string 40 % longer (ui/i18n.py)
    ("pseudo", (1080, 1920), False),
]


def _layout_id(layout: tuple[str, tuple[int, int], bool]) -> str:
    locale, (width, height), elderly = layout
    return f"{locale}-{width}x{height}" + ("-elderly" if elderly else "")


@pytest.fixture(scope="module", params=LAYOUTS, ids=_layout_id)
def laid_out(
    request: pytest.FixtureRequest, qapp: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[MainWindow, tuple[int, int]]]:
    """One window per layout (locale, size, elderly mode), shared by that layout's scenes:
    each scene starts from Home as the screenshots' tour does, so building the window
    (store, devices, catalog) once per layout loses nothing."""
    locale, size, elderly = request.param
    data_dir = tmp_path_factory.mktemp("clip-audit")
    config = make_config(
        data_dir,
        terminal__code="0042",
        terminal__locale="en",
        camera__backend="simulator",
        microphone__backend="simulator",
    )
    core = start_core(config, configure_logging=False)
    devices = open_peripherals(config)
    window = _window(core, devices, synchronous=True)
    try:
        window.ctx.languages.set_locale(locale)
        window.resize(*size)
        window.set_elderly(elderly)
        yield window, size
    finally:
        _close(window)
        devices.close()
        core.close()


@pytest.mark.parametrize("scene", list(SCENES))
def test_no_screen_clips_its_text(laid_out: tuple[MainWindow, tuple[int, int]], scene: str) -> None:
    window, size = laid_out
    window.go_home()
    window.idle.restart()
    try:
        SCENES[scene](window)
        QApplication.processEvents()
        found = clipped(window)
        if (window.width(), window.height()) != size:
            found.append(f"window grew to {window.width()}x{window.height()}")
    finally:
        if window.ctx.devices.printer is not None:
            window.ctx.devices.printer.clear()
        window.go_home()  # the next scene (maybe on another layout) starts from Home
    assert found == []


def test_chinese_glyphs_are_in_the_font(window: Any) -> None:
    font = window.home.appeal.font()
    metrics = QFontMetrics(font)
    text = "我要反映诉求进度查询服务评价适老模式回执编号"
    assert all(metrics.inFontUcs4(ord(ch)) for ch in text), font.family()


def test_no_module_hides_translate_behind_an_alias() -> None:
    """lupdate finds tr() and QCoreApplication.translate() calls, not calls through a
    local alias: the receipt number's messages were once English in the Chinese UI."""
    ui_dir = Path(__file__).resolve().parents[2] / "ui"
    aliased = [
        str(path.relative_to(ui_dir))
        for path in ui_dir.rglob("*.py")
        if re.search(r"=\s*QCoreApplication\.translate\b", path.read_text(encoding="utf-8"))
    ]
    assert aliased == []


def test_receipt_number_messages_are_translated(window: Any) -> None:
    from ui.widgets.receipt_entry import check_receipt_live

    window.ctx.languages.set_locale("zh_CN")
    assert check_receipt_live("0042") == (None, "已输入 4 位，共 15 位。")
    ok, text = check_receipt_live("004226112700018")
    assert ok is True and text == "✓ 回执编号格式正确。"
    ok, text = check_receipt_live("004226112700017")
    assert ok is False and "最后一位" in text
