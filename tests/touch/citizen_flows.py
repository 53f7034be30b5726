"""Whole citizen flows by taps only (texts as the kiosk shows them in Chinese).

Each flow starts on Home and ends on the receipt; the taps and drags it took are the
kiosk's counters (``Kiosk.taps``/``drags``) across the call. Targets are found by
their text in the screen map, never by fixed coordinates.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path
from typing import Any

from tests.touch.kiosk import Kiosk, sha256, wait_for

PHONE = "13812345678"


def tap_button(kiosk: Kiosk, text: str) -> None:
    kiosk.tap_widget(role="button", text=text)


def type_pinyin(kiosk: Kiosk, letters: str, candidate: str) -> None:
    for letter in letters:
        kiosk.tap_key(letter)
    kiosk.tap_key(candidate, kind="candidate")


def type_digits(kiosk: Kiosk, digits: str) -> None:
    """Tap the app's numeric keypad (its keys are buttons labelled with the digit)."""
    for digit in digits:
        tap_button(kiosk, digit)


def hide_keyboard(kiosk: Kiosk) -> None:
    """Tap the keyboard's own hide key; wait until it is down."""
    hide = wait_for(
        "the keyboard's hide key",
        lambda: next(
            (k for k in kiosk.screen_map()["keys"] if k.get("class", "").startswith("Hide")), None
        ),
    )
    kiosk.tap_rect(hide["rect"])
    wait_for("the keyboard down", lambda: not kiosk.screen_map()["keyboard"]["visible"])


def elderly_on(kiosk: Kiosk) -> None:
    entry = kiosk.find(role="button", text="适老模式")
    if not entry["checked"]:
        kiosk.tap_rect(entry["visible_rect"])
        wait_for("large text on", lambda: kiosk.find(role="button", text="适老模式")["checked"])


def street_light_appeal(kiosk: Kiosk) -> None:
    """Home → 我要反映诉求 → 城市管理 → 道路设施损坏 → "路灯坏了" by pinyin → a photo →
    the community (the terminal's own area is already chosen) → the ID card read, the
    phone on the keypad → I agree → submit; the receipt number shown."""
    kiosk.tap_widget(role="button", text_has="反映诉求")
    tap_button(kiosk, "城市管理  ›")
    tap_button(kiosk, "道路设施损坏")
    field = kiosk.find(role="field", kind="QPlainTextEdit")
    kiosk.tap_rect(field["visible_rect"])
    type_pinyin(kiosk, "ludeng", "路灯")
    type_pinyin(kiosk, "huaile", "坏了")
    wait_for(
        "路灯坏了 typed",
        lambda: (
            kiosk.find(role="field", kind="QPlainTextEdit")["text_sha256"] == sha256("路灯坏了")
        ),
    )
    before = len(kiosk.widgets())
    tap_button(kiosk, "拍照")
    wait_for("the photo shown", lambda: len(kiosk.widgets()) > before)
    tap_button(kiosk, "下一步")
    tap_button(kiosk, "翠湖社区")
    tap_button(kiosk, "下一步")
    tap_button(kiosk, "刷身份证")  # the read starts by itself
    kiosk.find("the card read", role="label", text_has="已读取身份证")
    type_digits(kiosk, PHONE)
    tap_button(kiosk, "下一步")
    tap_button(kiosk, "我已阅读并同意")
    kiosk.find("the review", role="label", text_has="路灯坏了")
    kiosk.find("the photo in the review", role="label", text_has="1 张照片")
    tap_button(kiosk, "提交")
    kiosk.wait_screen("ReceiptScreen")


def ss_card_application(kiosk: Kiosk, name_pinyin: str, name: str, id_number: str) -> int:
    """Home → search → s, b → 社会保障卡申领 → apply → type, bank → photo → collect →
    phone → name by pinyin, ID on the keypad → I agree → submit. Returns how many of
    the taps only put the pinyin keyboard away (it covers the ID field, and the ID field
    opens its digit layout over the app's keypad: issue 11 items 4 and 5)."""
    kiosk.tap_widget(role="button", text_has="搜索办事")
    tap_button(kiosk, "s")
    tap_button(kiosk, "b")
    kiosk.tap_text("社会保障卡申领")
    tap_button(kiosk, "在本机申请")
    tap_button(kiosk, "首次申领")
    tap_button(kiosk, "中国工商银行")  # both choices made: the page goes on by itself
    before = len(kiosk.find("the photo page", role="button", text="拍照") and kiosk.widgets())
    tap_button(kiosk, "拍照")
    wait_for("the photo shown", lambda: len(kiosk.widgets()) > before)
    tap_button(kiosk, "下一步")
    tap_button(kiosk, "到窗口自取")  # the page's one choice: it goes on by itself
    kiosk.find("the phone page", role="button", text="全部清除")
    type_digits(kiosk, PHONE)
    tap_button(kiosk, "下一步")
    wait_for("the applicant page", lambda: len(kiosk.widgets(role="field")) >= 2 or None)
    name_field = kiosk.widgets(role="field")[0]
    kiosk.tap_rect(name_field["visible_rect"])
    type_pinyin(kiosk, name_pinyin, name)
    hides = 0
    if kiosk.screen_map()["keyboard"]["visible"]:  # it covers the ID field below the name
        hide_keyboard(kiosk)
        hides += 1
    id_field = kiosk.widgets(role="field")[1]
    kiosk.tap_rect(id_field["visible_rect"])
    if kiosk.screen_map()["keyboard"]["visible"]:  # its digit layout over the app's keypad
        hide_keyboard(kiosk)
        hides += 1
    kiosk.find("the keypad's X", role="button", text="X")
    type_digits(kiosk, id_number)
    tap_button(kiosk, "下一步")
    consent = kiosk.find("the consent", role="label", text_has="我同意所填信息")
    kiosk.tap_rect(consent["visible_rect"])  # the label lies on the consent button
    tap_button(kiosk, "提交")
    kiosk.wait_screen("ReceiptScreen")
    return hides


def demo_private_key(data_dir: Path) -> bytes:
    [key_file] = list((data_dir / "demo-central" / "keys").glob("*.json"))
    return base64.b64decode(json.loads(key_file.read_text())["private_key"])


def opened_payloads(kiosk: Kiosk, kind: str) -> list[tuple[sqlite3.Row, dict[str, Any]]]:
    """The kiosk's stored submissions of ``kind``, each with its sealed payload opened
    by the embedded demo platform's private key (what central would read)."""
    from terminal.crypto.sealing import open_sealed

    key = demo_private_key(kiosk.data_dir)
    rows = kiosk.store_rows("SELECT * FROM submissions WHERE kind = ?", kind)
    return [(r, json.loads(open_sealed(key, r["sealed_enc"], r["sealed_ct"]))) for r in rows]
