"""The attachment names that damaged store copies hold, for the orphan-file sweep.

A sealed file that any store names, damaged or not, is never swept. Salvage
writes ``damaged/<copy>.names.json`` (``{"complete": bool, "names": [...]}``);
a copy without that list (moved by an older version, or whose salvage failed) is
read here, from a scratch copy. If any copy cannot be read completely, the answer
is None, and the sweep deletes nothing: an orphan costs disk space, a deleted
photo costs a citizen's submission.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from terminal.paths import DataPaths
from terminal.store.salvage_read import read_damaged

log = logging.getLogger(__name__)

NAMES_SUFFIX = ".names.json"


def names_file(damaged: Path) -> Path:
    """Where the attachment names of a damaged copy are listed."""
    return damaged.with_name(damaged.name + NAMES_SUFFIX)


def _listed(damaged: Path) -> set[str] | None:
    try:
        doc = json.loads(names_file(damaged).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("complete") is not True:
        return None
    names = doc.get("names")
    return {str(n) for n in names} if isinstance(names, list) else None


def _read(damaged: Path) -> set[str] | None:
    try:
        table = read_damaged(damaged, ["attachments"], use_recover=False).table("attachments")
    except OSError:
        return None
    if table is None or table.failed or "sha256" not in table.columns:
        return None
    i = table.columns.index("sha256")
    return {str(r[i]) for r in table.rows.values() if r[i]}


def damaged_names(paths: DataPaths) -> set[str] | None:
    """Every attachment name in damaged/, or None when some copy cannot be fully read."""
    names: set[str] = set()
    if not paths.damaged_dir.is_dir():
        return names
    for copy in sorted(paths.damaged_dir.glob("store-*.sqlite3")):
        found = _listed(copy) if names_file(copy).exists() else _read(copy)
        if found is None:
            log.warning("attachment names of %s cannot all be read", copy.name)
            return None
        names |= found
    return names
