"""Search from Home (社保 by its initials), a catalog installed by sync reaching the
screens, and the service screens fitting their text in every language and size."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from test_ui_i18n_layout import clipped

from terminal.catalog import demo_catalog_path, parse_catalog
from ui.screens.services.item_detail import ItemDetailScreen
from ui.screens.services.search import SearchScreen


def open_search(window: Any) -> SearchScreen:
    window.home.search.click()
    screen = window.current()
    assert isinstance(screen, SearchScreen)
    return screen


def test_sb_finds_social_insurance_items_and_opens_one(window: Any) -> None:
    search = open_search(window)
    assert window.ctx.catalog.index is not None, "the index is built once per catalog"
    search.keypad.press("s")
    search.keypad.press("b")
    assert search.query.text() == "sb"
    catalog = window.ctx.catalog.catalog
    names = [catalog.item(code).names.zh_CN for code in search.results.cards]
    assert "hrss.ss_card.apply" in search.results.cards
    assert names and all("社" in n and "保" in n for n in names[:3]), names
    search.keypad.press("⌫")
    assert search.query.text() == "s"
    search.keypad.press("b")
    search.results.cards["hrss.ss_card.apply"].click()
    detail = window.current()
    assert isinstance(detail, ItemDetailScreen) and detail.item.code == "hrss.ss_card.apply"


def test_search_finds_hanzi_and_says_when_nothing_matches(window: Any) -> None:
    from conftest import commit_text

    search = open_search(window)
    commit_text(search.query, "身份证")
    assert "police.id_card.reissue" in search.results.cards
    search.query.setText("zzzzq")
    assert not search.results.cards and "Nothing found" in search.status.text()


def test_catalog_installed_from_another_thread_reaches_home_and_themes(
    qtbot: Any, window: Any
) -> None:
    document = json.loads(demo_catalog_path().read_text(encoding="utf-8"))
    document["version"] = "2026.12.1"
    document["themes"] = [t for t in document["themes"] if t["code"] != "tax"]
    newer = parse_catalog(json.dumps(document, ensure_ascii=False).encode())
    old_view = window.ctx.catalog
    assert "tax" in window.home.theme_buttons
    window.home.theme_buttons["health"].click()
    theme = window.current()
    sender = threading.Thread(target=window.ctx.replace_catalog, args=(newer,))
    sender.start()
    sender.join()
    qtbot.waitUntil(lambda: window.ctx.catalog.version == "2026.12.1", timeout=5000)
    assert theme.view is old_view, "an open screen keeps the catalog it started with"
    assert window.ctx.catalog.index is not None
    window.go_home()
    assert "tax" not in window.home.theme_buttons and "health" in window.home.theme_buttons


def _scenes() -> dict[str, Any]:
    def theme(w: Any) -> None:
        w.home.theme_buttons["medical_insurance"].click()

    def detail(w: Any) -> None:
        theme(w)
        w.current().items.cards[next(iter(w.current().items.cards))].click()

    def search(w: Any) -> None:
        open_search(w).query.setText("yibao")

    def form(w: Any) -> None:
        w.home.theme_buttons["id_card"].click()
        w.current().items.cards["police.id_card.reissue"].click()
        w.current().apply.click()
        w.current().page.editors["reason"].choices.buttons["lost"].click()

    def booking(w: Any) -> None:
        w.home.theme_buttons["social_insurance"].click()
        w.current().items.cards["hrss.employee_enrol"].click()
        w.current().appointment.click()

    return {"theme": theme, "detail": detail, "search": search, "form": form, "book": booking}


@pytest.mark.parametrize(
    ("locale", "size", "elderly"),
    [("en", (1920, 1080), False), ("en", (1080, 1920), True), ("zh_CN", (1080, 1920), True)],
)
def test_service_screens_do_not_clip_text(
    window: Any, locale: str, size: tuple[int, int], elderly: bool
) -> None:
    window.ctx.languages.set_locale(locale)
    window.resize(*size)
    window.set_elderly(elderly)
    problems = {}
    for name, scene in _scenes().items():
        window.go_home()
        scene(window)
        for _ in range(3):  # wrapped cards settle their height in a second layout pass
            QApplication.processEvents()
        if found := clipped(window):
            problems[name] = found
    assert problems == {}


def test_index_built_off_the_gui_thread_then_results_follow(
    qtbot: Any, threaded_window: Any
) -> None:
    window = threaded_window
    search = open_search(window)
    search.keypad.press("s")
    search.keypad.press("b")
    qtbot.waitUntil(lambda: "hrss.ss_card.apply" in search.results.cards, timeout=10_000)
    assert window.ctx.catalog.index is not None
