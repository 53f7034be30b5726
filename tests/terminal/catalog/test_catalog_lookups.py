"""Look-ups on the immutable catalog model."""

from __future__ import annotations

import dataclasses

import pytest

from terminal.catalog import Catalog, MaterialKind, ProcessingMode, parse_catalog
from terminal.forms import AdminLevel


@pytest.fixture(scope="module")
def demo(demo_raw: bytes) -> Catalog:
    """The demo catalog."""
    return parse_catalog(demo_raw)


def test_item_by_code_and_its_guide(demo: Catalog) -> None:
    item = demo.item("police.id_card.reissue")
    assert item.names.zh_CN == "居民身份证补领"
    assert item.mode is ProcessingMode.ONE_VISIT and item.mode.label.zh_CN == "跑一次"
    assert (item.legal_days, item.promised_days) == (60, 15)
    assert not item.is_free and item.fee is not None and "20元" in item.fee.zh_CN
    assert item.level is AdminLevel.COUNTY
    assert item.materials[0].kind is MaterialKind.ORIGINAL
    assert demo.department(item.department_code).names.zh_CN == "昆明市公安局五华分局"
    assert demo.form_for_item(item.code) is demo.form("id_card")
    assert demo.find_item("no.such.item") is None
    with pytest.raises(KeyError):
        demo.item("no.such.item")


def test_free_items_and_items_without_a_form(demo: Catalog) -> None:
    item = demo.item("med.chronic_disease")
    assert item.is_free and item.form_id is None and demo.form_for_item(item.code) is None


def test_items_of_a_theme_keep_the_theme_order(demo: Catalog) -> None:
    theme = demo.theme("social_insurance")
    items = demo.items_of_theme("social_insurance")
    assert [i.code for i in items] == list(theme.item_codes)
    assert items[0].code == "hrss.ss_card.apply"
    assert {t.code for t in demo.themes_of_item("med.remote_filing")} == {
        "health",
        "medical_insurance",
    }
    with pytest.raises(KeyError):
        demo.theme("no_theme")


def test_category_tree(demo: Catalog) -> None:
    children = demo.category_children("environment")
    assert [c.code for c in children] == [
        "environment.noise",
        "environment.air",
        "environment.water",
    ]
    assert demo.category("environment.noise").parent_code == "environment"
    assert [c.code for c in demo.category_path("environment.noise")] == [
        "environment",
        "environment.noise",
    ]
    assert demo.category_children(None) == demo.root_categories
    assert demo.category_children("environment.noise") == ()


def test_region_children_and_resolver(demo: Catalog) -> None:
    assert [r.names.zh_CN for r in demo.region_children(None)] == ["云南省"]
    counties = demo.region_children("530100")
    assert counties[0].code == "530102" and counties[0].level is AdminLevel.COUNTY
    assert demo.region_level("530102001") is AdminLevel.TOWNSHIP
    assert demo.region_level("999999") is None
    assert demo.region_has_children("530102001")
    assert not demo.region_has_children("530102004")
    assert demo.region_full_name("530102", "en") == "Wuhua District, Kunming, Yunnan Province"


def test_the_model_cannot_be_changed(demo: Catalog) -> None:
    with pytest.raises(TypeError):
        demo.items["x"] = demo.item("med.remote_filing")  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        demo.item("med.remote_filing").legal_days = 1  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        demo.version = "2099.1.1"  # type: ignore[misc]
