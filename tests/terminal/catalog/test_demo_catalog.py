"""The bundled demo catalog is complete enough for a branch to pilot with."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from terminal.catalog import Catalog, ProcessingMode, parse_catalog
from terminal.forms import AdminLevel, FieldType

REPO = Path(__file__).resolve().parents[3]

THEMES = [
    "我要看病", "我要补办身份证", "我要办社保", "我要办医保", "我要养老", "我要生育", "我要上学",
    "我要就业", "我要开办企业", "我要结婚", "我要买房", "我要开车", "我要出入境", "我要办户口",
    "我要纳税", "我要退休",
]  # fmt: skip


@pytest.fixture(scope="module")
def demo(demo_raw: bytes) -> Catalog:
    """The demo catalog, loaded through every check."""
    return parse_catalog(demo_raw)


def test_sixteen_themes_in_order(demo: Catalog) -> None:
    assert [t.names.zh_CN for t in demo.themes] == THEMES
    assert all(t.names.en and t.icon and len(t.item_codes) >= 6 for t in demo.themes)


def test_items_are_many_and_complete(demo: Catalog) -> None:
    assert len(demo.items) >= 120
    for item in demo.items.values():
        assert item.materials, item.code
        assert item.names.en and item.eligibility.zh_CN and item.keywords, item.code
        assert item.promised_days <= item.legal_days
        if item.completable_at_terminal:
            assert item.form_id in demo.forms, item.code
    modes = Counter(item.mode for item in demo.items.values())
    assert modes[ProcessingMode.ZERO_VISIT] >= 30 and modes[ProcessingMode.ONE_VISIT] >= 30
    names = {item.names.zh_CN for item in demo.items.values()}
    for expected in ("居民身份证补领", "城乡居民基本养老保险参保登记", "医保异地就医备案",
                     "生育登记", "个体工商户设立登记", "不动产登记资料查询", "机动车驾驶证补领",
                     "社会保障卡申领", "灵活就业人员参保登记"):  # fmt: skip
        assert expected in names


def test_departments_span_the_five_levels(demo: Catalog) -> None:
    assert 25 <= len(demo.departments) <= 40
    assert {d.level for d in demo.departments.values()} == set(AdminLevel)
    used = {item.department_code for item in demo.items.values()}
    assert len(used) >= 25


def test_appeal_categories_form_a_tree(demo: Catalog) -> None:
    assert len(demo.categories) >= 20
    roots = [c.code for c in demo.root_categories]
    for code in ("urban", "environment", "utilities", "housing", "labour", "social_security",
                 "medical", "education", "transport", "market", "public_order", "rural",
                 "gov_service"):  # fmt: skip
        assert code in roots
    assert demo.category("labour.wage_arrears").names.zh_CN == "拖欠工资"


def test_region_tree_reaches_villages(demo: Catalog) -> None:
    assert {r.level for r in demo.regions.values()} == set(AdminLevel)
    assert demo.region_full_name("530102001001") == "云南省昆明市五华区华山街道翠湖社区"
    assert [r.code for r in demo.region_path("532301100201")] == [
        "530000", "532300", "532301", "532301100", "532301100201",
    ]  # fmt: skip


def test_forms_cover_every_field_type_and_are_used(demo: Catalog) -> None:
    assert len(demo.forms) >= 15
    types = {f.type for form in demo.forms.values() for f in form.fields.values()}
    assert types == set(FieldType)
    used = {item.form_id for item in demo.items.values()}
    assert set(demo.forms) <= used
    shared = Counter(item.form_id for item in demo.items.values() if item.form_id)
    assert shared["certificate"] >= 5


def test_synonyms_cover_common_abbreviations(demo: Catalog) -> None:
    groups = [set(g) for g in demo.synonyms]
    for pair in ({"身份证", "居民身份证"}, {"社保", "社会保险"}, {"医保", "医疗保障"}):
        assert any(pair <= g for g in groups)


def test_the_json_matches_its_generator() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_demo_catalog.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
