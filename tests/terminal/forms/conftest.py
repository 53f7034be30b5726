"""Fixtures for the form engine: a form using every field type, and the demo regions."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from terminal.catalog import Catalog, demo_catalog_path, load_catalog
from terminal.forms import FormDefinition, FormSession, parse_form_definition

TODAY = date(2026, 11, 27)


def text(zh: str, en: str) -> dict[str, str]:
    """A bilingual text for definitions written in tests."""
    return {"zh_CN": zh, "en": en}


EVERY_TYPE: dict[str, Any] = {
    "id": "every_type",
    "version": "4",
    "title": text("全部字段类型", "Every field type"),
    "pages": [
        {
            "title": text("基本信息", "Basics"),
            "fields": [
                {"key": "name", "type": "text", "label": text("姓名", "Name"), "required": True,
                 "min_length": 2, "max_length": 10},
                {"key": "note", "type": "long_text", "label": text("说明", "Notes"),
                 "max_length": 50},
                {"key": "plate", "type": "text", "label": text("车牌号", "Plate"),
                 "pattern": {"regex": "[\u4e00-\u9fa5][A-Z][A-Z0-9]{5}",
                             "message": text("车牌号格式不对", "Not a plate number")}},
            ],
        },
        {
            "fields": [
                {"key": "amount", "type": "number", "label": text("金额", "Amount"),
                 "min": 1, "max": 1000, "decimals": 2},
                {"key": "people", "type": "number", "label": text("人数", "People"),
                 "integer": True, "min": 1, "max": 9,
                 "messages": {"max": text("最多{max}人", "At most {max} people")}},
                {"key": "visit", "type": "date", "label": text("日期", "Date"),
                 "min": "today+1", "max": "today+30"},
            ],
        },
        {
            "fields": [
                {"key": "reason", "type": "single_choice", "label": text("原因", "Reason"),
                 "required": True,
                 "choices": [{"value": "lost", "label": text("丢失", "Lost")},
                             {"value": "damaged", "label": text("损坏", "Damaged")},
                             {"value": "expired", "label": text("到期", "Expired")}]},
                {"key": "lost_place", "type": "text", "label": text("丢失地点", "Where"),
                 "required": True, "relevant_when": {"field": "reason", "equals": "lost"}},
                {"key": "services", "type": "multi_choice", "label": text("服务", "Services"),
                 "min_count": 1, "max_count": 2,
                 "relevant_when": {"field": "reason", "in": ["lost", "damaged"]},
                 "choices": [{"value": "post", "label": text("邮寄", "Post")},
                             {"value": "sms", "label": text("短信", "SMS")},
                             {"value": "call", "label": text("电话", "Call")}]},
            ],
        },
        {
            "fields": [
                {"key": "area", "type": "region", "label": text("地区", "Area"),
                 "region_level": "township"},
                {"key": "id_no", "type": "id_number", "label": text("身份证号", "ID number")},
                {"key": "phone", "type": "mobile", "label": text("手机", "Mobile")},
            ],
        },
        {
            "fields": [
                {"key": "credit", "type": "uscc", "label": text("信用代码", "Credit code")},
                {"key": "scan", "type": "attachment", "label": text("扫描件", "Scan"),
                 "min_count": 1, "max_count": 2, "capture": "scanner",
                 "media_types": ["image/jpeg", "application/pdf"]},
                {"key": "call_time", "type": "text", "label": text("方便通话时间", "Call time"),
                 "relevant_when": {"field": "services", "equals": "call"}},
            ],
        },
    ],
}  # fmt: skip


@pytest.fixture(scope="session")
def demo_catalog() -> Catalog:
    """The bundled demo catalog (its region tree serves region fields)."""
    return load_catalog(demo_catalog_path())


@pytest.fixture
def every_type() -> dict[str, Any]:
    """A fresh copy of the every-type definition, to break in a test."""
    return copy.deepcopy(EVERY_TYPE)


@pytest.fixture
def definition(every_type: dict[str, Any]) -> FormDefinition:
    """The every-type form, parsed."""
    return parse_form_definition(every_type)


@pytest.fixture
def session(definition: FormDefinition, demo_catalog: Catalog) -> FormSession:
    """A session on the every-type form with the demo regions and a fixed today."""
    return FormSession(definition, regions=demo_catalog, today=TODAY)
