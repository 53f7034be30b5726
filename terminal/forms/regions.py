"""The five administrative levels (GB/T 2260 and the statistical division codes below it).

Shared by the catalog (departments, the region tree) and the form engine (a region
field asks for a code down to a required level). The engine sees the region tree only
through :class:`RegionResolver`, so it does not depend on the catalog.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from terminal.forms.text import LocalizedText


class AdminLevel(StrEnum):
    """省 → 州/市 → 县/区 → 乡/镇/街道 → 村/社区."""

    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"

    @property
    def depth(self) -> int:
        """1 for a province down to 5 for a village."""
        return _DEPTHS[self]

    @property
    def code_length(self) -> int:
        """Digits of a region code at this level: 6, 6, 6, 9, 12."""
        return {1: 6, 2: 6, 3: 6, 4: 9, 5: 12}[self.depth]

    @property
    def label(self) -> LocalizedText:
        """The level's name for screens, e.g. 县（市、区）级."""
        return _LABELS[self]


_DEPTHS = {level: depth for depth, level in enumerate(AdminLevel, start=1)}
_LABELS = {
    AdminLevel.PROVINCE: LocalizedText("省级", "Province"),
    AdminLevel.PREFECTURE: LocalizedText("州（市）级", "Prefecture / city"),
    AdminLevel.COUNTY: LocalizedText("县（市、区）级", "County / district"),
    AdminLevel.TOWNSHIP: LocalizedText("乡（镇、街道）级", "Township / subdistrict"),
    AdminLevel.VILLAGE: LocalizedText("村（社区）级", "Village / community"),
}


class RegionResolver(Protocol):
    """What a region field needs to know about the catalog's region tree."""

    def region_level(self, code: str) -> AdminLevel | None:
        """The level of a known region code, or None when the tree has no such code."""
        ...

    def region_has_children(self, code: str) -> bool:
        """Whether the tree goes deeper below this region."""
        ...
