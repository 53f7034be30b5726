"""The service catalog: format, validation, the immutable model and its atomic store.

- :func:`parse_catalog` / :func:`load_catalog`: bytes or a file → :class:`Catalog`,
  after the JSON Schema, the form definitions and the semantic rules all pass;
  otherwise :class:`CatalogError` listing every problem with its place.
- :class:`CatalogStore`: the active catalog on disk; ``install(raw, etag)`` swaps a new
  one in atomically, ``load()`` falls back to the bundled demo catalog.

The model's classes are in :mod:`terminal.catalog.model`; the few that screens name
are exported here too. See docs/catalog.md for the format.
"""

from terminal.catalog.catalog import Catalog
from terminal.catalog.errors import CatalogError
from terminal.catalog.loader import load_catalog, parse_catalog
from terminal.catalog.model import Item, MaterialKind, ProcessingMode
from terminal.catalog.resources import demo_catalog_path, schema_path
from terminal.catalog.store import CatalogSource, CatalogStore

__all__ = [
    "Catalog",
    "CatalogError",
    "CatalogSource",
    "CatalogStore",
    "Item",
    "MaterialKind",
    "ProcessingMode",
    "demo_catalog_path",
    "load_catalog",
    "parse_catalog",
    "schema_path",
]
