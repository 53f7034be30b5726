"""The band the kiosk shows on every screen while it is the demo, in both languages."""

from __future__ import annotations

from typing import Any

from ui.i18n import Languages
from ui.widgets.demo_band import DemoBand


def test_the_band_says_demo_mode_in_chinese_and_goes_once_enrolled(qtbot: Any) -> None:
    languages = Languages()
    demo = [True]
    try:
        languages.set_locale("zh_CN")
        band = DemoBand(lambda: demo[0])
        qtbot.addWidget(band)
        band.show()
        assert band.isVisible() and band.text() == "演示模式 — 提交内容不会转交"
        languages.set_locale("en")
        qtbot.waitUntil(lambda: band.text() == "Demo mode — submissions are not forwarded")
        demo[0] = False  # enrolled from the diagnostics screen: the next screen has none
        band.follow()
        assert not band.isVisible()
    finally:
        languages.uninstall()
