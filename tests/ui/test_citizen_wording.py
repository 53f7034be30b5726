"""Issue 11, item 10: what citizen screens say — consent, photo hints, step counts,
ticks with words, masked names and ID numbers, voice buttons without an engine,
the status strip's local time and its one-line offline state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import _close, demo_catalog
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLineEdit

from terminal.forms import FormSession
from ui.kiosk import build_kiosk
from ui.screens.services.field_pickers import PhotoEditor
from ui.tour_services import ID17, detail, form


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_consent_names_the_button_it_asks_for(window: Any, locale: str) -> None:
    from test_ui_appeal_flow import _walk_to_review

    wizard = _walk_to_review(window)
    window.ctx.languages.set_locale(locale)
    consent = wizard.steps[4]
    button = consent.agree.text()
    assert button and f"“{button}”" in consent.instruction()
    consent.agree.setChecked(False)
    assert f"“{button}”" in str(consent.problem())


def test_a_portrait_photo_is_not_held_under_the_camera(window: Any) -> None:
    window.ctx.languages.set_locale("zh_CN")
    definition = demo_catalog().form_for_item("hrss.ss_card.apply")
    assert definition is not None
    session = FormSession(definition, regions=demo_catalog())
    portrait = PhotoEditor(definition.field("photo"), session, "zh_CN", window.ctx, {})
    assert definition.field("photo").label.get("zh_CN") == "本人近期免冠照片"
    assert "证件" not in portrait.status.text() and "摄像头前" in portrait.status.text()
    reissue = demo_catalog().form_for_item("police.id_card.reissue")
    assert reissue is not None
    document = PhotoEditor(
        reissue.field("photo_receipt"), FormSession(reissue, regions=demo_catalog()),
        "zh_CN", window.ctx, {},
    )  # fmt: skip
    assert document.status.text() != portrait.status.text()


def test_the_step_total_is_known_up_front(window: Any) -> None:
    """Choosing “lost” shows more fields; the total said on the first page stays."""
    detail(window)
    window.current().apply.click()
    app = window.current()
    first = app.step_label.text()
    totals = {first.split("共")[-1] if "共" in first else first.split("of")[-1]}
    app.page.editors["reason"].choices.buttons["lost"].click()
    totals.add(app.step_label.text().split("of")[-1])
    numbers = []
    while not app.on_review:
        numbers.append(app.step_number()[0])
        totals.add(app.step_label.text().split("of")[-1])
        app.index += 1
        app._show()
    totals.add(app.step_label.text().split("of")[-1])
    assert len(totals) == 1, totals
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert app.step_number() == (app.step_number()[1],) * 2


def test_a_tick_comes_with_words(window: Any) -> None:
    form(window, 0)
    page = window.current().page
    shown = []
    for editor in page.editors.values():
        if editor.message.text().startswith("✓"):
            shown.append(editor.message.text())
    page.editors["lost_date"].today.click()
    shown.append(page.editors["lost_date"].message.text())
    assert shown and all(m.startswith("✓") for m in shown), shown
    message = shown[-1]
    assert message.startswith("✓") and len(message.strip("✓ ")) >= 2, message


def test_the_application_review_masks_the_name_as_the_appeal_does(window: Any) -> None:
    window.ctx.languages.set_locale("zh_CN")
    form(window, 3)
    review = window.current().page
    assert review.values["name"] == "张*"
    texts = " ".join(lbl.text() for lbl in review.findChildren(type(window.current().problem)))
    assert "张三" not in texts and ID17 not in texts


def test_the_full_id_leaves_the_screen_with_the_who_step(window: Any) -> None:
    from test_ui_appeal_flow import ID_NUMBER, _walk_to_review

    wizard = _walk_to_review(window)
    texts = [edit.text() for edit in window.findChildren(QLineEdit)]
    assert ID_NUMBER not in texts and "13812345678" not in texts
    assert wizard.state.id_number == ID_NUMBER  # kept, only not shown
    wizard.go_to(3)  # back to edit it: shown again
    assert wizard.steps[3].id_number.text() == ID_NUMBER


def test_voice_buttons_without_an_engine_are_off_and_say_why(
    qtbot: Any, core: Any, devices: Any
) -> None:
    window = build_kiosk(
        core, devices, synchronous=True, keyboard=False, voice_engine="none",
        catalog=demo_catalog(),
    )  # fmt: skip
    window.resize(1920, 1080)
    window.show()
    try:
        window.ctx.languages.set_locale("zh_CN")
        bar = window.top_bar
        assert not window.ctx.voice.available
        assert not bar.repeat.isEnabled() and not bar.mute.isEnabled()
        assert bar.mute.text() == "本机无语音"
    finally:
        _close(window)


def test_voice_buttons_with_an_engine_work(window: Any) -> None:
    assert window.ctx.voice.available
    assert window.top_bar.repeat.isEnabled() and window.top_bar.mute.isEnabled()


def test_last_sync_is_local_time_in_words(window: Any) -> None:
    window.ctx.languages.set_locale("zh_CN")
    strip = window.strip
    tz = ZoneInfo(window.ctx.core.config.terminal.timezone)
    now = datetime.now(UTC).replace(microsecond=0)
    strip.set_last_sync(now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    local = now.astimezone(tz)
    assert strip.last_sync.text() == f"上次同步：今天 {local:%H:%M}" or (
        local.date() != datetime.now(tz).date()
    )
    assert "T" not in strip.last_sync.text() and "Z" not in strip.last_sync.text()
    old = now - timedelta(days=3)
    strip.set_last_sync(old.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert f"{old.astimezone(tz):%Y-%m-%d %H:%M}" in strip.last_sync.text()


@pytest.mark.parametrize(
    "layout",
    [(loc, size, eld) for loc in ("zh_CN", "en") for size in ((1920, 1080), (1080, 1920))
     for eld in (False, True)],
    ids=lambda v: f"{v[0]}-{v[1][0]}x{v[1][1]}-{v[2]}",
)  # fmt: skip
def test_the_offline_state_is_on_one_line(window: Any, layout: Any) -> None:
    locale, size, elderly = layout
    window.ctx.languages.set_locale(locale)
    window.resize(*size)
    window.set_elderly(elderly)
    window.strip.set_online(False)
    window.strip.set_last_sync("2026-12-03T09:10:34Z")
    for _ in range(3):
        QApplication.processEvents()
    network = window.strip.network
    metrics = QFontMetrics(network.font())
    assert "离线" in network.text() or "Offline" in network.text()
    assert metrics.horizontalAdvance(network.text()) <= network.width()
    assert network.height() < 2 * metrics.lineSpacing()
    # The strip is inside the window, whole.
    shown = network.visibleRegion().boundingRect()
    assert shown.size() == network.size()
    assert window.strip.geometry().bottom() <= window.height()


@pytest.mark.parametrize(
    "layout",
    [(loc, size, eld) for loc in ("zh_CN", "en") for size in ((1920, 1080), (1080, 1920))
     for eld in (False, True)],
    ids=lambda v: f"{v[0]}-{v[1][0]}x{v[1][1]}-{v[2]}",
)  # fmt: skip
def test_the_character_count_stays_in_sight_after_a_photo(window: Any, layout: Any) -> None:
    from ui.tour import fill_appeal

    locale, size, elderly = layout
    window.ctx.languages.set_locale(locale)
    window.resize(*size)
    window.set_elderly(elderly)
    fill_appeal(window, 1)  # text typed and a photo taken
    for _ in range(3):
        QApplication.processEvents()
    story = window.current().step
    assert story.photos.count == 1
    count = story.count
    assert count.visibleRegion().boundingRect().size() == count.size(), count.text()
    assert count.height() >= QFontMetrics(count.font()).height()
