"""A minimal catalog in the catalog's JSON shape, for a terminal that has none yet.

Only what the appeal flow needs: a few themes, appeal categories and one
region branch down to five levels. Real terminals get their catalog from the
platform (sync-protocol.md §4) or the bundled demo catalog.
"""

from __future__ import annotations

from typing import Any


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh_CN": zh, "en": en}


def _r(code: str, zh: str, en: str, level: str, *children: dict[str, Any]) -> dict[str, Any]:
    return {"code": code, "names": _t(zh, en), "level": level, "children": list(children)}


def _c(code: str, zh: str, en: str, *children: dict[str, Any]) -> dict[str, Any]:
    return {"code": code, "names": _t(zh, en), "children": list(children)}


FALLBACK_CATALOG: dict[str, Any] = {
    "version": "0000.1.0",
    "themes": [
        {"code": "birth", "names": _t("生育服务", "Having a baby"), "icon": "baby", "order": 1},
        {
            "code": "school",
            "names": _t("上学入学", "Going to school"),
            "icon": "school",
            "order": 2,
        },
        {"code": "work", "names": _t("就业创业", "Work and business"), "icon": "work", "order": 3},
        {"code": "housing", "names": _t("住房保障", "Housing"), "icon": "house", "order": 4},
        {"code": "elderly", "names": _t("养老服务", "Old age"), "icon": "elderly", "order": 5},
        {
            "code": "health",
            "names": _t("医疗社保", "Health insurance"),
            "icon": "health",
            "order": 6,
        },
    ],
    "appeal_categories": [
        _c(
            "urban",
            "城市管理",
            "City upkeep",
            _c("urban.road", "道路设施", "Roads and street lights"),
            _c("urban.sanitation", "环境卫生", "Rubbish and cleanliness"),
            _c("urban.noise", "噪音扰民", "Noise"),
        ),
        _c(
            "social",
            "社会保障",
            "Social security",
            _c("social.pension", "养老金", "Pensions"),
            _c("social.medical", "医疗保险", "Medical insurance"),
        ),
        _c("housing", "住房物业", "Housing and property management"),
        _c("traffic", "交通出行", "Transport"),
        _c("market", "市场监管", "Shops and prices"),
        _c("other", "其他", "Something else"),
    ],
    "regions": [
        _r(
            "530000",
            "云南省",
            "Yunnan",
            "province",
            _r(
                "530100",
                "昆明市",
                "Kunming",
                "prefecture",
                _r(
                    "530102",
                    "五华区",
                    "Wuhua District",
                    "county",
                    _r(
                        "530102001",
                        "华山街道",
                        "Huashan Subdistrict",
                        "township",
                        _r("530102001001", "西仓坡社区", "Xicangpo Community", "village"),
                        _r("530102001002", "翠湖社区", "Cuihu Community", "village"),
                    ),
                    _r(
                        "530102002",
                        "护国街道",
                        "Huguo Subdistrict",
                        "township",
                        _r("530102002001", "文明社区", "Wenming Community", "village"),
                    ),
                ),
                _r(
                    "530103",
                    "盘龙区",
                    "Panlong District",
                    "county",
                    _r(
                        "530103001",
                        "拓东街道",
                        "Tuodong Subdistrict",
                        "township",
                        _r("530103001001", "桃源社区", "Taoyuan Community", "village"),
                    ),
                ),
            ),
        )
    ],
}
