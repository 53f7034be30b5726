"""The one error a catalog that cannot be used raises, with every problem found."""

from __future__ import annotations

from collections.abc import Sequence

MAX_SHOWN = 12


class CatalogError(Exception):
    """A catalog was refused. ``problems`` name where each fault is (path, item, field).

    The message is meant for the technician's log and the staff diagnostics screen;
    citizens never see it (they keep using the catalog that was active before).
    """

    def __init__(self, problems: Sequence[str], source: str = "catalog") -> None:
        if not problems:
            raise ValueError("a CatalogError needs at least one problem")
        self.problems = tuple(problems)
        self.source = source
        shown = "\n  ".join(self.problems[:MAX_SHOWN])
        more = len(self.problems) - MAX_SHOWN
        tail = f"\n  … and {more} more" if more > 0 else ""
        count = "1 problem" if len(self.problems) == 1 else f"{len(self.problems)} problems"
        super().__init__(f"{source} refused ({count}):\n  {shown}{tail}")
