"""The loaded catalog: one immutable value with the look-ups screens and sync need.

Replacing the catalog means building a new ``Catalog`` and handing it out; nothing in
one ever changes, so the GUI thread can read it while sync installs the next.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from terminal.catalog.model import (
    AppealCategory,
    Department,
    Item,
    PlatformKey,
    Region,
    Theme,
)
from terminal.forms import AdminLevel, FormDefinition


@dataclass(frozen=True, eq=False)
class Catalog:
    """Departments, themes, items, forms, appeal categories and regions of one version.

    Mappings are read-only and keep the document's order. Look-ups raise KeyError
    for an unknown code; ``find_*`` variants return None instead.
    """

    version: str
    sha256: str  # of the exact bytes it was loaded from
    departments: Mapping[str, Department]
    themes: tuple[Theme, ...]  # in display order
    items: Mapping[str, Item]
    forms: Mapping[str, FormDefinition]
    categories: Mapping[str, AppealCategory]  # every node of the tree, by code
    regions: Mapping[str, Region]  # every node of the tree, by code
    synonyms: tuple[tuple[str, ...], ...]
    platform_keys: tuple[PlatformKey, ...]

    def __post_init__(self) -> None:
        for name in ("departments", "items", "forms", "categories", "regions"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    # --- items and themes -------------------------------------------------------------

    def item(self, code: str) -> Item:
        """The item with this code (KeyError if none)."""
        return self.items[code]

    def find_item(self, code: str) -> Item | None:
        """The item with this code, or None."""
        return self.items.get(code)

    def theme(self, code: str) -> Theme:
        """The theme with this code (KeyError if none)."""
        for theme in self.themes:
            if theme.code == code:
                return theme
        raise KeyError(code)

    def items_of_theme(self, code: str) -> tuple[Item, ...]:
        """A theme's items in the theme's order."""
        return tuple(self.items[c] for c in self.theme(code).item_codes)

    def themes_of_item(self, code: str) -> tuple[Theme, ...]:
        """The themes that list an item."""
        return tuple(t for t in self.themes if code in t.item_codes)

    def department(self, code: str) -> Department:
        """The department with this code (KeyError if none)."""
        return self.departments[code]

    def form(self, form_id: str) -> FormDefinition:
        """The form definition with this id (KeyError if none)."""
        return self.forms[form_id]

    def form_for_item(self, code: str) -> FormDefinition | None:
        """The form an item is applied for with, or None when it has none."""
        form_id = self.items[code].form_id
        return self.forms[form_id] if form_id else None

    # --- appeal categories ----------------------------------------------------------

    @property
    def root_categories(self) -> tuple[AppealCategory, ...]:
        """The top level of the appeal category tree."""
        return tuple(c for c in self.categories.values() if c.parent_code is None)

    def category(self, code: str) -> AppealCategory:
        """The category with this code (KeyError if none)."""
        return self.categories[code]

    def category_children(self, code: str | None) -> tuple[AppealCategory, ...]:
        """A category's children; the roots for None."""
        if code is None:
            return self.root_categories
        return tuple(self.categories[c] for c in self.categories[code].child_codes)

    def category_path(self, code: str) -> tuple[AppealCategory, ...]:
        """From the root down to this category, for a breadcrumb."""
        return _ancestry(self.categories, code)

    # --- regions --------------------------------------------------------------------

    @property
    def root_regions(self) -> tuple[Region, ...]:
        """The top level of the region tree (provinces)."""
        return tuple(r for r in self.regions.values() if r.parent_code is None)

    def region(self, code: str) -> Region:
        """The region with this code (KeyError if none)."""
        return self.regions[code]

    def region_children(self, code: str | None) -> tuple[Region, ...]:
        """A region's children for the picker; the roots for None."""
        if code is None:
            return self.root_regions
        return tuple(self.regions[c] for c in self.regions[code].child_codes)

    def region_path(self, code: str) -> tuple[Region, ...]:
        """From the province down to this region."""
        return _ancestry(self.regions, code)

    def region_full_name(self, code: str, locale: str = "zh_CN") -> str:
        """The region's names joined from the top, e.g. 云南省昆明市五华区."""
        separator = ", " if locale.lower().startswith("en") else ""
        parts = [r.names.get(locale) for r in self.region_path(code)]
        return separator.join(reversed(parts) if separator else parts)

    def region_level(self, code: str) -> AdminLevel | None:
        """The level of a region code, or None when unknown (RegionResolver)."""
        region = self.regions.get(code)
        return region.level if region else None

    def region_has_children(self, code: str) -> bool:
        """Whether the tree goes deeper below this region (RegionResolver)."""
        region = self.regions.get(code)
        return bool(region and region.child_codes)


_Node = TypeVar("_Node", AppealCategory, Region)


def _ancestry(nodes: Mapping[str, _Node], code: str) -> tuple[_Node, ...]:
    chain = [nodes[code]]
    while chain[-1].parent_code is not None:
        chain.append(nodes[chain[-1].parent_code])
    return tuple(reversed(chain))
