"""Where the catalog's bundled files are: the JSON Schema and the demo catalog.

They ship in ``resources/catalog`` beside the code (PyInstaller puts ``resources``
under the bundle's root, which ``sys._MEIPASS`` names).
"""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from pathlib import Path


def resource_dir() -> Path:
    """The directory holding catalog.schema.json and demo-catalog.json."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return root / "resources" / "catalog"


def schema_path() -> Path:
    """The catalog's JSON Schema (draft 2020-12)."""
    return resource_dir() / "catalog.schema.json"


def demo_catalog_path() -> Path:
    """The demo catalog a terminal uses until central has sent it one."""
    return resource_dir() / "demo-catalog.json"


@lru_cache(maxsize=1)
def schema_digest() -> str:
    """SHA-256 of catalog.schema.json: a catalog checked against another schema (an
    older or newer application) is checked again."""
    return hashlib.sha256(schema_path().read_bytes()).hexdigest()
