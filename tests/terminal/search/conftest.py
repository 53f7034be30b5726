"""Fixtures for search tests: the demo index, and small catalogs made to order."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence

import pytest

from terminal.catalog import demo_catalog_path, parse_catalog
from terminal.search import SearchIndex

MakeIndex = Callable[..., SearchIndex]


@pytest.fixture(scope="session")
def demo_index() -> SearchIndex:
    """The index of the bundled demo catalog."""
    return SearchIndex.build(parse_catalog(demo_catalog_path().read_bytes()))


@pytest.fixture(scope="session")
def make_index() -> MakeIndex:
    """Builds an index over items given as (code, name[, keywords]) rows.

    ``themes`` maps a theme name to item codes; ``synonyms`` are synonym groups. The
    rest of the catalog (departments, regions, forms) is the demo catalog's.
    """
    base = json.loads(demo_catalog_path().read_bytes())
    template = base["items"][0]

    def build(
        rows: Sequence[tuple[str, ...]],
        themes: dict[str, list[str]] | None = None,
        synonyms: list[list[str]] | None = None,
    ) -> SearchIndex:
        doc = copy.deepcopy(base)
        doc["items"] = []
        for code, name, *keywords in rows:
            item = copy.deepcopy(template)
            item.update(
                code=code,
                names={"zh_CN": name, "en": code},
                keywords=list(keywords),
                form=None,
                completable_at_terminal=False,
            )
            doc["items"].append(item)
        themes = themes or {"我要测试": [row[0] for row in rows]}
        doc["themes"] = [
            {"code": f"t{i}", "names": {"zh_CN": n, "en": n}, "icon": "x", "order": i, "items": c}
            for i, (n, c) in enumerate(themes.items())
        ]
        doc["synonyms"] = synonyms or []
        return SearchIndex.build(parse_catalog(json.dumps(doc, ensure_ascii=False).encode()))

    return build
