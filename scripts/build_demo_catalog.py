"""Build resources/catalog/demo-catalog.json from the tables in scripts/demo_catalog/.

    python scripts/build_demo_catalog.py           # write the file
    python scripts/build_demo_catalog.py --check   # exit 1 if the file is out of date

The output is deterministic (sorted by the tables' order, two-space indent, UTF-8), so
the committed JSON can be checked against the tables in CI.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_catalog import (
    categories,
    departments,
    forms_business,
    forms_people,
    forms_work,
    items_assets,
    items_care,
    items_family,
    items_work,
    regions,
    themes,
)

VERSION = "2026.11.3"
OUTPUT = Path(__file__).resolve().parent.parent / "resources" / "catalog" / "demo-catalog.json"


def build() -> dict[str, Any]:
    """The whole demo catalog document."""
    return {
        "version": VERSION,
        "published_at": "2026-11-20T08:00:00Z",
        "departments": departments.departments(),
        "themes": themes.themes(),
        "items": items_care.ITEMS + items_family.ITEMS + items_work.ITEMS + items_assets.ITEMS,
        "forms": forms_people.FORMS + forms_work.FORMS + forms_business.FORMS,
        "appeal_categories": categories.categories(),
        "regions": regions.regions(),
        "synonyms": themes.SYNONYMS,
    }


def render(document: dict[str, Any]) -> bytes:
    """The exact bytes written to the file."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write the file, or with --check report whether it matches the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data = render(build())
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != data:
            print(f"{args.output} is out of date: run scripts/build_demo_catalog.py")
            return 1
        return 0
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
