"""A small catalog with the demo catalog's top-level shape, for tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SMALL_CATALOG: dict[str, Any] = {
    "version": "2026.11.3",
    "themes": [{"code": "city", "name": {"zh_CN": "城市管理", "en": "City"}}],
    "appeal_categories": [
        {
            "code": "urban",
            "name": {"zh_CN": "城市管理", "en": "Urban"},
            "children": [
                {"code": "urban.road", "name": {"zh_CN": "道路", "en": "Roads"},
                 "department": "市城市管理局"},
                {"code": "urban.noise", "name": {"zh_CN": "噪声", "en": "Noise"}},
            ],
        }
    ],
    "items": [
        {"code": "hk.birth", "name": {"zh_CN": "出生登记", "en": "Birth registration"},
         "theme": "city", "form": "hk.birth.v1", "department": "530102-GAJ"},
    ],
    "departments": [{"code": "530102-GAJ", "names": {"zh_CN": "五华区公安分局", "en": "Police"}}],
    "forms": [{"code": "hk.birth.v1", "version": "1", "fields": [{"key": "child_name"}]}],
    "regions": [
        {"code": "530102", "name": {"zh_CN": "五华区", "en": "Wuhua"},
         "children": [{"code": "530102001", "name": {"zh_CN": "华山街道", "en": "Huashan"}}]},
    ],
}  # fmt: skip


def write_catalog(path: Path, document: dict[str, Any] | None = None) -> Path:
    """Write ``document`` (default: the small catalog) as JSON; returns the path."""
    path.write_text(json.dumps(document or SMALL_CATALOG, ensure_ascii=False), encoding="utf-8")
    return path
